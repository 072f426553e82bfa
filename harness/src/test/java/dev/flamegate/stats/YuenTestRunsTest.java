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
        double[][] b = new double[runs][];
        for (int k = 0; k < runs; k++) {
            b[k] = rounds(random, runSd * random.nextGaussian(), 10, 0.03);
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
}
