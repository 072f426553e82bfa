package dev.flamegate.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.junit.fixtures.LoadFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load: 200 profiled tests in one child JVM with a fixed {@code -Xmx} (256m, or
 * {@code -Dflamegate.load.xmx=64m}) run to completion, record 200 baselines and leave a run index that lists all
 * 200. Prints the peak heap; the figures and the command are in RELIABILITY.md (no time or memory figure is
 * asserted beyond the fixed {@code -Xmx}).
 */
class LoadTest {

    static final String MAX_HEAP = System.getProperty("flamegate.load.xmx", "256m");
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\(\\d+M\\)");

    @TempDir
    Path baselines;
    @TempDir
    Path output;

    @Test
    void twoHundredProfiledTestsCompleteInBoundedHeapWithACompleteIndex() throws Exception {
        Path gcLog = output.resolve("gc.log");
        long start = System.nanoTime();
        ForkedEngineRun.Outcome child = ForkedEngineRun.run(LoadFixture.class,
                List.of("-Xmx" + MAX_HEAP, "-Xlog:gc:file=" + gcLog), new EngineRuns(baselines, output).arguments(), 600);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertThat(child.exitCode()).as(String.join("\n", child.lines())).isZero();
        assertThat(child.tests("SUCCESSFUL")).hasSize(LoadFixture.TESTS);
        assertThat(child.tests("FAILED")).isEmpty();
        String index = Files.readString(output.resolve("index.html"));
        String summary = Files.readString(output.resolve("summary.json"));
        for (int n = 0; n < LoadFixture.TESTS; n++) {
            String id = LoadFixture.class.getName() + "#load[" + (n + 1) + ": n=" + n + "]";
            assertThat(summary).as("summary.json lists %s", id).contains("\"" + id + "\"");
            assertThat(index).as("index.html lists test %d", n).contains("load[" + (n + 1) + ": n=" + n + "]");
        }
        try (var dirs = Files.list(baselines)) {
            assertThat(dirs.filter(Files::isDirectory).count()).isEqualTo(LoadFixture.TESTS);
        }

        long maxBefore = 0;
        long maxAfter = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                maxBefore = Math.max(maxBefore, Long.parseLong(m.group(1)));
                maxAfter = Math.max(maxAfter, Long.parseLong(m.group(2)));
            }
        }
        System.out.printf("flamegate load: %d profiled tests with -Xmx%s in %d s; heap pools' peaks summed %d MB,"
                + " largest heap before a GC %d MB, largest live heap after a GC %d MB%n", LoadFixture.TESTS, MAX_HEAP,
                seconds, child.peakHeap() >> 20, maxBefore, maxAfter);
    }
}
