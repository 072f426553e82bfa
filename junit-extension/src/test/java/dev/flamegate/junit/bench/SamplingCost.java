package dev.flamegate.junit.bench;

import dev.flamegate.junit.fixtures.Work;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.JfrFormat;
import dev.flamegate.profile.Profile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import one.profiler.AsyncProfiler;

/**
 * What async-profiler's sampling alone costs the workload of {@link OverheadFixture}: CPU time of this thread
 * per {@code Work.spin(1_000)} with the profiler off and with several sampling settings (the first one is
 * flamegate's default: perf-event CPU every 1 ms plus allocations every 512 KiB), interleaved, repeated, and
 * the CPU samples each setting actually took per second of workload. Thread CPU time includes the signal
 * handler, and is less distorted than wall time by other processes. Run with
 * {@code scripts/junit-overhead.sh --sampling} (see BENCHMARKS.md), not in the suite.
 */
public final class SamplingCost {

    private static final String[] SETTINGS = {
        null,
        "event=cpu,interval=1ms,alloc=512k",
        "event=cpu,interval=2ms,alloc=512k",
        "event=cpu,interval=10ms,alloc=512k",
        "event=itimer,interval=1ms,alloc=512k",
        "event=ctimer,interval=1ms,alloc=512k",
    };

    private SamplingCost() {
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int invocations = 300;
        AsyncProfiler profiler = AsyncProfiler.getInstance();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Path file = Files.createTempFile("flamegate-sampling", ".jfr");
        double[] cpu = new double[SETTINGS.length];
        double[] samples = new double[SETTINGS.length];
        for (int rep = -1; rep < repetitions; rep++) { // rep -1 warms up
            for (int s = 0; s < SETTINGS.length; s++) {
                if (SETTINGS[s] != null) {
                    profiler.execute("start," + SETTINGS[s] + ",jfr,file=" + file);
                }
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < invocations; i++) {
                    Work.spin(1_000);
                }
                long used = threads.getCurrentThreadCpuTime() - start;
                if (SETTINGS[s] != null) {
                    profiler.execute("stop");
                }
                if (rep >= 0) {
                    cpu[s] += used / (double) invocations;
                    if (SETTINGS[s] != null) {
                        Map<Event, Profile> read = JfrFormat.read(file);
                        Profile p = read.get(Event.CPU);
                        samples[s] += p == null ? 0 : p.total() / (used / 1e9);
                    }
                }
            }
        }
        Files.deleteIfExists(file);
        double off = cpu[0] / repetitions;
        System.out.printf("profiler off: %.3f ms CPU per invocation (%d repetitions of %d invocations)%n", off / 1e6,
                repetitions, invocations);
        for (int s = 1; s < SETTINGS.length; s++) {
            double on = cpu[s] / repetitions;
            System.out.printf("%-36s %.3f ms (%+.1f %%), %.0f CPU samples per second%n", SETTINGS[s], on / 1e6,
                    100 * (on / off - 1), samples[s] / repetitions);
        }
        System.out.printf("load average %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
