package dev.flamegate.samples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The samples run as a user runs them (fresh child JVMs of {@code OrderServiceProfiledTest} against the
 * committed baselines, which hold ten runs): unchanged the tests pass; each injected regression fails
 * exactly its own test with {@code REGRESSION}, naming the frame or span, with the flame diff or trace-shape
 * diff showing it.
 *
 * <p>Takes a few minutes (five child JVMs), so it runs only with {@code -Dsamples.e2e=true}:
 * {@code mvn -B -pl samples -am test -Dtest=RegressionEndToEndTest -Dsurefire.failIfNoSpecifiedTests=false -Dsamples.e2e=true}.
 */
@EnabledIfSystemProperty(named = "samples.e2e", matches = "true")
class RegressionEndToEndTest {

    private static final String CLASS = "OrderServiceProfiledTest";
    private static final List<String> METHODS = List.of("quotesOrders", "rendersQuoteDocuments", "repricesConcurrently",
            "placesAndLoadsOrders");

    /** The committed baselines: ten Surefire runs of this machine kind (samples/record-baselines.sh 10). */
    private static List<String> props() {
        return List.of("flamegate.baselines.dir=" + SampleRun.repositoryRoot().resolve("baselines"));
    }

    @Test
    void unchangedSamplesPass(@TempDir Path out) {
        SampleRun run = SampleRun.run("", out, props(), CLASS);
        assertThat(run.output()).doesNotContain("REGRESSION");
        assertThat(run.exitCode()).as(run.output()).isZero();
        for (String m : METHODS) {
            assertThat(run.verdict(m)).as(m).isNotEqualTo("REGRESSION");
        }
    }

    @ParameterizedTest(name = "{0} fails {1} naming {2}")
    @CsvSource({
        "cpu:50, quotesOrders,          PricingRules.recheckRules, cpu.diff.html",
        "alloc,  rendersQuoteDocuments, QuoteDocumentWriter.render, alloc.diff.html",
        "lock,   repricesConcurrently,  PriceCache.priceOf,        lock.diff.html",
        "nplus1, placesAndLoadsOrders,  SELECT products,           trace-shape.diff.txt",
    })
    void injectedRegressionFailsItsOwnTestNamingTheCause(String regression, String method, String cause, String diffFile,
                                                         @TempDir Path out) throws IOException {
        SampleRun run = SampleRun.run(regression, out, props(), CLASS);
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.verdict(method)).as(run.output()).isEqualTo("REGRESSION");
        List<String> others = new ArrayList<>(METHODS);
        others.remove(method);
        for (String other : others) {
            assertThat(run.verdict(other)).as("%s under %s%n%s", other, regression, run.output()).isNotEqualTo("REGRESSION");
        }
        JsonNode result = run.result(method);
        assertThat(result.toString()).as("result.json of %s names the cause", method).contains(cause);
        Path diff = run.testDir(method).resolve(diffFile);
        assertThat(diff).exists();
        assertThat(Files.readString(diff)).contains(cause);
    }
}
