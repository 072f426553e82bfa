package dev.flamegate.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.baseline.BaselineStore;
import dev.flamegate.compare.Verdict;
import dev.flamegate.gate.GateAction;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.annotations.Mode;

/** The gate's rules on simulated fork data (no JMH run): modes, CI, corrupt baselines. */
class JmhGateTest {

    private static final String ID = "com.acme.PricingBench.quote[size=100]";

    @TempDir
    Path work;

    private GateConfig config(String mode, boolean ci, String... more) {
        Map<String, String> properties = new HashMap<>(Map.of(
                GateConfig.MODE_KEY, mode,
                GateConfig.BASELINES_DIR_KEY, work.resolve("baselines").toString(),
                GateConfig.OUTPUT_DIR_KEY, work.resolve("out").toString()));
        for (int i = 0; i < more.length; i += 2) {
            properties.put(more[i], more[i + 1]);
        }
        return GateConfig.resolve(properties::get, ci ? "true" : null);
    }

    /** Five forks of a throughput benchmark around {@code mean} ops/ms, with a fixed ±1 % spread. */
    private static JmhBenchmark throughput(double mean) {
        double[] spread = {-0.01, 0.004, 0.0, -0.004, 0.01};
        Metric score = JmhMeasurements.scoreMetric(Mode.Throughput, "ops/ms");
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < spread.length; i++) {
            rounds.add(new Round(i, 1000, Map.of(score, mean * (1 + spread[i])), Map.of(), List.of()));
        }
        Measurement measurement = new Measurement(ID, "PricingBench.quote[size=100] (thrpt)", Environment.current("none"), rounds);
        return new JmhBenchmark(ID, Mode.Throughput, measurement, List.of(List.of(mean)));
    }

    @Test
    void onCiAMissingBaselineFailsWithTheCommandToRecordIt() {
        JmhGateReport report = JmhGate.check(List.of(throughput(1000)), config("verify", true));
        JmhOutcome outcome = report.outcomes().get(0);
        assertThat(outcome.failure()).hasValueSatisfying(m -> assertThat(m)
                .startsWith("No baseline for " + ID).contains("mvn verify -Dflamegate.mode=record -Dflamegate.only='" + ID + "'"));
        assertThat(BaselineStore.at(work.resolve("baselines")).directoryOf(ID)).doesNotExist();
    }

    @Test
    void offCiAMissingBaselineIsRecordedAndPasses() {
        JmhGateReport report = JmhGate.check(List.of(throughput(1000)), config("verify", false));
        assertThat(report.failures()).isEmpty();
        assertThat(report.outcomes().get(0).action()).isEqualTo(GateAction.RECORDED);
        assertThat(BaselineStore.at(work.resolve("baselines")).load(ID)).isPresent();
    }

    @Test
    void aBaselineThatCannotBeSavedIsAnErrorWithTheReasonNotRecorded() throws IOException {
        Path notADirectory = Files.writeString(work.resolve("not-a-directory"), "x");
        for (String mode : List.of("record", "verify")) {
            GateConfig config = GateConfig.resolve(Map.of(GateConfig.MODE_KEY, mode,
                    GateConfig.BASELINES_DIR_KEY, notADirectory.resolve("baselines").toString(),
                    GateConfig.OUTPUT_DIR_KEY, work.resolve("out").toString())::get, null);

            JmhGateReport report = JmhGate.check(List.of(throughput(1000)), config);

            JmhOutcome outcome = report.outcomes().get(0);
            assertThat(outcome.action()).as(mode).isEqualTo(GateAction.FAILED);
            assertThat(outcome.label()).as(mode).isEqualTo("ERROR");
            assertThat(outcome.headline()).as(mode).startsWith("ERROR PricingBench.quote[size=100] (thrpt): could not record"
                    + " the baseline in " + notADirectory.resolve("baselines"));
            assertThat(report.summary()).as(mode).doesNotContain("RECORDED");
            // Record mode promises a baseline, so not writing one fails the build; verify mode only warns.
            assertThat(report.failures()).as(mode).hasSize(mode.equals("record") ? 1 : 0);
        }
    }

    @Test
    void lowerThroughputIsARegressionAndHigherAnImprovement() {
        JmhGate.check(List.of(throughput(1000)), config("record", false));

        JmhOutcome slower = JmhGate.check(List.of(throughput(800)), config("verify", true)).outcomes().get(0);
        assertThat(slower.comparison().verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(slower.failure()).hasValueSatisfying(m -> assertThat(m).contains("score"));
        assertThat(slower.artifacts().resolve("result.json")).isNotEmptyFile();

        JmhOutcome faster = JmhGate.check(List.of(throughput(1200)), config("verify", true)).outcomes().get(0);
        assertThat(faster.comparison().verdict()).isEqualTo(Verdict.IMPROVEMENT);
        assertThat(faster.failure()).isEmpty();
    }

    @Test
    void aCorruptBaselineFailsNamingTheFile() throws IOException {
        JmhGate.check(List.of(throughput(1000)), config("record", false));
        Path json = BaselineStore.at(work.resolve("baselines")).directoryOf(ID).resolve(BaselineStore.JSON_FILE);
        Files.writeString(json, "{ \"schemaVersion\": ");

        JmhOutcome outcome = JmhGate.check(List.of(throughput(1000)), config("verify", false)).outcomes().get(0);
        assertThat(outcome.action()).isEqualTo(GateAction.FAILED);
        assertThat(outcome.headline()).isEqualTo("ERROR " + ID + ": unusable baseline");
        assertThat(outcome.failure()).hasValueSatisfying(m -> assertThat(m).contains(json.toString()));
    }

    @Test
    void recordModeOverwritesAndNeverFails() {
        JmhGate.check(List.of(throughput(1000)), config("record", false));
        JmhGateReport report = JmhGate.check(List.of(throughput(500)), config("record", true));
        assertThat(report.failures()).isEmpty();
        Metric score = JmhMeasurements.scoreMetric(Mode.Throughput, "ops/ms");
        assertThat(BaselineStore.at(work.resolve("baselines")).load(ID).orElseThrow().metric(score.name()).orElseThrow())
                .contains(500.0);
    }

    @Test
    void misconfigurationNamesTheKeyAndTheChoices() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> config("sometimes", false))
                .hasMessage("Configuration error: flamegate.mode=sometimes is not a mode: expected verify, record, append or off");
    }

    @Test
    void theMainEntryPointReportsAnUnknownPresetAsAConfigurationError() {
        String before = System.getProperty(JmhSettings.PROFILE_KEY);
        System.setProperty(JmhSettings.PROFILE_KEY, "fast");
        try {
            assertThat(FlamegateJmh.runMain(new String[] {"Nothing"})).isEqualTo(2);
            org.assertj.core.api.Assertions.assertThatThrownBy(JmhSettings::fromSystemProperties)
                    .hasMessage("Configuration error: flamegate.jmh.profile=fast is not a preset; use quick or thorough");
        } finally {
            if (before == null) {
                System.clearProperty(JmhSettings.PROFILE_KEY);
            } else {
                System.setProperty(JmhSettings.PROFILE_KEY, before);
            }
        }
    }
}
