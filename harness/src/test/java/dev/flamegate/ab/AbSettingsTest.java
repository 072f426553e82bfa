package dev.flamegate.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.flamegate.compare.CompareSettings;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AbSettingsTest {

    private static AbSettings settings(int min, int max) {
        return new AbSettings(min, max, Duration.ofMinutes(30), 1, CompareSettings.defaults());
    }

    @Test
    void looksAfterTheFirstPairsHalfWayAndAtTheEnd() {
        AbSettings defaults = settings(AbSettings.DEFAULT_MIN_PAIRS, AbSettings.DEFAULT_MAX_PAIRS);

        assertThat(IntStream.rangeClosed(1, 10).filter(defaults::looksAfter).boxed()).containsExactly(4, 7, 10);
        assertThat(defaults.looks()).isEqualTo(3);
        assertThat(settings(3, 3).looks()).isEqualTo(1);
    }

    @Test
    void theLooksAndMetricsSpendExactlyTheGatesErrorRateAndTheLastLookMost() {
        AbSettings s = settings(4, 10);
        double alpha = CompareSettings.defaults().alpha();
        double spent = AbSettings.PAIRED_METRICS_PER_TEST
                * ((s.looks() - 1) * (1 - s.lookConfidence(false)) + (1 - s.lookConfidence(true)));

        assertThat(spent).isCloseTo(alpha, within(1e-12));
        assertThat(1 - s.lookConfidence(true)).isGreaterThan(3 * (1 - s.lookConfidence(false)));
        assertThat(settings(3, 3).lookConfidence(true)).isCloseTo(1 - alpha / 2, within(1e-12));
    }

    @Test
    void impossiblePairCountsAndBudgetsAreRefused() {
        assertThatThrownBy(() -> settings(1, 5)).hasMessageContaining("at least 2 pairs");
        assertThatThrownBy(() -> settings(5, 4)).hasMessageContaining("must be at least");
        assertThatThrownBy(() -> new AbSettings(2, 4, Duration.ZERO, 1, CompareSettings.defaults()))
                .hasMessageContaining("budget must be positive");
        assertThatThrownBy(() -> new AbSettings(2, 4, Duration.ofMinutes(1), 1, CompareSettings.defaults(), 0))
                .hasMessageContaining("sameWithin");
    }
}
