package dev.flamegate.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.compare.BaselineComparator;
import dev.flamegate.compare.CompareSettings;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.FrameChange;
import dev.flamegate.compare.SyntheticRuns;
import dev.flamegate.compare.Verdict;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileSummaryTest {

    private static Profile profile(Map<String, Long> stacks) {
        Profile.Builder b = Profile.builder(Event.CPU);
        stacks.forEach(b::add);
        return b.build();
    }

    @Test
    void chainsAreNotStoredButAnswerForThemselves() {
        ProfileSummary summary = ProfileSummary.of(Event.CPU,
                List.of(profile(Map.of("main;x;y;leaf", 60L, "main;other", 40L)),
                        profile(Map.of("main;x;y;leaf", 50L, "main;other", 50L))), BaselineOptions.defaults());

        assertThat(summary.frames()).extracting(FrameSeries::path).containsExactly("main", "main;other", "main;x;y;leaf");
        assertThat(summary.series("main;x").total()).containsExactly(0.6, 0.5);
        assertThat(summary.series("main;x").self()).containsExactly(0.0, 0.0);
        assertThat(summary.series("main;absent").total()).containsExactly(0.0, 0.0);
        assertThat(summary.contains("main;x;y")).isTrue();
        assertThat(summary.contains("main;x;z")).isFalse();
    }

    @Test
    void stacksBelowTheStackShareAreCutNotDropped() {
        ProfileSummary summary = ProfileSummary.of(Event.CPU,
                List.of(profile(Map.of("main;hot", 9_990L, "main;cold;deeper;deepest", 10L))), BaselineOptions.defaults());

        assertThat(summary.merged().total()).isEqualTo(10_000L);
        assertThat(dev.flamegate.profile.CollapsedFormat.toText(summary.merged()))
                .contains("\nmain 10\n").contains("\nmain;hot 9990\n").doesNotContain("cold");
    }

    @Test
    void aChainOnOneSideAndABranchOnTheOtherIsNoPhantomChange() {
        List<Round> before = new ArrayList<>();
        List<Round> after = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            before.add(new Round(r, 1, Map.of(Metric.CPU_TIME, 1000.0 + r), Map.of(Event.CPU,
                    profile(Map.of("main;x;y;leaf", 1000L + r))), List.of()));
            after.add(new Round(r, 1, Map.of(Metric.CPU_TIME, 1400.0 + r), Map.of(Event.CPU,
                    profile(Map.of("main;x;y;leaf", 1000L + r, "main;x;z", 400L + r))), List.of()));
        }
        Baseline baseline = Baseline.from(new Measurement("t", "t", SyntheticRuns.ENV, before), BaselineOptions.defaults());
        Comparison c = BaselineComparator.compare(Optional.of(baseline),
                new Measurement("t", "t", SyntheticRuns.ENV, after), CompareSettings.defaults());

        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(c.frames()).extracting(FrameChange::frame).containsExactly("main;x;z");
        assertThat(c.findings()).extracting(f -> f.subject()).containsExactly("main;x;z");
    }
}
