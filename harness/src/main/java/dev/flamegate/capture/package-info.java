/**
 * Running a workload under async-profiler (or JFR) and in-memory OpenTelemetry span capture, with JIT, GC and thread counters.
 */
package dev.flamegate.capture;
