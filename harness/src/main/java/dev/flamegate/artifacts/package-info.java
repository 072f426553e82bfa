/**
 * What a test or benchmark leaves behind: profiles, flame graphs and diffs, the round chart and {@code result.json}, each written atomically and redacted ({@link dev.flamegate.artifacts.ArtifactWriter}).
 */
package dev.flamegate.artifacts;
