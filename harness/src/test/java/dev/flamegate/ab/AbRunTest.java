package dev.flamegate.ab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.compare.CompareSettings;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.MetricChange;
import dev.flamegate.compare.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AbRunTest {

    private static final String CHECKOUT = "com.example.CheckoutProfiledTest#checksOut";
    private static final String SEARCH = "com.example.SearchProfiledTest#searches";
    private static final String EXPORT = "com.example.ExportProfiledTest#exports";

    private static AbResult run(FakeSides sides, int minPairs, int maxPairs) {
        List<String> progress = new ArrayList<>();
        return new AbRun(sides, new AbSettings(minPairs, maxPairs, Duration.ofHours(1), 42, CompareSettings.defaults()),
                progress::add).run();
    }

    private static Comparison of(AbResult result, String id) {
        return result.comparisons().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aTenPercentSlowerTestIsARegressionThoughThePairsDriftFifteenPercentApart() {
        AbResult result = run(new FakeSides(1, CHECKOUT, SEARCH, EXPORT).headFactor(CHECKOUT, 1.10).pairDrift(0.15), 3, 10);

        Comparison checkout = of(result, CHECKOUT);
        assertThat(checkout.verdict()).isEqualTo(Verdict.REGRESSION);
        MetricChange cpu = checkout.metric("cpu.time").orElseThrow();
        assertThat(cpu.status()).isEqualTo(MetricChange.Status.REGRESSED);
        assertThat(cpu.relativeChange()).isBetween(0.07, 0.13);
        assertThat(checkout.notes()).anyMatch(n -> n.startsWith("A/B: base and head ran side by side"));
        assertThat(of(result, SEARCH).verdict()).isEqualTo(Verdict.PASS);
        assertThat(of(result, EXPORT).verdict()).isEqualTo(Verdict.PASS);
        // the narrower "same" of the paired time does not make the unpaired, steady allocation uncertain
        assertThat(of(result, SEARCH).metric("alloc.bytes").orElseThrow().status()).isEqualTo(MetricChange.Status.UNCHANGED);
    }

    @Test
    void theTestStopsWhenItsCpuTimeIsClearThoughWallTimeIsNot() {
        AbResult result = run(new FakeSides(8, CHECKOUT).runSd(0.003).cv(0.01).wallNoise(0.3), 3, 12);

        Comparison checkout = of(result, CHECKOUT);
        assertThat(checkout.metric("cpu.time").orElseThrow().status()).isEqualTo(MetricChange.Status.UNCHANGED);
        assertThat(checkout.metric("wall.time").orElseThrow().status()).isEqualTo(MetricChange.Status.UNCERTAIN);
        assertThat(checkout.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.pairs()).isLessThan(12);
    }

    @Test
    void unchangedCodeOnADriftingMachineNeverRegressesOverManySeeds() {
        int regressions = 0;
        for (long seed = 0; seed < 40; seed++) {
            AbResult result = run(new FakeSides(seed, CHECKOUT, SEARCH, EXPORT).pairDrift(0.2).runSd(0.02), 3, 8);
            regressions += (int) result.count(Verdict.REGRESSION);
        }
        assertThat(regressions).as("false alarms in 120 unchanged test comparisons").isLessThanOrEqualTo(1);
    }

    @Test
    void stopsAsSoonAsEveryTestIsClearAndSpendsFurtherPairsOnlyOnTheUnclearOnes() {
        FakeSides sides = new FakeSides(3, CHECKOUT, SEARCH).headFactor(CHECKOUT, 1.5).runSd(0.002);
        AbResult clear = run(sides, 3, 12);

        assertThat(clear.pairs()).isLessThan(12);
        assertThat(clear.stopReason()).contains("clearly");
        assertThat(of(clear, CHECKOUT).verdict()).isEqualTo(Verdict.REGRESSION);

        FakeSides noisy = new FakeSides(4, CHECKOUT, SEARCH).runSd(0.002).headFactor(SEARCH, 1.04);
        run(noisy, 3, 6);
        // the first pairs run everything; later ones only what is still unclear, never an empty selection of all
        assertThat(noisy.onlyAsked.subList(0, 6)).allMatch(Set::isEmpty);
        assertThat(noisy.onlyAsked.subList(6, noisy.onlyAsked.size())).allMatch(only -> !only.isEmpty());
    }

    @Test
    void aTestThatHeadLostIsAnErrorAndANewOneHasNoBaseline() {
        AbResult result = run(new FakeSides(5, CHECKOUT, SEARCH, EXPORT)
                .absent((test, side) -> test.equals(SEARCH) && side == Side.HEAD
                        || test.equals(EXPORT) && side == Side.BASE), 3, 3);

        assertThat(of(result, SEARCH).verdict()).isEqualTo(Verdict.ERROR);
        assertThat(of(result, SEARCH).notes()).anyMatch(n -> n.contains("head never did"));
        assertThat(of(result, EXPORT).verdict()).isEqualTo(Verdict.NO_BASELINE);
        assertThat(of(result, CHECKOUT).verdict()).isIn(Verdict.PASS, Verdict.INCONCLUSIVE);
    }

    @Test
    void aPairWhoseSideFailedIsLeftOutAndSaidSo() {
        AbResult result = run(new FakeSides(6, CHECKOUT).fails((pair, side) -> pair == 2 && side == Side.HEAD), 4, 4);

        Comparison checkout = of(result, CHECKOUT);
        assertThat(checkout.notes()).anyMatch(n -> n.startsWith("pair 2: head recorded nothing for this test (exited with 1"));
        assertThat(checkout.metric("cpu.time").orElseThrow().roundsAfter()).isEqualTo(3);
    }

    @Test
    void theBudgetStopsFurtherPairs() {
        List<String> progress = new ArrayList<>();
        SideRunner slow = new SideRunner() {
            private final FakeSides sides = new FakeSides(7, CHECKOUT).runSd(0.05);

            @Override
            public SideRun run(int pair, Side side, Set<String> only) {
                SideRun run = sides.run(pair, side, only);
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return run;
            }
        };
        AbResult result = new AbRun(slow, new AbSettings(2, 50, Duration.ofMillis(200), 1, CompareSettings.defaults()),
                progress::add).run();

        assertThat(result.pairs()).isLessThan(50);
        assertThat(result.stopReason()).contains("budget");
    }
}
