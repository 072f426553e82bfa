package dev.flamegate.flame.bench;

import dev.flamegate.flame.DiffFlameGraph;
import dev.flamegate.flame.FlameDiff;
import dev.flamegate.flame.FlameOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to diff two profiles of 100,000 distinct stacks each and write the differential flame graph
 * page, end to end through the public API ({@link DiffFlameGraph#writeHtml}). Single-shot: each
 * measurement is one full diff-and-render, as the CLI does it. Run with the command in BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class FlameDiffBenchmark {

    @Param("100000")
    public int distinctStacks;

    private SyntheticProfiles.Pair pair;
    private Path dir;
    private Path out;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        pair = SyntheticProfiles.pair(distinctStacks, 42);
        dir = Files.createTempDirectory("flame-bench");
        out = dir.resolve("diff.html");
    }

    /** The whole job: merge, prune, encode, write atomically. */
    @Benchmark
    public Path diffAndRender() {
        DiffFlameGraph.writeHtml(pair.before(), pair.after(), FlameOptions.defaults(), "benchmark", out);
        return out;
    }

    /** The diff model alone, to see where the time goes. */
    @Benchmark
    public FlameDiff diffOnly() {
        return FlameDiff.of(pair.before(), pair.after());
    }

    @TearDown(Level.Trial)
    public void report() throws IOException {
        if (Files.exists(out)) {
            System.out.printf("%nflamegate: diff HTML for %,d + %,d stacks is %,d bytes%n",
                    pair.before().stacks().size(), pair.after().stacks().size(), Files.size(out));
            Files.delete(out);
        }
        Files.deleteIfExists(dir);
    }
}
