package dev.flamegate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.compare.Verdict;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flamegate.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    @TempDir
    Path project;

    /** Reads fixture files whose content is a verdict name; anything else is invalid input. */
    private final ResultReader verdictFileReader = (file, out) -> {
        String content;
        try {
            content = Files.readString(file).strip();
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), 0, "cannot read", null, e);
        }
        Verdict verdict = java.util.Arrays.stream(Verdict.values()).filter(v -> v.name().equals(content)).findFirst()
                .orElseThrow(() -> new InvalidInputException(RunReport.relativePath(out, file), 1, "not a result", "Re-run the test"));
        String id = file.getParent().getFileName().toString();
        ReportedResult base = verdict == Verdict.REGRESSION
                ? ReportFixtures.regression(id, id, "com.acme.Hot.spin") : ReportFixtures.withVerdict(id, verdict);
        String dir = RunReport.relativePath(out, file.getParent());
        return new ReportedResult(base.id(), base.displayName(), base.verdict(), base.headline(), base.metrics(), base.frames(),
                base.hottestPath(), base.findings(), base.shapeChange(), base.shapeDiff(), base.environment(), base.confidence(),
                java.util.Map.of("cpu flame diff", dir + "/cpu-diff.html"), RunReport.relativePath(out, file));
    };

    private void result(String path, String content) throws IOException {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void findsResultsOfEveryModuleAndListsUnreadableOnes() throws IOException {
        result("orders/target/flamegate/com.acme.OrdersTest#slower/result.json", "REGRESSION");
        result("orders/target/flamegate/com.acme.OrdersTest#fine/result.json", "PASS");
        result("pricing/target/flamegate/jmh/com.acme.PricingBench.quote/result.json", "IMPROVEMENT");
        result("pricing/target/flamegate/com.acme.PricingTest#broken/result.json", "{ truncated");
        result("pricing/target/other/com.acme.Ignored/result.json", "PASS");
        result(".git/target/flamegate/ignored/result.json", "PASS");
        result("orders/target/flamegate/com.acme.OrdersTest#fine/cpu-diff.html", "<html>");

        Path out = project.resolve("target/flamegate");
        RunReport.Outcome outcome = RunReport.builder().root(project).outputDirectory(out)
                .artifactUrl("https://github.com/acme/shop/actions/runs/9").reader(verdictFileReader).build().write();

        assertThat(outcome.run().results()).extracting(ReportedResult::id)
                .containsExactly("com.acme.OrdersTest#slower", "com.acme.PricingBench.quote", "com.acme.OrdersTest#fine");
        assertThat(outcome.run().errors()).singleElement().satisfies(error -> {
            assertThat(error.path()).isEqualTo("../../pricing/target/flamegate/com.acme.PricingTest#broken/result.json");
            assertThat(error.message()).contains("result.json:1: not a result. Re-run the test");
        });

        JsonNode summary = new ObjectMapper().readTree(outcome.summary().toFile());
        assertThat(summary.path("schemaVersion").asInt()).isEqualTo(SummaryJson.SCHEMA_VERSION);
        assertThat(summary.path("checked").asInt()).isEqualTo(3);
        assertThat(summary.path("counts").path("REGRESSION").asInt()).isEqualTo(1);
        assertThat(summary.path("counts").path("IMPROVEMENT").asInt()).isEqualTo(1);
        assertThat(summary.path("counts").path("PASS").asInt()).isEqualTo(1);
        assertThat(summary.path("counts").path("INCONCLUSIVE").asInt()).isZero();
        assertThat(summary.path("results").get(0).path("link").asText())
                .isEqualTo("../../orders/target/flamegate/com.acme.OrdersTest#slower/result.json");
        assertThat(summary.path("errors").get(0).path("path").asText()).endsWith("#broken/result.json");
        assertThat(summary.path("status").asText()).isEqualTo(outcome.run().statusLine());

        String html = Files.readString(outcome.index());
        assertThat(html).contains("href=\"../../orders/target/flamegate/com.acme.OrdersTest%23slower/cpu-diff.html\"")
                .contains("1 result file unreadable").contains("PricingTest#broken");
        assertThat(html.indexOf("OrdersTest#slower")).isLessThan(html.indexOf("PricingBench.quote"));
        assertThat(html.indexOf("PricingBench.quote")).isLessThan(html.indexOf("OrdersTest#fine"));

        String md = Files.readString(outcome.comment());
        assertThat(md).startsWith(PrCommentRenderer.MARKER).contains("Unreadable result files", "`pricing/target/flamegate/com.acme.PricingTest#broken/result.json`");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly(RunReport.INDEX_FILE, RunReport.COMMENT_FILE, RunReport.SUMMARY_FILE);
        }
    }

    @Test
    void aRootInsideTargetFlamegateOrNamedTargetStillFindsResults() throws IOException {
        result("target/flamegate/a/result.json", "PASS");
        Path out = project.resolve("report");
        assertThat(RunReport.builder().root(project.resolve("target/flamegate")).outputDirectory(out).reader(verdictFileReader)
                .build().collect().results()).hasSize(1);
        assertThat(RunReport.builder().root(project.resolve("target")).outputDirectory(out).reader(verdictFileReader)
                .build().collect().results()).hasSize(1);
    }

    @Test
    void aFrontEndsOwnOutputDirectoryCountsWhateverItIsCalled() throws IOException {
        result("build/perf/a/result.json", "PASS"); // -Dflamegate.output.dir=build/perf
        Path perf = project.resolve("build/perf");
        assertThat(RunReport.builder().root(perf).outputDirectory(perf).reader(verdictFileReader).build().collect()
                .results()).as("a plain root only counts target/flamegate").isEmpty();
        assertThat(RunReport.builder().resultsRoot(perf).outputDirectory(perf).reader(verdictFileReader).build().collect()
                .results()).hasSize(1);
    }

    @Test
    void aMissingRootIsAnErrorNotAnEmptyPass() {
        RunResults run = RunReport.builder().root(project.resolve("nope")).outputDirectory(project).reader(verdictFileReader)
                .build().collect();
        assertThat(run.results()).isEmpty();
        assertThat(run.errors()).singleElement().satisfies(e -> assertThat(e.message()).contains("not a directory"));
        assertThat(run.statusLine()).endsWith("0 checked, 1 result file unreadable");
        RunResults undecided = RunResults.of(java.util.List.of(ReportFixtures.withVerdict("a", Verdict.NO_BASELINE),
                ReportFixtures.withVerdict("b", Verdict.NO_BASELINE), ReportFixtures.withVerdict("c", Verdict.ENVIRONMENT_MISMATCH),
                ReportFixtures.withVerdict("d", Verdict.INCONCLUSIVE)), java.util.List.of());
        assertThat(undecided.statusLine()).isEqualTo(
                "0 regressions, 0 improvements, 4 inconclusive (2 without baseline, 1 environment mismatch) — 4 checked");
    }

    @Test
    void rewritingGivesIdenticalFiles() throws IOException {
        result("target/flamegate/a/result.json", "REGRESSION");
        result("target/flamegate/b/result.json", "PASS");
        RunReport report = RunReport.builder().root(project).outputDirectory(project.resolve("out")).reader(verdictFileReader).build();
        RunReport.Outcome first = report.write();
        List<byte[]> before = List.of(Files.readAllBytes(first.summary()), Files.readAllBytes(first.index()),
                Files.readAllBytes(first.comment()));
        RunReport.Outcome second = report.write();
        assertThat(List.of(Files.readAllBytes(second.summary()), Files.readAllBytes(second.index()),
                Files.readAllBytes(second.comment()))).containsExactlyElementsOf(before);
    }

    @Test
    void aTestThatThrewIsAnErrorInEveryOutputAndTheRunIsNotCalledClear() throws IOException {
        ResultJsonFixtures.write(dev.flamegate.compare.Comparison.error("com.acme.OrdersTest#explodes", "OrdersTest.explodes",
                ResultJsonFixtures.ENVIRONMENT, new IllegalStateException("stock <b>negative</b> | `-1`")),
                project.resolve("target/flamegate/com.acme.OrdersTest#explodes"));
        ResultJsonFixtures.write(ResultJsonFixtures.withVerdict("com.acme.OrdersTest#fine", "OrdersTest.fine",
                dev.flamegate.compare.Verdict.PASS), project.resolve("target/flamegate/com.acme.OrdersTest#fine"));

        RunReport.Outcome outcome = RunReport.builder().root(project).outputDirectory(project.resolve("out")).build().write();

        assertThat(outcome.run().statusLine()).isEqualTo("1 error (threw before it could be compared), 0 improvements,"
                + " 0 inconclusive — 2 checked").doesNotContain("regression");
        JsonNode summary = new ObjectMapper().readTree(outcome.summary().toFile());
        assertThat(summary.path("counts").path("ERROR").asInt()).isEqualTo(1);
        assertThat(summary.path("results").get(0).path("verdict").asText()).isEqualTo("ERROR");
        assertThat(summary.path("results").get(0).path("headline").asText())
                .isEqualTo("ERROR OrdersTest.explodes: threw java.lang.IllegalStateException: stock <b>negative</b> | `-1`");
        String html = Files.readString(outcome.index());
        assertThat(html).contains("<tr class=\"ERROR\"><td>ERROR</td>", "stock &lt;b&gt;negative&lt;/b&gt;").doesNotContain("<b>negative");
        String comment = Files.readString(outcome.comment());
        assertThat(comment).contains("| :x: | OrdersTest.explodes | ERROR |",
                "threw java.lang.IllegalStateException: stock &lt;b&gt;negative&lt;/b&gt; \\| \\`-1\\`")
                .doesNotContain("0 regressions", "No regression", "<b>");
    }

    @Test
    void bidiControlsInNamesReachNoOutputAndUrlsAreNoLinksInTheComment() throws IOException {
        String name = "PricingTest \u202Etxt.exe see https://evil.example/pay and www.evil.example";
        ResultJsonFixtures.write(ResultJsonFixtures.regression("com.acme.PricingTest#q\u2066", name),
                project.resolve("target/flamegate/com.acme.PricingTest#q"));

        RunReport.Outcome outcome = RunReport.builder().root(project).outputDirectory(project.resolve("out")).build().write();

        for (Path output : List.of(outcome.summary(), outcome.index(), outcome.comment(),
                project.resolve("target/flamegate/com.acme.PricingTest#q/result.json"))) {
            String text = Files.readString(output);
            assertThat(text.chars().filter(c -> dev.flamegate.io.SafeText.isBidiControl((char) c)).count()).as(output.toString())
                    .isZero();
        }
        assertThat(new ObjectMapper().readTree(outcome.summary().toFile()).path("results").get(0).path("displayName").asText())
                .isEqualTo("PricingTest \\u202Etxt.exe see https://evil.example/pay and www.evil.example");
        assertThat(Files.readString(outcome.index())).contains("PricingTest \\u202Etxt.exe");
        // Outside code, no stem GitHub turns into a link survives.
        String comment = Files.readString(outcome.comment());
        String prose = comment.replaceAll("(?s)```.*?```", "").replaceAll("\\(<[^>]*>\\)", "");
        assertThat(prose).contains("PricingTest \\\\u202Etxt.exe see htt&#8203;ps://evil.example/pay and www&#8203;.evil.example")
                .doesNotContainPattern("(?i)https?://|www\\.");
    }
}
