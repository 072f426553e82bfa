package dev.flamegate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.flamegate.compare.MetricChange;
import dev.flamegate.compare.Verdict;
import dev.flamegate.report.ReportedResult.FrameShift;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonResultReaderTest {

    @TempDir
    Path project;

    @Test
    void takesTheReportsViewFromARealResultFile() {
        Path out = project.resolve("target/flamegate");
        Path file = ResultJsonFixtures.write(ResultJsonFixtures.regression("com.acme.shop.PricingTest#quote", "PricingTest.quote"),
                project.resolve("shop/target/flamegate/com.acme.shop.PricingTest#quote"));

        ReportedResult result = ComparisonResultReader.get().read(file, out);

        assertThat(result.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(result.headline()).startsWith("REGRESSION PricingTest.quote: cpu.time +23.4%");
        assertThat(result.metric("cpu.time")).hasValueSatisfying(m -> {
            assertThat(m.effect()).isEqualTo(0.234);
            assertThat(m.ciLevel()).isEqualTo(0.975);
            assertThat(m.status()).isEqualTo(MetricChange.Status.REGRESSED);
        });
        assertThat(result.confidence()).isCloseTo(0.9996, within(1e-9));
        assertThat(result.frames()).first().isEqualTo(new FrameShift("cpu (self)", "com.acme.shop.TaxTable.lookup → java.util.regex.Pattern.compile", 0.02, 0.259));
        assertThat(result.frames().get(1)).isEqualTo(new FrameShift("cpu (total)", "com.acme.shop.OrderRepository.findItems", 0.11, 0.19));
        // the hottest path is the alloc frame whose self share grew most (0.3% → 71%), root first
        assertThat(result.hottestPath()).extracting(FrameShift::frame).containsExactly("java.lang.Thread.run",
                "com.acme.shop.PricingService.quote", "com.acme.shop.TaxTable.lookup", "java.util.regex.Pattern.<init>");
        assertThat(result.hottestPath().get(0).shareBefore()).isNaN();
        assertThat(result.shapeChange()).isEqualTo("- SELECT shop.items ×1 (+1 more)");
        assertThat(result.shapeDiff()).contains("(repeated call: N+1)");
        assertThat(result.findings()).hasSize(2).first().asString().contains("new and hot");
        assertThat(result.artifacts()).containsEntry("cpu.diff", "../../shop/target/flamegate/com.acme.shop.PricingTest#quote/cpu.diff.html")
                .hasSize(6);
        assertThat(result.resultPath()).isEqualTo("../../shop/target/flamegate/com.acme.shop.PricingTest#quote/result.json");
        assertThat(result.environment()).contains("Eclipse Adoptium 17.0.13+11", "2 cores", "async-profiler/cpu");
    }

    @Test
    void takesTheFlameDiffTextTheFrontEndWroteBesideTheResult() {
        Path dir = project.resolve("target/flamegate/a");
        Path file = ResultJsonFixtures.write(ResultJsonFixtures.regression("a#b", "a.b"), dir);
        assertThat(ComparisonResultReader.get().read(file, project).flameDiff()).as("listed but not written").isEmpty();
        ResultJsonFixtures.writeFlameDiffText(dir);
        assertThat(ComparisonResultReader.get().read(file, project).flameDiff())
                .startsWith("all  100.0% → 100.0%\n").contains("java.util.regex.Pattern.compile  0.0% → 45.9%  +45.9 pp");
    }

    @Test
    void carriesWhetherEachMetricWasGatedAndWhyNot() {
        dev.flamegate.compare.Comparison otherMachine = dev.flamegate.compare.Comparison.builder("a#b", "a.b", ResultJsonFixtures.ENVIRONMENT)
                .verdict(Verdict.PASS)
                .metric(new dev.flamegate.compare.MetricChange(dev.flamegate.measure.Metric.CPU_TIME,
                        dev.flamegate.compare.MetricChange.Status.REGRESSED, false, 5, 5, 1000, 1890, 0.89, 0.7, 1.1, 0.95, 0.001, 0.002,
                        0.05, 0.05))
                .metric(ResultJsonFixtures.metric(dev.flamegate.measure.Metric.ALLOCATED_BYTES,
                        dev.flamegate.compare.MetricChange.Status.UNCHANGED, 100, 100, 0, -0.01, 0.01, 0.9))
                .note("this machine ran flamegate's calibration work 2.1 × faster than the machine that recorded the baseline, so"
                        + " time totals measure the machine as much as the code: they are shown, not gated")
                .baselineEnvironment(ResultJsonFixtures.ENVIRONMENT).build();
        Path file = ResultJsonFixtures.write(otherMachine, project.resolve("target/flamegate/a"));

        ReportedResult result = ComparisonResultReader.get().read(file, project);

        assertThat(result.metric("cpu.time")).hasValueSatisfying(m -> {
            assertThat(m.gated()).isFalse();
            assertThat(m.notGatedReason()).startsWith("this runner's speed differs from the baseline machine's");
        });
        assertThat(result.metric("alloc.bytes")).hasValueSatisfying(m -> {
            assertThat(m.gated()).isTrue();
            assertThat(m.notGatedReason()).isEmpty();
        });
    }

    @Test
    void aRepeatedQueryIsTheShapeChangeShown() {
        dev.flamegate.compare.Comparison nPlusOne = ResultJsonFixtures.regression("a#b", "a.b").toBuilder()
                .finding(new dev.flamegate.compare.Finding(dev.flamegate.compare.Finding.Kind.REPEATED_CALL, "trace",
                        "SELECT name, unit_price FROM products WHERE sku = ?", 1, 12, "repeated call (N+1): …"))
                .build();
        Path file = ResultJsonFixtures.write(nPlusOne, project.resolve("target/flamegate/a"));
        assertThat(ComparisonResultReader.get().read(file, project).shapeChange())
                .isEqualTo("N+1: SELECT name, unit_price FROM products WHERE sku = ? ×12");
    }

    @Test
    void noBaselineHasNoConfidence() {
        Path file = ResultJsonFixtures.write(ResultJsonFixtures.withVerdict("a#b", "a.b", Verdict.NO_BASELINE), project.resolve("target/flamegate/a"));
        ReportedResult result = ComparisonResultReader.get().read(file, project);
        assertThat(result.confidence()).isNaN();
        assertThat(result.shapeChange()).isEqualTo("none");
    }

    @Test
    void everyVerdictHasARank() {
        assertThat(VerdictOrder.RANKED).containsExactlyInAnyOrder(Verdict.values());
    }

    @Test
    void brokenFilesBecomeErrorsOfTheReportNotExceptions() throws IOException {
        ResultJsonFixtures.write(ResultJsonFixtures.withVerdict("ok#1", "ok 1", Verdict.PASS), project.resolve("target/flamegate/ok1"));
        Path dir = project.resolve("target/flamegate");
        Files.createDirectories(dir.resolve("empty"));
        Files.writeString(dir.resolve("empty/result.json"), "");
        Files.createDirectories(dir.resolve("cut"));
        Files.writeString(dir.resolve("cut/result.json"), "{\"schemaVersion\": 1, \"id\": \"x\"");
        Files.createDirectories(dir.resolve("future"));
        Files.writeString(dir.resolve("future/result.json"), "{\"schemaVersion\": 99}");
        Files.createDirectories(dir.resolve("binary"));
        Files.write(dir.resolve("binary/result.json"), new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe});
        Files.createDirectories(dir.resolve("wrongverdict"));
        Files.writeString(dir.resolve("wrongverdict/result.json"), ResultJsonFixtures.write(
                ResultJsonFixtures.withVerdict("w#1", "w", Verdict.PASS), project.resolve("tmp")).toFile().exists()
                ? Files.readString(project.resolve("tmp/result.json")).replace("\"PASS\"", "\"MAYBE\"") : "");

        RunResults run = RunReport.builder().root(project).outputDirectory(dir).build().collect();

        assertThat(run.results()).extracting(ReportedResult::id).containsExactly("ok#1");
        assertThat(run.errors()).extracting(ReportError::path).containsExactly("binary/result.json", "cut/result.json",
                "empty/result.json", "future/result.json", "wrongverdict/result.json");
        assertThat(run.errors()).extracting(ReportError::message).allSatisfy(m -> assertThat(m).contains("result.json"));
        assertThat(run.errors().get(3).message()).contains("schema version 99 is not supported");
    }
}
