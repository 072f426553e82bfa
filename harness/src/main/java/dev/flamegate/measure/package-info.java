/**
 * What one run measured: rounds of metrics, profiles and spans, the environment, warm-up and precision rules.
 */
package dev.flamegate.measure;
