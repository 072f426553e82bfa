/**
 * The JMH front end: {@link dev.flamegate.jmh.FlamegateJmh} runs benchmarks in forks under the flamegate profiler and
 * gates each against its baseline, as {@link dev.flamegate.gate.GateRules} say.
 */
package dev.flamegate.jmh;
