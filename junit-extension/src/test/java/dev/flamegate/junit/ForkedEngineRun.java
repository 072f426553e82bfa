package dev.flamegate.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A fixture class run through the Jupiter engine in a JVM of its own, for the cases that need one: no native
 * profiler library, an async-profiler agent on the command line, a fixed {@code -Xmx}. {@link #run} starts
 * the child and returns what it printed; {@link #main} is the child.
 *
 * <p>The child prints one line per finished test ({@code test SUCCESSFUL <display name>}, or
 * {@code test FAILED <display name> <exception class>: <message>}), one per report entry value
 * ({@code entry <key>=<value>}) and last {@code heap.peak <bytes>}: the sum of the heap pools' peak usage
 * (an upper bound of the peak heap, since the pools peak at different moments).
 */
public final class ForkedEngineRun {

    /** What the child printed and how it ended. */
    record Outcome(int exitCode, List<String> lines) {

        List<String> tests(String status) {
            return lines.stream().filter(l -> l.startsWith("test " + status + " ")).toList();
        }

        List<String> entries(String key) {
            String prefix = "entry " + key + "=";
            return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
        }

        /** The files the child listed under {@link #LIST_KEY}, relative to that directory. */
        List<String> files() {
            return lines.stream().filter(l -> l.startsWith("file ")).map(l -> l.substring(5)).toList();
        }

        long peakHeap() {
            return lines.stream().filter(l -> l.startsWith("heap.peak ")).mapToLong(l -> Long.parseLong(l.substring(10)))
                    .findFirst().orElseThrow(() -> new AssertionError("child printed no heap.peak: " + lines));
        }
    }

    /** System property of the child: a directory whose files it lists at the end ({@code file <relative path>}). */
    static final String LIST_KEY = "flamegate.fork.list";

    private ForkedEngineRun() {
    }

    /**
     * Runs {@code fixture} in a child JVM with {@code jvmArgs} and the configuration parameters {@code parameters}
     * ({@code key=value}); fails when it has not ended after {@code timeoutSeconds}.
     */
    static Outcome run(Class<?> fixture, List<String> jvmArgs, List<String> parameters, long timeoutSeconds)
            throws IOException, InterruptedException {
        return run(List.of(), fixture, jvmArgs, parameters, timeoutSeconds);
    }

    /** The same, with the {@code java} command line appended to {@code launcher} (e.g. {@code unshare ...}). */
    static Outcome run(List<String> launcher, Class<?> fixture, List<String> jvmArgs, List<String> parameters,
            long timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ForkedEngineRun.class.getName(),
                fixture.getName()));
        command.addAll(parameters);
        Path output = Files.createTempFile("flamegate-child-", ".txt");
        try {
            Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!child.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor();
                throw new AssertionError("child JVM still running after " + timeoutSeconds + " s: "
                        + Files.readString(output));
            }
            return new Outcome(child.exitValue(), Files.readAllLines(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    public static void main(String[] args) throws ClassNotFoundException, IOException {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Class.forName(args[0])));
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            kit.configurationParameter(pair[0], pair[1]);
        }
        EngineExecutionResults results = kit.execute();
        results.testEvents().finished().stream().forEach(e -> {
            TestExecutionResult result = e.getRequiredPayload(TestExecutionResult.class);
            String line = "test " + result.getStatus() + " " + e.getTestDescriptor().getDisplayName();
            System.out.println(result.getThrowable().map(t -> line + " " + t.getClass().getName() + ": "
                    + String.valueOf(t.getMessage()).lines().findFirst().orElse("")).orElse(line));
        });
        results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .forEach(entry -> entry.forEach((key, value) -> System.out.println("entry " + key + "=" + value)));
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("heap.peak " + peak);
        String list = System.getProperty(LIST_KEY);
        if (list != null) {
            Path dir = Path.of(list);
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).forEach(f -> System.out.println("file " + dir.relativize(f)));
            }
        }
    }
}
