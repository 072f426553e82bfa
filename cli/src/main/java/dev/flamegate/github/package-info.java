/**
 * The sticky pull-request comment on GitHub.
 */
package dev.flamegate.github;
