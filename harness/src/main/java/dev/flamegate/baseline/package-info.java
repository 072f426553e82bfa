/**
 * What is committed: baselines of one or more runs, their directory layout and JSON schema, and their atomic replacement.
 */
package dev.flamegate.baseline;
