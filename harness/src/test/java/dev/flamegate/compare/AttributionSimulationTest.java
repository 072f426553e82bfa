package dev.flamegate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Attribution on simulated profiles: the frame that really changed is named, alone, nearly always. */
class AttributionSimulationTest {

    @Test
    void namesExactlyTheFrameWhoseSelfTimeGrew() {
        SyntheticRuns runs = new SyntheticRuns(31).withProfiles(3000).cv(0.05).outlierRate(0.05).rounds(10);
        int regressions = 0;
        int exactlyRight = 0;
        int trials = 200;
        for (int t = 0; t < trials; t++) {
            Baseline before = Baseline.from(runs.run(), BaselineOptions.defaults());
            Comparison c = BaselineComparator.compare(Optional.of(before), runs.run(1.3, "main;a;b;c"), CompareSettings.defaults());
            if (c.verdict() == Verdict.REGRESSION) {
                regressions++;
                List<String> named = c.frames().stream().map(FrameChange::frame).toList();
                if (named.equals(List.of("main;a;b;c"))) {
                    exactlyRight++;
                }
            }
        }
        assertThat(regressions).isGreaterThanOrEqualTo(190);
        assertThat((double) exactlyRight / regressions).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void unchangedProfilesNameNoFramesEvenWhenAnotherMetricMoved() {
        // A total that moves for reasons outside the profile (e.g. waiting) must not make frames up.
        SyntheticRuns runs = new SyntheticRuns(32).withProfiles(3000).cv(0.03).rounds(10);
        int named = 0;
        for (int t = 0; t < 200; t++) {
            Baseline before = Baseline.from(runs.run(), BaselineOptions.defaults());
            named += BaselineComparator.compare(Optional.of(before), runs.run(1.3, null), CompareSettings.defaults()).frames().size();
        }
        assertThat(named).isLessThanOrEqualTo(2);
    }
}
