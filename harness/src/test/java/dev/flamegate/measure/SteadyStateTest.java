package dev.flamegate.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SteadyStateTest {

    private static final long ROUND = 200_000_000L;

    @Test
    void roundsThatStillGetFasterAreNotSteadyEvenWithTheJitQuiet() {
        // 7.0 → 5.0 → 4.2 → 3.6 → 3.1 → 2.7 ms per invocation: the trend of a Jackson-heavy body after two rounds.
        List<SteadyState.Round> rounds = rounds(new double[] {7.0, 5.0, 4.2, 3.6, 3.1, 2.7}, 0, 0);

        assertThat(SteadyState.reached(rounds)).isFalse();
        assertThat(SteadyState.whyNot(rounds)).hasValueSatisfying(why -> assertThat(why).startsWith("rounds still").contains("% faster"));
    }

    @Test
    void flatNoisyRoundsWithAQuietJitAreSteady() {
        SplittableRandom random = new SplittableRandom(7);
        double[] times = new double[8];
        for (int i = 0; i < times.length; i++) {
            times[i] = 2.3 * (1 + 0.02 * random.nextGaussian());
        }

        assertThat(SteadyState.reached(rounds(times, 0, 0))).isTrue();
        assertThat(SteadyState.whyNot(rounds(times, 0, 0))).isEmpty();
    }

    @Test
    void aFlatRoundDuringWhichTheJitCompiledOrClassesLoadedIsNotSteady() {
        double[] flat = {2.3, 2.3, 2.3, 2.3, 2.3};
        List<SteadyState.Round> compiling = rounds(flat, 40, 0); // 40 ms of 200: 20 %
        List<SteadyState.Round> loading = rounds(flat, 0, 3);

        assertThat(SteadyState.reached(compiling)).isFalse();
        assertThat(SteadyState.whyNot(compiling)).hasValue("the JIT compiled or loaded classes in 5 of the last 5 rounds");
        assertThat(SteadyState.reached(loading)).isFalse();
        assertThat(SteadyState.reached(rounds(flat, 2, 0))).as("2 ms of 200: 1 %, quiet enough").isTrue();
    }

    @Test
    void roundsOnAGrowingHeapAreNotSteadyAndTheReasonSaysHowToFixTheHeap() {
        // quotesOrders on a 2-core VM: G1 grew the heap to 2 GB and the body ran 13 × slower for five seconds
        // while every allocation faulted in a fresh page (57,000-110,000 faults in rounds of 2-3 s); rounds on
        // reused memory had at most 1,122 faults in 200 ms.
        List<SteadyState.Round> growing = new ArrayList<>();
        List<SteadyState.Round> reused = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            growing.add(new SteadyState.Round(0.7e6, ROUND, 0, 0, 12_000));
            reused.add(new SteadyState.Round(0.7e6, ROUND, 0, 0, 1_122));
        }

        assertThat(growing.get(0).heapGrowing()).isTrue();
        assertThat(growing.get(0).disturbed()).isTrue();
        assertThat(growing.get(0).jitBusy()).isFalse();
        assertThat(SteadyState.reached(growing)).isFalse();
        assertThat(SteadyState.whyNot(growing)).hasValue("the heap grew onto fresh memory (page faults) in 5 of the last 5"
                + " rounds; " + SteadyState.FIXED_HEAP);
        assertThat(reused.get(0).heapGrowing()).isFalse();
        assertThat(SteadyState.reached(reused)).isTrue();
    }

    @Test
    void aSlowPlateauAfterFasterRoundsIsNotSteadyState() {
        // The samples' rendering: fast at 1.3 ms, then 10 ms for nine rounds with the compiler threads idle (a growing
        // heap); a slow plateau after faster rounds is not steady, whatever its cause.
        List<SteadyState.Round> slowPlateau = rounds(new double[] {12.9, 7.6, 1.8, 1.3, 10.2, 9.4, 8.8, 9.7}, 0, 0);
        List<SteadyState.Round> settled = rounds(new double[] {12.9, 7.6, 1.8, 1.3, 10.2, 9.4, 0.6, 0.6, 0.59, 0.6}, 0, 0);

        assertThat(SteadyState.reached(slowPlateau)).isFalse();
        assertThat(SteadyState.whyNot(slowPlateau)).hasValueSatisfying(why -> assertThat(why).contains("× slower than the fastest"));
        assertThat(SteadyState.reached(settled)).isTrue();
    }

    @Test
    void fewerRoundsThanTheTrendRuleComparesAreNotSteady() {
        List<SteadyState.Round> three = rounds(new double[] {2.3, 2.3, 2.3}, 0, 0);

        assertThat(SteadyState.reached(three)).isFalse();
        assertThat(SteadyState.whyNot(three)).hasValue("only 3 rounds fit");
    }

    private static List<SteadyState.Round> rounds(double[] millisPerInvocation, long compileMillis, long classes) {
        List<SteadyState.Round> rounds = new ArrayList<>();
        for (double ms : millisPerInvocation) {
            rounds.add(new SteadyState.Round(ms * 1e6, ROUND, compileMillis, classes, 0));
        }
        return rounds;
    }
}
