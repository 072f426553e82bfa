package dev.flamegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;


class JmhCompareCommandTest {

    @TempDir
    Path temp;

    /** What one invocation printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FlamegateCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] withCommand = new String[args.length + 1];
        withCommand[0] = "jmh-compare";
        System.arraycopy(args, 0, withCommand, 1, args.length);
        int code = cli.execute(withCommand);
        return new Run(code, out.toString(), err.toString());
    }

    static String fixture(String name) {
        try {
            return Path.of(Objects.requireNonNull(JmhCompareCommandTest.class.getResource("/jmh-compare/" + name), name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String golden(String name) throws IOException {
        return Files.readString(Path.of(fixture(name)), StandardCharsets.UTF_8);
    }

    @Test
    void printsTheGoldenTableWithEachModesDirectionOfWorse() throws IOException {
        Run run = run(fixture("base.json"), fixture("new.json"));
        assertThat(run.out()).isEqualTo(golden("expected.txt"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void sameResultsPassWithExitCodeZeroButAnUnresolvedRowIsNeverCalledNoRegression() {
        Run run = run(fixture("base.json"), fixture("base.json"));
        assertThat(run.exitCode()).isZero();
        // the single-shot row's three forks spread too widely to vouch for anything
        assertThat(run.out()).doesNotContain("REGRESSION").doesNotContain("IMPROVEMENT").doesNotContainIgnoringCase("no regression")
                .endsWith("1 benchmark(s) INCONCLUSIVE (smallest detectable change ±713.0%): no verdict on them; run more forks.\n");
    }

    @Test
    void writesAnEscapedMarkdownTable() throws IOException {
        Path md = temp.resolve("reports/jmh.md");
        Run run = run(fixture("base.json"), fixture("new.json"), "--markdown", md.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        String text = Files.readString(md);
        assertThat(text).startsWith("| Benchmark | Params | Mode | Before | After | Change | Verdict |\n|---|---|---|---|---|---|---|\n");
        assertThat(text).contains("| com.acme.PricingBench.parse | format=a\\|b&lt;c&gt;\\* | avgt | ");
        assertThat(text).doesNotContain("<c>");
        assertThat(text.lines()).hasSize(2 + 8);
        try (var files = Files.list(md.getParent())) {
            assertThat(files).containsExactly(md); // no temporary file left behind
        }
    }

    @Test
    void oneForkPerSideFallsBackToIterationsAndSaysSo() {
        Run run = run(fixture("one-fork-base.json"), fixture("one-fork-new.json"));
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("PASS [1 fork: iterations]");
    }

    @Test
    void truncatedJsonNamesTheFileAndLine() {
        Run run = run(fixture("truncated.json"), fixture("new.json"));
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).startsWith(fixture("truncated.json") + ":8: malformed JSON (")
                .endsWith("Pass a result file written by JMH with -rf json (e.g. -rff result.json)")
                .doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void structuralProblemsNameTheFileAndTheResult() {
        assertThat(run(fixture("base.json"), fixture("not-an-array.json")).err())
                .contains(fixture("not-an-array.json") + ":1: expected a JSON array of benchmark results, found object.");
        assertThat(run(fixture("no-raw-data.json"), fixture("new.json")).err())
                .contains(fixture("no-raw-data.json") + ": result #1 (com.acme.PricingBench.quote) has no raw data (primaryMetric.rawData) to compare.");
        Run badValue = run(fixture("bad-value.json"), fixture("new.json"));
        assertThat(badValue.exitCode()).isEqualTo(2);
        assertThat(badValue.err()).contains("result #1 (com.acme.B.m): primaryMetric.rawData holds '\"fast\"', not a finite number.");
    }

    @Test
    void missingFileAndUnrelatedSuitesAreUnusableInput() {
        Run missing = run(temp.resolve("nope.json").toString(), fixture("new.json"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains(temp.resolve("nope.json") + ": no such file");
        Run unrelated = run(fixture("unrelated.json"), fixture("new.json"));
        assertThat(unrelated.exitCode()).isEqualTo(2);
        assertThat(unrelated.err()).contains("have no benchmark (name, params and mode) in common");
    }

    @Test
    void aRegressionNeedsTheMinimumEffect() {
        // the 20 % changes are significant, but not at least 25 %: no regression, no improvement
        Run run = run(fixture("base.json"), fixture("new.json"), "--min-effect", "25%");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).doesNotContain("REGRESSION").doesNotContain("IMPROVEMENT");
    }

    @Test
    void readsAFileJmhItselfWroteIncludingSampleModeHistogramsAndSecondaryMetrics() {
        // written by JMH 1.37: -bm sample,thrpt -f 2 -wi 0 -i 2 -r 20ms -prof gc -rf json: so noisy that even
        // a file compared with itself cannot vouch for anything
        Run run = run(fixture("real-jmh-1.37.json"), fixture("real-jmh-1.37.json"));
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).doesNotContainIgnoringCase("no regression");
        assertThat(run.out().lines().skip(1).filter(l -> !l.startsWith("4 benchmark(s) INCONCLUSIVE")))
                .hasSize(4)
                .allSatisfy(line -> assertThat(line).contains("+0.0%").contains("INCONCLUSIVE (could detect ±"))
                .anySatisfy(line -> assertThat(line).contains("dev.flamegate.jmh.fixtures.SpinBench.work").contains("size=2000")
                        .contains(" sample ").contains("us/op"))
                .anySatisfy(line -> assertThat(line).contains("TwoModeBench.spin").contains(" thrpt ").contains("ops/ms"));
    }

    @Test
    void scoresNearTheLargestDoubleAreComparedNotAnInternalError() {
        Path base = new JmhJson().add("com.acme.Huge.m", "thrpt", "ops/s", new double[][] {{1e308, 1e308}, {1e308, 1.1e308}})
                .write(temp.resolve("huge-base.json"));
        Path head = new JmhJson().add("com.acme.Huge.m", "thrpt", "ops/s", new double[][] {{1e308, 1e308}, {1e308, 1.1e308}})
                .write(temp.resolve("huge-new.json"));
        Run run = run(base.toString(), head.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("com.acme.Huge.m").contains("+0.0%").doesNotContain("Infinity").doesNotContain("NaN");
    }

    @Test
    void zeroAndNegativeScoresAreBadInputNamingTheFileAndTheBenchmark() {
        Path good = new JmhJson().add("com.acme.Z.m", "avgt", "us/op", new double[][] {{1, 1.1}, {1.05, 1}}).write(temp.resolve("good.json"));
        for (double bad : new double[] {0, -2.5}) {
            Path file = new JmhJson().add("com.acme.Z.m", "avgt", "us/op", new double[][] {{1, bad}, {1.05, 1}})
                    .write(temp.resolve("bad" + (int) bad + ".json"));
            for (Run run : new Run[] {run(good.toString(), file.toString()), run(file.toString(), good.toString())}) {
                assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
                assertThat(run.out()).isEmpty();
                assertThat(run.err()).startsWith(file + ": result #1 (com.acme.Z.m)").contains("needs every score to be positive")
                        .doesNotContain("Infinity").doesNotContain("\tat ");
            }
        }
    }
}
