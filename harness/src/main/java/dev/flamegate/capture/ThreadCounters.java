package dev.flamegate.capture;

import com.sun.management.OperatingSystemMXBean;
import dev.flamegate.measure.Metric;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the resource counters of the calling thread and the process, cheaply enough to bracket every
 * round: {@link #start()} before, {@link Reading#stop()} after.
 *
 * <p><b>What is counted.</b> {@link Usage#threadCpuNanos()} and {@link Usage#allocatedBytes()} are exact
 * for the <em>calling</em> thread (the one running the workload): work the workload hands to other
 * threads (executors, parallel streams, async clients) is not in them. {@link Usage#processCpuNanos()}
 * is the CPU time of the whole JVM process over the same window, which does include such threads but
 * also the JIT compiler, GC and anything else running concurrently; it is reported as the secondary
 * metric {@link #PROCESS_CPU_TIME}. The profiles (all threads) show where helper-thread time went.
 *
 * <p>Where the JVM does not support a counter it reads 0, and {@link #isThreadCpuSupported()} /
 * {@link #isAllocationSupported()} say so.
 */
public final class ThreadCounters {

    /** CPU time of the whole process per invocation (includes JIT, GC and helper threads). */
    public static final Metric PROCESS_CPU_TIME = new Metric("process.cpu.time", "ns/op", Metric.Better.LOWER);

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.ThreadMXBean SUN_THREADS =
            THREADS instanceof com.sun.management.ThreadMXBean t ? t : null;
    private static final OperatingSystemMXBean OS =
            ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os ? os : null;

    static {
        // Both are usually on by default; switching them on explicitly is harmless where they are.
        try {
            if (THREADS.isCurrentThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
                THREADS.setThreadCpuTimeEnabled(true);
            }
            if (SUN_THREADS != null && SUN_THREADS.isThreadAllocatedMemorySupported()
                    && !SUN_THREADS.isThreadAllocatedMemoryEnabled()) {
                SUN_THREADS.setThreadAllocatedMemoryEnabled(true);
            }
        } catch (UnsupportedOperationException | SecurityException ignored) {
            // the counters then read 0, which isThreadCpuSupported()/isAllocationSupported() report
        }
    }

    private ThreadCounters() {
    }

    /** Starts a reading on the calling thread; call {@link Reading#stop()} on the same thread. */
    public static Reading start() {
        return new Reading(Thread.currentThread(), snapshot());
    }

    /** Whether thread CPU time is measured here. */
    public static boolean isThreadCpuSupported() {
        return THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    }

    /** Whether per-thread allocated bytes are measured here. */
    public static boolean isAllocationSupported() {
        return SUN_THREADS != null && SUN_THREADS.isThreadAllocatedMemorySupported()
                && SUN_THREADS.isThreadAllocatedMemoryEnabled();
    }

    private static long[] snapshot() {
        long allocated = SUN_THREADS == null ? 0 : Math.max(0, SUN_THREADS.getCurrentThreadAllocatedBytes());
        long cpu = isThreadCpuSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
        long process = OS == null ? 0 : Math.max(0, OS.getProcessCpuTime());
        return new long[] {System.nanoTime(), cpu, allocated, process};
    }

    /** A started reading. */
    public static final class Reading {
        private final Thread thread;
        private final long[] start;

        private Reading(Thread thread, long[] start) {
            this.thread = thread;
            this.start = start;
        }

        /** What was used since {@link ThreadCounters#start()}. */
        public Usage stop() {
            long[] end = snapshot();
            if (Thread.currentThread() != thread) {
                throw new IllegalStateException("a reading is stopped on the thread that started it (" + thread.getName() + ")");
            }
            return new Usage(end[0] - start[0], Math.max(0, end[1] - start[1]), Math.max(0, end[2] - start[2]),
                    Math.max(0, end[3] - start[3]));
        }
    }

    /**
     * Resources used over a window.
     *
     * @param wallNanos elapsed time
     * @param threadCpuNanos CPU time of the calling thread
     * @param allocatedBytes bytes allocated by the calling thread
     * @param processCpuNanos CPU time of the whole process
     */
    public record Usage(long wallNanos, long threadCpuNanos, long allocatedBytes, long processCpuNanos) {

        /**
         * This usage as per-invocation metrics over {@code invocations}: {@link Metric#WALL_TIME},
         * {@link Metric#CPU_TIME} and {@link Metric#ALLOCATED_BYTES} (where this JVM measures them) and
         * {@link #PROCESS_CPU_TIME}, in that order.
         */
        public Map<Metric, Double> perInvocation(long invocations) {
            if (invocations < 1) {
                throw new IllegalArgumentException("invocations must be positive, was " + invocations);
            }
            double n = invocations;
            Map<Metric, Double> metrics = new LinkedHashMap<>();
            metrics.put(Metric.WALL_TIME, wallNanos / n);
            if (isThreadCpuSupported()) {
                metrics.put(Metric.CPU_TIME, threadCpuNanos / n);
            }
            if (isAllocationSupported()) {
                metrics.put(Metric.ALLOCATED_BYTES, allocatedBytes / n);
            }
            if (OS != null) {
                metrics.put(PROCESS_CPU_TIME, processCpuNanos / n);
            }
            return Collections.unmodifiableMap(metrics);
        }
    }
}
