package dev.flamegate.report;

import dev.flamegate.compare.ComparisonJson;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The run report over many results, end to end through the public API: scan four modules'
 * {@code target/flamegate}, read every {@code result.json} with {@link ComparisonJson}, redact, and write
 * {@code summary.json}, {@code index.html} and {@code pr-comment.md}. One result in ten is a regression
 * with frames, findings and a shape diff. Single-shot: each measurement is one whole report, as
 * {@code flamegate report} makes it. Run with the command in BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class ReportBenchmark {

    @Param("1000")
    public int results;

    private RunReport report;

    @Setup(Level.Trial)
    public void writeResults() throws IOException {
        Path project = Files.createTempDirectory("report-bench");
        String[] verdicts = {"REGRESSION", "PASS", "PASS", "IMPROVEMENT", "INCONCLUSIVE", "PASS", "PASS", "PASS", "PASS", "PASS"};
        String sample = ComparisonJson.toJson(ResultJsonFixtures.regression("x", "x"));
        for (int i = 0; i < results; i++) {
            Path dir = project.resolve("module" + i % 4 + "/target/flamegate/com.acme.Load" + i + "#test");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("result.json"), sample
                    .replace("\"id\" : \"x\"", "\"id\" : \"com.acme.Load" + i + "#test\"")
                    .replace("\"frame\" : \"java.lang.Thread.run;", "\"frame\" : \"java.lang.Thread.run;com.acme.Load" + i + ".run;")
                    .replace("\"verdict\" : \"REGRESSION\"", "\"verdict\" : \"" + verdicts[i % 10] + "\""));
        }
        report = RunReport.builder().root(project).outputDirectory(project.resolve("target/flamegate"))
                .artifactUrl("https://github.com/acme/shop/actions/runs/1").build();
    }

    /** The whole job. */
    @Benchmark
    public RunReport.Outcome report() {
        return report.write();
    }
}
