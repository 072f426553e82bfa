/**
 * Trace shapes: spans as a tree of names, kinds, key attributes and counts, their consensus over rounds and their diff (N+1).
 */
package dev.flamegate.trace;
