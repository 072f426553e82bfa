package dev.flamegate.ab;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Which side of a pair runs first. Randomised, so a trend during the job (a runner warming up, a neighbour
 * starting) cannot line up with one side; balanced in blocks of two pairs, so over an even number of pairs each
 * side ran first equally often.
 */
final class PairOrder {

    private final long seed;

    private PairOrder(long seed) {
        this.seed = seed;
    }

    /** The order given by {@code seed}; the same seed gives the same orders. */
    public static PairOrder seeded(long seed) {
        return new PairOrder(seed);
    }

    /** The seed, for the report: it reproduces the orders. */
    public long seed() {
        return seed;
    }

    /** The two sides of pair {@code pair} (counting from 1) in the order they run. */
    public List<Side> of(int pair) {
        if (pair < 1) {
            throw new IllegalArgumentException("pairs count from 1, was " + pair);
        }
        int block = (pair - 1) / 2;
        boolean baseFirstInBlock = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (block + 1))).nextBoolean();
        boolean first = (pair - 1) % 2 == 0;
        return baseFirstInBlock == first ? List.of(Side.BASE, Side.HEAD) : List.of(Side.HEAD, Side.BASE);
    }
}
