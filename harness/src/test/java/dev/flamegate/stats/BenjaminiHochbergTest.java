package dev.flamegate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BenjaminiHochbergTest {

    @Test
    void adjustsLikeTheTextbookExample() {
        // hand-computed: sorted p 0.0001, 0.0004, 0.0019, 0.0201, 0.0278; q_(i) = min_{j>=i} 5 p_(j) / j
        double[] q = BenjaminiHochberg.adjust(new double[] {0.0201, 0.0001, 0.0004, 0.0278, 0.0019});

        assertThat(q).containsExactly(new double[] {0.025125, 0.0005, 0.0010, 0.0278, 0.0019 * 5 / 3}, within(1e-9));
    }

    @Test
    void keepsTheOrderOfItsInputAndCapsAtOne() {
        double[] q = BenjaminiHochberg.adjust(new double[] {0.9, Double.NaN, 0.01});

        assertThat(q).containsExactly(new double[] {1.0, 1.0, 0.03}, within(1e-12));
    }

    @Test
    void controlsTheFalseDiscoveryRateInSimulation() {
        // 200 frames: 180 unchanged (uniform p), 20 changed (p from a strong signal). Average FDP over 500 profiles <= q.
        SplittableRandom random = new SplittableRandom(42);
        double q = 0.05;
        double fdpSum = 0;
        int trials = 500;
        for (int t = 0; t < trials; t++) {
            double[] p = new double[200];
            for (int i = 0; i < p.length; i++) {
                p[i] = i < 180 ? random.nextDouble() : Math.pow(random.nextDouble(), 8) * 0.01;
            }
            double[] adjusted = BenjaminiHochberg.adjust(p);
            int rejected = 0;
            int false_ = 0;
            for (int i = 0; i < p.length; i++) {
                if (adjusted[i] <= q) {
                    rejected++;
                    if (i < 180) {
                        false_++;
                    }
                }
            }
            fdpSum += rejected == 0 ? 0 : (double) false_ / rejected;
        }
        assertThat(fdpSum / trials).isLessThanOrEqualTo(q);
        // and unadjusted testing at 5 % would have made ~9 false discoveries per profile: the correction matters
    }
}
