package dev.flamegate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flamegate.baseline.BaselineIds;
import dev.flamegate.capture.ProfilerSettings;
import dev.flamegate.junit.fixtures.PassingFixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The profiler cannot be used: no native library, a perf event the kernel refuses, or
 * async-profiler already started by someone else, on the command line or in code. Each time the test still
 * runs and passes, says which engine sampled and why the better ones were skipped, and leaves a foreign
 * profiler alone. Cases that need a fresh JVM (async-profiler loads once per process) run in a child JVM.
 */
class ProfilerFaultsTest {

    private static final String ID = PassingFixture.class.getName() + "#steadyWork";

    @TempDir
    Path baselines;
    @TempDir
    Path output;

    @Test
    void withoutANativeLibraryTheTestFallsBackToJfrAndSaysWhy() throws Exception {
        Path missing = output.resolve("no-such-dir").resolve("libasyncProfiler.so");
        ForkedEngineRun.Outcome child = ForkedEngineRun.run(PassingFixture.class,
                List.of("-Done.profiler.libraryPath=" + missing), new EngineRuns(baselines, output).arguments(), 180);

        assertThat(child.exitCode()).as(String.join("\n", child.lines())).isZero();
        assertThat(child.tests("SUCCESSFUL")).containsExactly("test SUCCESSFUL steadyWork()");
        assertThat(child.entries("flamegate.engine")).containsExactly("jfr");
        assertThat(child.entries("flamegate.warnings")).singleElement().asString().startsWith(
                "async-profiler/cpu unavailable: cannot load async-profiler (java.lang.UnsatisfiedLinkError: Can't load library: "
                        + missing);
        assertThat(resultJson()).contains("\"profilerEngine\" : \"jfr\"");
    }

    @Test
    void anAsyncProfilerAgentOnTheCommandLineIsLeftAloneAndJfrSamples() throws Exception {
        Path library = extractLibrary();
        Path agentOutput = output.resolve("agent.jfr");
        ForkedEngineRun.Outcome child = ForkedEngineRun.run(PassingFixture.class,
                List.of("-agentpath:" + library + "=start,event=itimer,jfr,file=" + agentOutput),
                new EngineRuns(baselines, output).arguments(), 180);

        assertThat(child.exitCode()).as(String.join("\n", child.lines())).isZero();
        assertThat(child.tests("SUCCESSFUL")).containsExactly("test SUCCESSFUL steadyWork()");
        assertThat(child.entries("flamegate.engine")).containsExactly("jfr");
        assertThat(child.entries("flamegate.warnings")).singleElement().asString().startsWith(
                "async-profiler/cpu unavailable: async-profiler is already running in this JVM, started by someone else");
        assertThat(agentOutput).as("the agent's own recording, written when its JVM exits").isNotEmptyFile();
    }

    @Test
    void aProfilerStartedInCodeBeforeTheTestIsLeftAloneAndJfrSamples() throws Exception {
        one.profiler.AsyncProfiler other = one.profiler.AsyncProfiler.getInstance();
        Path foreign = Files.createTempFile("foreign", ".jfr");
        other.execute("start,event=itimer,jfr,file=" + foreign);
        try {
            EngineExecutionResults results = new EngineRuns(baselines, output).run(PassingFixture.class, Map.of());
            results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
            assertThat(EngineRuns.reportEntries(results)).anySatisfy(e -> {
                assertThat(e).containsEntry("flamegate.engine", "jfr");
                assertThat(e.get("flamegate.warnings")).startsWith("async-profiler/cpu unavailable: async-profiler is"
                        + " already running in this JVM, started by someone else");
            });
            assertThat(other.execute("status")).as("the foreign profiler still runs").contains("running");
        } finally {
            other.execute("stop");
            Files.deleteIfExists(foreign);
        }
    }

    @Test
    void aRefusedPerfEventFallsBackToTheItimerAndSaysWhich() throws Exception {
        EngineExecutionResults results = new EngineRuns(baselines, output).run(PassingFixture.class,
                Map.of(ProfilerSettings.PERF_EVENT_KEY, "cycles"));
        results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
        assumeFalse(EngineRuns.reportEntries(results).stream().anyMatch(e -> "async-profiler/cpu".equals(e.get("flamegate.engine"))),
                "the kernel allows the hardware event 'cycles' here");
        assertThat(EngineRuns.reportEntries(results)).anySatisfy(e -> {
            assertThat(e).containsEntry("flamegate.engine", "async-profiler/itimer");
            assertThat(e.get("flamegate.warnings")).startsWith("async-profiler/cpu unavailable: perf event 'cycles' refused (");
        });
        assertThat(resultJson()).contains("\"profilerEngine\" : \"async-profiler/itimer\"");
    }

    private String resultJson() throws IOException {
        return Files.readString(output.resolve(BaselineIds.fileName(ID)).resolve("result.json"));
    }

    /** async-profiler's native library for this platform, copied out of its jar for an -agentpath. */
    private Path extractLibrary() throws IOException {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64")), "needs Linux x64 or arm64");
        String resource = "/" + (arch.equals("amd64") ? "linux-x64" : "linux-arm64") + "/libasyncProfiler.so";
        Path library = output.resolve("libasyncProfiler.so");
        try (InputStream in = one.profiler.AsyncProfiler.class.getResourceAsStream(resource)) {
            assumeTrue(in != null, "no " + resource + " in the async-profiler jar");
            Files.copy(in, library);
        }
        return library;
    }
}
