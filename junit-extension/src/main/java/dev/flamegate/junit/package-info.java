/**
 * The JUnit Jupiter front end: {@link dev.flamegate.junit.ProfiledTest @ProfiledTest} runs a test under profiling and
 * span capture, compares it with its baseline and fails it on a regression, as {@link dev.flamegate.gate.GateRules} say.
 */
package dev.flamegate.junit;
