/**
 * The {@code flamegate} command line (picocli): diff, flame, top, compare, ab, jmh-compare, report, post-comment.
 */
package dev.flamegate.cli;
