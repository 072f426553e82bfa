/**
 * Flame graphs, single and differential, as self-contained HTML pages, and the changed paths of a diff as text.
 */
package dev.flamegate.flame;
