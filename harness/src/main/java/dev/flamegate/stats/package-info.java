/**
 * Statistics with no flamegate types: trimmed tests on logs, moderated variances, paired and sequential rules, FDR control.
 */
package dev.flamegate.stats;
