package dev.flamegate.jmh;

import dev.flamegate.baseline.BaselineIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.baseline.BaselineStore;
import dev.flamegate.compare.Verdict;
import dev.flamegate.jmh.fixtures.SpinBench;
import dev.flamegate.jmh.fixtures.TwoModeBench;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real JMH runs of {@link SpinBench} through the gate: record, then a version made slower on purpose, then
 * the fixed one. Small settings (5 forks, so that the comparison's rank test has room below 5 %; each of
 * 1 × 100 ms warm-up and 2 × 100 ms measurement). The slowdown is about a hundredfold, so that even the
 * wide intervals of 5 forks on a machine at load 20 exclude "no change"; the minimum effect is
 * raised to 150 % because neighbours on this shared machine can slow a whole run down twofold, and that
 * must not make the fixed benchmark fail here.
 */
class FlamegateJmhTest {

    private static final String ID = "dev.flamegate.jmh.fixtures.SpinBench.work[size=2000]";

    @TempDir
    Path work;

    private GateConfig config(String mode) {
        Map<String, String> properties = Map.of(
                GateConfig.MODE_KEY, mode,
                GateConfig.BASELINES_DIR_KEY, work.resolve("baselines").toString(),
                GateConfig.OUTPUT_DIR_KEY, work.resolve("out").toString(),
                "flamegate.minEffect", "150%");
        return GateConfig.resolve(properties::get, null);
    }

    private GateConfig offListing(String only) {
        Map<String, String> properties = Map.of(
                GateConfig.MODE_KEY, "off",
                GateConfig.OUTPUT_DIR_KEY, work.resolve("out").toString(),
                GateConfig.ONLY_KEY, only);
        return GateConfig.resolve(properties::get, null);
    }

    private static JmhSettings.Builder tiny() {
        return JmhSettings.quick().include(SpinBench.class).forks(5)
                .warmup(1, Duration.ofMillis(100)).measurement(2, Duration.ofMillis(100)).gcProfiler(false).quiet(true);
    }

    @Test
    void aBenchmarkMadeSlowerIsARegressionNamingItsFrameAndTheFixedOnePasses() {
        JmhGateReport recorded = FlamegateJmh.run(tiny().param("size", "1000", "2000").build(), config("record"));
        assertThat(recorded.outcomes()).extracting(JmhOutcome::label).containsExactly("RECORDED", "RECORDED");
        BaselineStore store = BaselineStore.at(work.resolve("baselines"));
        assertThat(store.directoryOf(ID)).isDirectory();
        assertThat(store.directoryOf("dev.flamegate.jmh.fixtures.SpinBench.work[size=1000]")).isDirectory()
                .isNotEqualTo(store.directoryOf(ID));

        JmhGateReport slow = FlamegateJmh.run(tiny().param("size", "2000").jvmArgs("-Dflamegate.fixture.slow=true").build(),
                config("verify"));
        JmhOutcome regressed = slow.outcome(ID).orElseThrow();
        assertThat(regressed.comparison().verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(regressed.failure()).hasValueSatisfying(message -> assertThat(message)
                .contains("dev.flamegate.jmh.fixtures.SpinBench.detour")
                .contains("score"));
        assertThat(regressed.artifacts()).isEqualTo(work.resolve("out/jmh").resolve(BaselineIds.fileName(ID)));
        assertThat(regressed.artifacts().resolve("result.json")).isNotEmptyFile();
        assertThat(regressed.artifacts().resolve("cpu.collapsed")).isNotEmptyFile();
        assertThat(regressed.artifacts().resolve("jmh-iterations.txt")).content().contains("fork 5:");
        assertThat(work.resolve("out/jmh/jmh-result.json")).isNotEmptyFile();
        assertThatThrownBy(slow::assertNoRegression).isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 of 1 benchmarks failed").hasMessageContaining("SpinBench.detour");

        JmhGateReport fixed = FlamegateJmh.run(tiny().param("size", "2000").build(), config("verify"));
        assertThat(fixed.outcome(ID).orElseThrow().comparison().verdict()).isNotEqualTo(Verdict.REGRESSION);
        assertThatCode(fixed::assertNoRegression).doesNotThrowAnyException();
    }

    @Test
    void aBenchmarkNotYetKnownGetsMoreForksUntilKnownOrAtTheBudget() {
        FlamegateJmh.run(tiny().param("size", "2000").forks(2).build(), config("record"));

        JmhGateReport report = FlamegateJmh.run(tiny().param("size", "2000").forks(2).maxForks(6).build(), config("verify"));

        JmhOutcome outcome = report.outcome(ID).orElseThrow();
        int forks = outcome.benchmark().measurement().rounds().size();
        // the three-outcome rule: at the end the answer is known, or the budget is spent
        assertThat(forks).isIn(2, 4, 6);
        if (outcome.comparison().verdict() == Verdict.INCONCLUSIVE) {
            assertThat(forks).isEqualTo(6);
        }
        if (forks > 2) {
            assertThat(work.resolve("out/jmh/more-1/jmh-result.json")).isNotEmptyFile();
            assertThat(outcome.artifacts().resolve("jmh-iterations.txt")).content().contains("fork " + forks + ":");
        }
    }

    @Test
    void onlyTheListedBenchmarksOfTheSelectionRunAllTheirParameters() {
        JmhSettings both = tiny().include(TwoModeBench.class).forks(1).events().build();

        JmhGateReport report = FlamegateJmh.run(both, offListing(ID + ", com.example.Elsewhere.bench"));

        assertThat(report.outcomes()).extracting(o -> o.benchmark().id()).isNotEmpty()
                .allMatch(id -> id.startsWith("dev.flamegate.jmh.fixtures.SpinBench.work["))
                .contains(ID);
    }

    @Test
    void aListThatNamesNoneOfTheSelectedBenchmarksRunsNothing() {
        JmhGateReport report = FlamegateJmh.run(tiny().build(), offListing("com.example.Elsewhere.bench[size=1]"));

        assertThat(report.outcomes()).isEmpty();
        assertThat(work.resolve("out/jmh/jmh-result.json")).doesNotExist();
    }

    @Test
    void aListedIdNamesItsBenchmarkWhateverItsParametersAndMode() {
        assertThat(FlamegateJmh.namesToRun(List.of("a.B.x", "a.B.y", "a.B.z"),
                Set.of("a.B.x[size=10]", "a.B.y:thrpt", "a.B.q", "a.B")))
                .containsExactly("a.B.x", "a.B.y");
    }

    @Test
    void forksGetAFixedPreTouchedHeapUnlessTheLaunchingJvmOrTheBenchmarkChoosesOne() {
        assertThat(FlamegateJmh.fixedHeap(List.of("-XX:+UnlockDiagnosticVMOptions"), List.of("-Dx=1")))
                .containsExactly("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");
        assertThat(FlamegateJmh.fixedHeap(List.of("-Xmx4g"), List.of())).as("inherited by the forks").isEmpty();
        assertThat(FlamegateJmh.fixedHeap(List.of(), List.of("-Xms512m"))).isEmpty();
        assertThat(FlamegateJmh.fixedHeap(List.of(), List.of("-XX:-AlwaysPreTouch"))).isEmpty();
        assertThat(FlamegateJmh.fixedHeap(List.of(), List.of("-XX:MaxHeapSize=2g"))).isEmpty();
    }
}
