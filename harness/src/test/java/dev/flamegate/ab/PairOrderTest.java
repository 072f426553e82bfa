package dev.flamegate.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairOrderTest {

    @Test
    void eachBlockOfTwoPairsRunsEachSideFirstOnce() {
        for (long seed = 0; seed < 20; seed++) {
            PairOrder order = PairOrder.seeded(seed);
            for (int pair = 1; pair <= 19; pair += 2) {
                assertThat(order.of(pair)).containsExactlyInAnyOrder(Side.BASE, Side.HEAD);
                assertThat(order.of(pair).get(0)).isNotEqualTo(order.of(pair + 1).get(0));
            }
        }
    }

    @Test
    void theSeedReproducesTheOrderAndDifferentSeedsDiffer() {
        Set<List<Side>> firsts = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            assertThat(PairOrder.seeded(seed).of(5)).isEqualTo(PairOrder.seeded(seed).of(5));
            firsts.add(PairOrder.seeded(seed).of(1));
        }
        assertThat(firsts).hasSize(2);
        assertThatThrownBy(() -> PairOrder.seeded(1).of(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
