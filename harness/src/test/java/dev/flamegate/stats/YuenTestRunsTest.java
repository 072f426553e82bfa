package dev.flamegate.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link YuenTest#absoluteAgainstRuns}: one new run against a baseline of several runs when whole runs
 * differ more than their rounds suggest (log scale; seeds fixed).
 */
class YuenTestRunsTest {

    private static double[] rounds(SplittableRandom random, double runOffset, int n, double cv) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = runOffset + cv * random.nextGaussian();
        }
        return values;
    }

    private static double[][] baseline(SplittableRandom random, int runs, double runSd) {
        return baseline(random, runs, runSd, 0.03);
    }

    private static double[][] baseline(SplittableRandom random, int runs, double runSd, double roundCv) {
        double[][] b = new double[runs][];
        for (int k = 0; k < runs; k++) {
            b[k] = rounds(random, runSd * random.nextGaussian(), 10, roundCv);
        }
        return b;
    }

    @Test
    void oneRunIsTheSingleRunTest() {
        SplittableRandom random = new SplittableRandom(1);
        double[] before = rounds(random, 0, 10, 0.05);
        double[] after = rounds(random, 0.1, 10, 0.05);
        assertThat(YuenTest.absoluteAgainstRuns(new double[][] {before}, after, 0.02, 0.99))
                .isEqualTo(YuenTest.absolute(before, after, 0.02, 0.99));
    }

    @Test
    void largeBetweenRunNoiseDoesNotRaiseFalseAlarms() {
        SplittableRandom random = new SplittableRandom(2);
        int alarms = 0;
        int singleRunAlarms = 0;
        for (int trial = 0; trial < 2000; trial++) {
            double[][] before = baseline(random, 5, 0.15);
            double[] after = rounds(random, 0.15 * random.nextGaussian(), 10, 0.03);
            if (YuenTest.absoluteAgainstRuns(before, after, 0.02, 0.99).significantlyAbove()) {
                alarms++;
            }
            if (YuenTest.absolute(before[4], after, 0.02, 0.99).significantlyAbove()) {
                singleRunAlarms++;
            }
        }
        // 99 % two-sided: 0.5 % expected in the upper tail.
        assertThat(alarms).as("false alarms in 2,000 (runs differ by 15 %)").isLessThanOrEqualTo(20);
        assertThat(singleRunAlarms).as("the same comparisons against one run with an assumed 2 % floor")
                .isGreaterThan(400);
    }

    @Test
    void aRealShiftIsDetectedWhenRunsAgree() {
        SplittableRandom random = new SplittableRandom(3);
        int detected = 0;
        for (int trial = 0; trial < 1000; trial++) {
            double[][] before = baseline(random, 5, 0.01);
            double[] after = rounds(random, Math.log(1.2) + 0.01 * random.nextGaussian(), 10, 0.03);
            ShiftEstimate s = YuenTest.absoluteAgainstRuns(before, after, 0.02, 0.99);
            if (s.significantlyAbove()) {
                detected++;
            }
        }
        assertThat(detected).as("+20 %% detected in 1,000 (runs differ by 1 %%, 5 baseline runs)").isGreaterThanOrEqualTo(950);
    }

    @Test
    void fewerRunsGiveWiderIntervals() {
        SplittableRandom random = new SplittableRandom(4);
        double[][] five = baseline(random, 5, 0.05);
        double[][] two = {five[0], five[1]};
        double[] after = rounds(random, 0, 10, 0.03);
        assertThat(YuenTest.absoluteAgainstRuns(two, after, 0.0, 0.99).degreesOfFreedom()).isEqualTo(1);
        assertThat(YuenTest.absoluteAgainstRuns(five, after, 0.0, 0.99).degreesOfFreedom()).isEqualTo(4);
    }

    @Test
    void runsThatAgreeWithinTheFloorLetTheFloorGovern() {
        SplittableRandom random = new SplittableRandom(5);
        int detected = 0;
        int alarms = 0;
        for (int trial = 0; trial < 1000; trial++) {
            // A nearly deterministic metric (allocated bytes): rounds within 0.5 %, runs within 0.5 %.
            double[][] before = baseline(random, 5, 0.005, 0.005);
            if (YuenTest.absoluteAgainstRuns(before, rounds(random, Math.log(1.1) + 0.005 * random.nextGaussian(), 10, 0.005),
                    0.02, 0.99).significantlyAbove()) {
                detected++;
            }
            if (YuenTest.absoluteAgainstRuns(before, rounds(random, 0.005 * random.nextGaussian(), 10, 0.005), 0.02, 0.99)
                    .significantlyAbove()) {
                alarms++;
            }
        }
        // With t on four degrees of freedom the floor alone would hide +10 % (half-width ~ 4.6 x 2.2 %).
        assertThat(detected).as("+10 %% detected in 1,000 (runs agree to 0.5 %%, floor 2 %%)").isGreaterThanOrEqualTo(950);
        assertThat(alarms).as("false alarms in 1,000, same runs").isLessThanOrEqualTo(10);
    }

    @Test
    void runsSpreadWiderThanTheFloorKeepTheirOwnDegreesOfFreedom() {
        SplittableRandom random = new SplittableRandom(6);
        int alarms = 0;
        for (int trial = 0; trial < 4000; trial++) {
            // Runs spread 1.5 x the floor: five of them sometimes look tighter than the floor by chance.
            double[][] before = baseline(random, 5, 0.03, 0.005);
            if (YuenTest.absoluteAgainstRuns(before, rounds(random, 0.03 * random.nextGaussian(), 10, 0.005), 0.02, 0.99)
                    .significantlyAbove()) {
                alarms++;
            }
        }
        assertThat(alarms).as("false alarms in 4,000 (99 %% interval: 20 expected in the upper tail)").isLessThanOrEqualTo(40);
        double[][] tight = {{0.0, 0.01, -0.01}, {0.002, 0.012, -0.008}, {0.0, 0.01, -0.01}, {0.001, 0.011, -0.009}, {0.0, 0.01, -0.01}};
        assertThat(YuenTest.absoluteAgainstRuns(tight, new double[] {0.0, 0.01, -0.01}, 0.02, 0.99).degreesOfFreedom())
                .isGreaterThan(4);
    }
}
