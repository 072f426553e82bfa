package dev.flamegate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flamegate.compare.ComparisonJson;
import dev.flamegate.compare.Verdict;
import dev.flamegate.io.RepositoryRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the committed examples honest: {@code ci/example/pr-comment.md} (shown in {@code ci/README.md})
 * and the sample {@code result.json} the load script copies are exactly what the current code writes.
 * Run with {@code -Dflamegate.writeExamples=true} to rewrite them after an intended change.
 */
class ExampleReportTest {

    private static final boolean WRITE = Boolean.getBoolean("flamegate.writeExamples");
    private static final Path REPOSITORY = RepositoryRoot.find();
    private static final Path EXAMPLE_COMMENT = REPOSITORY.resolve("ci/example/pr-comment.md");
    private static final Path SAMPLE_RESULT = REPOSITORY.resolve("harness/src/test/resources/report/regression-result.json");

    @TempDir
    Path project;

    /** A two-module shop: JUnit results in shop/, JMH results in shop-bench/. */
    static void writeExampleRun(Path project) {
        Path shop = project.resolve("shop/target/flamegate");
        Path bench = project.resolve("shop-bench/target/flamegate/jmh");
        ResultJsonFixtures.write(ResultJsonFixtures.regression("com.acme.shop.PricingTest#quotesAnOrder", "PricingTest › quotes an order"),
                shop.resolve("com.acme.shop.PricingTest#quotesAnOrder"));
        ResultJsonFixtures.writeFlameDiffText(shop.resolve("com.acme.shop.PricingTest#quotesAnOrder"));
        ResultJsonFixtures.write(ResultJsonFixtures.withVerdict("com.acme.shop.CheckoutTest#settlesConcurrently",
                "CheckoutTest › settles concurrently", Verdict.INCONCLUSIVE), shop.resolve("com.acme.shop.CheckoutTest#settlesConcurrently"));
        ResultJsonFixtures.write(ResultJsonFixtures.withVerdict("com.acme.shop.CartTest#addsItems", "CartTest › adds items",
                Verdict.PASS), shop.resolve("com.acme.shop.CartTest#addsItems"));
        ResultJsonFixtures.write(ResultJsonFixtures.withVerdict("com.acme.shop.SearchTest#findsByPrefix", "SearchTest › finds by prefix",
                Verdict.IMPROVEMENT), shop.resolve("com.acme.shop.SearchTest#findsByPrefix"));
        ResultJsonFixtures.write(ResultJsonFixtures.benchmark("com.acme.shop.bench.PricingBench.quote[size=100]", Verdict.PASS),
                bench.resolve("com.acme.shop.bench.PricingBench.quote_size_100"));
    }

    @Test
    void committedExampleCommentIsWhatTheReportWrites() throws IOException {
        writeExampleRun(project);
        RunReport.Outcome outcome = RunReport.builder().root(project).outputDirectory(project.resolve("target/flamegate"))
                .artifactUrl("https://github.com/acme/shop/actions/runs/1234567890").build().write();
        String comment = Files.readString(outcome.comment(), StandardCharsets.UTF_8);
        assertThat(outcome.run().errors()).isEmpty();
        assertThat(outcome.run().results()).hasSize(5);
        if (WRITE) {
            Files.createDirectories(EXAMPLE_COMMENT.getParent());
            Files.writeString(EXAMPLE_COMMENT, comment, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(EXAMPLE_COMMENT, StandardCharsets.UTF_8))
                .as("ci/example/pr-comment.md is stale; rerun with -Dflamegate.writeExamples=true").isEqualTo(comment);
    }

    @Test
    void sampleResultUsedByTheLoadScriptMatchesTheSchema() throws IOException {
        String json = ComparisonJson.toJson(ResultJsonFixtures.regression("com.acme.shop.PricingTest#quotesAnOrder",
                "PricingTest › quotes an order"));
        if (WRITE) {
            Files.writeString(SAMPLE_RESULT, json, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(SAMPLE_RESULT, StandardCharsets.UTF_8))
                .as("regression-result.json is stale; rerun with -Dflamegate.writeExamples=true").isEqualTo(json);
        // the load script rewrites these two fields with sed: their exact spelling matters
        assertThat(json).contains("\"id\" : \"com.acme.shop.PricingTest#quotesAnOrder\"", "\"verdict\" : \"REGRESSION\"");
    }

    @Test
    void aThousandResultsGiveACompleteReport() throws IOException {
        String[] verdicts = {"REGRESSION", "PASS", "PASS", "IMPROVEMENT", "INCONCLUSIVE", "PASS", "PASS", "PASS", "PASS", "PASS"};
        String sample = ComparisonJson.toJson(ResultJsonFixtures.regression("x", "x"));
        IntStream.range(0, 1_000).forEach(i -> {
            Path dir = project.resolve("module" + i % 4 + "/target/flamegate/com.acme.Load" + i + "#test");
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("result.json"), sample.replace("\"id\" : \"x\"", "\"id\" : \"com.acme.Load" + i + "#test\"")
                        .replace("\"verdict\" : \"REGRESSION\"", "\"verdict\" : \"" + verdicts[i % 10] + "\""));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        RunReport.Outcome outcome = RunReport.builder().root(project).outputDirectory(project.resolve("out")).build().write();

        assertThat(outcome.run().results()).hasSize(1_000);
        assertThat(outcome.run().count(Verdict.REGRESSION)).isEqualTo(100);
        assertThat(new ObjectMapper().readTree(outcome.summary().toFile()).path("results").size()).isEqualTo(1_000);
        String comment = Files.readString(outcome.comment());
        assertThat(comment.length()).isLessThanOrEqualTo(PrCommentRenderer.GITHUB_COMMENT_LIMIT);
        assertThat(comment).contains("100 regressions, 100 improvements, 100 inconclusive — 1000 checked", "Shortened to fit");
        assertThat(Files.readString(outcome.index())).contains("com.acme.Load999#test");
    }
}
