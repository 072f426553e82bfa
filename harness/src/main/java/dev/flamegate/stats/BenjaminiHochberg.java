package dev.flamegate.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Benjamini-Hochberg false-discovery-rate control: turns the p-values of many simultaneous tests
 * (one per frame) into q-values. Rejecting every test with {@code q <= Q} keeps the expected share
 * of false discoveries among the rejections at most {@code Q} (for independent or positively
 * dependent tests).
 */
public final class BenjaminiHochberg {

    private BenjaminiHochberg() {
    }

    /**
     * The adjusted p-values (q-values), in the order of {@code pValues}: {@code q_(i) = min_{j >= i}
     * (m / j) p_(j)}, capped at 1. {@code NaN} p-values count as 1.
     */
    public static double[] adjust(double[] pValues) {
        int m = pValues.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> clean(pValues[i])));
        double[] q = new double[m];
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, clean(pValues[i]) * m / rank);
            q[i] = Math.min(1, running);
        }
        return q;
    }

    private static double clean(double p) {
        return Double.isNaN(p) ? 1 : Math.max(0, Math.min(1, p));
    }
}
