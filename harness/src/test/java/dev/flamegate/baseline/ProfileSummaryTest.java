package dev.flamegate.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import dev.flamegate.profile.ProfileView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;
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

    private static final String MH = "java.lang.invoke.LambdaForm$MH.invoke";
    private static final String LINK = "java.lang.invoke.Invokers$Holder.linkToTargetMethod";
    private static final String STATIC = "java.lang.invoke.DirectMethodHandle$Holder.invokeStatic";
    private static final Predicate<String> LINKAGE = ProfileView.LINKAGE_FRAMES.asPredicate();

    @Test
    void pathsReadWithoutDroppedFramesJoinWhereTheyMeet() {
        ProfileSummary summary = ProfileSummary.of(Event.CPU, List.of(
                profile(Map.of("main;pad;" + MH + ";concat", 30L, "main;pad;" + LINK + ";" + STATIC + ";concat", 20L,
                        "main;pad;" + MH, 5L, "main;row", 45L)),
                profile(Map.of("main;pad;" + MH + ";concat", 10L, "main;pad;" + LINK + ";" + STATIC + ";concat", 40L,
                        "main;pad;" + MH, 5L, "main;row", 45L))), BaselineOptions.defaults());

        ProfileSummary without = summary.withoutFrames(LINKAGE);

        // pad branched between two chains; without them it has its own weight (the dropped leaf's) and one callee.
        assertThat(without.frames()).extracting(FrameSeries::path).containsExactly("main", "main;pad", "main;pad;concat", "main;row");
        assertThat(without.series("main;pad;concat").total()).containsExactly(new double[] {0.5, 0.5}, within(1e-9));
        assertThat(without.series("main;pad").self()).containsExactly(new double[] {0.05, 0.05}, within(1e-9));
        assertThat(without.series("main;pad").total()).containsExactly(new double[] {0.55, 0.55}, within(1e-9));
        assertThat(without.merged()).isEqualTo(summary.merged());
        assertThat(summary.withoutFrames(frame -> false)).isSameAs(summary);
    }

    @Test
    void aPathLeftWithOneCalleeAndNoSelfWeightIsAChainAgain() {
        ProfileSummary summary = ProfileSummary.of(Event.CPU, List.of(
                profile(Map.of("main;pad;" + MH + ";concat;copy", 30L, "main;pad;" + LINK + ";concat;copy", 20L, "main;row", 50L))),
                BaselineOptions.defaults());

        assertThat(summary.frames()).extracting(FrameSeries::path).contains("main;pad");
        assertThat(summary.withoutFrames(LINKAGE).frames()).extracting(FrameSeries::path)
                .containsExactly("main", "main;pad;concat;copy", "main;row");
    }

    /** Stacks over a few methods, some called through linkage chains; every stack starts at {@code main}. */
    private static Profile randomProfile(Random random) {
        String[] frames = {"a", "b", "c", MH, LINK, STATIC};
        Profile.Builder b = Profile.builder(Event.CPU);
        for (int s = 0; s < 12; s++) {
            StringBuilder stack = new StringBuilder("main");
            int depth = 1 + random.nextInt(5);
            for (int d = 0; d < depth; d++) {
                stack.append(';').append(frames[random.nextInt(frames.length)]);
            }
            b.add(stack.toString(), 1 + random.nextInt(100));
        }
        return b.build();
    }

    @Test
    void droppingFramesFromASummaryEqualsSummarisingTheStacksWithoutThem() {
        BaselineOptions everyPath = new BaselineOptions(0, 0, 100_000, BaselineOptions.defaults().shapeOptions());
        ProfileView view = ProfileView.builder().dropFrames(ProfileView.LINKAGE_FRAMES).build();
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            List<Profile> rounds = List.of(randomProfile(random), randomProfile(random), randomProfile(random));
            ProfileSummary expected = ProfileSummary.of(Event.CPU, rounds.stream().map(view::apply).toList(), everyPath);

            ProfileSummary actual = ProfileSummary.of(Event.CPU, rounds, everyPath).withoutFrames(LINKAGE);

            assertThat(actual.frames()).extracting(FrameSeries::path)
                    .as("trial %d", trial).containsExactlyElementsOf(expected.frames().stream().map(FrameSeries::path).toList());
            for (FrameSeries f : expected.frames()) {
                assertThat(actual.series(f.path()).total()).as("total of %s", f.path()).containsExactly(f.total(), within(1e-5));
                assertThat(actual.series(f.path()).self()).as("self of %s", f.path()).containsExactly(f.self(), within(1e-5));
            }
        }
    }
}
