/**
 * The decision: a run against its baseline, metric by metric, frame by frame and shape by shape, as a {@link dev.flamegate.compare.Comparison} with a verdict.
 */
package dev.flamegate.compare;
