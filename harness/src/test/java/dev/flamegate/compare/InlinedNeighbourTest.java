package dev.flamegate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * New work beside a method the JIT inlined in this run only, as in the samples' {@code cpu:10} runs against
 * the committed baselines: {@code recheckRules} appeared under {@code applyDiscounts} while
 * {@code DiscountRule.matches} (8 % of the work, same package) vanished into its caller. The rename guard
 * must not take that for a rename (the caller both paths share grew by the new work); a real rename (the
 * same work under another name, the caller's cost kept) stays a note, and so does a callee the JIT did not
 * inline in this run (its caller's own time fell by what the callee holds).
 */
class InlinedNeighbourTest {

    private static final String PRICING = "java.lang.Thread.run;com.acme.OrderService.handle;com.acme.PricingRules.applyDiscounts";
    private static final String EVALUATE = PRICING + ";com.acme.PricingRules.evaluate";
    private static final String MATCHES = EVALUATE + ";com.acme.DiscountRule.matches";
    private static final String MATCHES_RENAMED = EVALUATE + ";com.acme.DiscountRule.applies";
    private static final String RECHECK = PRICING + ";com.acme.PricingRules.recheckRules";
    private static final String EVALUATE_ONE = EVALUATE + ";com.acme.PricingRules.evaluateOne";
    private static final String RENDER = "java.lang.Thread.run;com.acme.OrderService.handle;com.acme.QuoteWriter.render";

    private static final String NEW_ARRAY = EVALUATE + ";com.acme.Buffers.newArray";

    private enum Shape { BASELINE, INLINED_WITH_NEW_WORK, RENAMED, CALLEE_NOT_INLINED, INNER_FRAME_NOT_INLINED }

    @Test
    void newWorkBesideAnInlinedMethodIsARegressionNamingTheNewMethod() {
        Comparison c = againstFiveRuns(51, Shape.INLINED_WITH_NEW_WORK);

        assertThat(c.verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(c.frames()).extracting(FrameChange::leaf).contains("com.acme.PricingRules.recheckRules");
        assertThat(c.metrics()).anyMatch(m -> m.metric().name().equals("cpu.newPath") && m.status() == MetricChange.Status.REGRESSED);
        assertThat(c.notes()).noneMatch(n -> n.contains("renamed or moved?"));
    }

    @Test
    void theSameWorkUnderAnotherNameIsStillANoteNotARegression() {
        Comparison c = againstFiveRuns(52, Shape.RENAMED);

        assertThat(c.verdict()).isNotEqualTo(Verdict.REGRESSION);
        assertThat(c.notes()).anyMatch(n -> n.contains("com.acme.DiscountRule.matches (") && n.contains("renamed or moved?"));
    }

    @Test
    void aCalleeTheJitDidNotInlineInThisJvmIsTheCallersWorkNotNewWork() {
        Comparison c = againstFiveRuns(53, Shape.CALLEE_NOT_INLINED);

        assertThat(c.verdict()).isNotEqualTo(Verdict.REGRESSION);
        assertThat(c.notes()).anyMatch(n -> n.contains("com.acme.PricingRules.evaluateOne is new")
                && n.contains("its caller com.acme.PricingRules.evaluate lost"));
    }

    @Test
    void anInnerFrameOfAnAllocationTheJitDidNotInlineIsTheSameWork() {
        // Like StringConcatHelper.newArray → Unsafe.allocateUninitializedArray → byte[] gaining
        // allocateUninitializedArray0 in one JVM: the caller's weight sat in the type frame below it.
        Comparison c = againstFiveRuns(54, Shape.INNER_FRAME_NOT_INLINED);

        assertThat(c.verdict()).isNotEqualTo(Verdict.REGRESSION);
        assertThat(c.notes()).anyMatch(n -> n.contains("com.acme.Buffers.newArray0 is new") && n.contains("kept its share"));
    }

    private static Comparison againstFiveRuns(long seed, Shape shape) {
        SplittableRandom random = new SplittableRandom(seed);
        return BaselineComparator.compare(Optional.of(NoisyRuns.baselineOf(IntStream.range(0, 5).mapToObj(i -> run(random, Shape.BASELINE)).toList())),
                run(random, shape), CompareSettings.defaults());
    }

    /**
     * One run of 10 rounds, 2,000 samples each: pricing 58 % (evaluating rules 34 points, matching them 8, a
     * buffer allocation 8), rendering 34 %.
     */
    private static Measurement run(SplittableRandom random, Shape shape) {
        List<Round> rounds = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            Profile.Builder p = Profile.builder(Event.CPU);
            double evaluateSelf = shape == Shape.INLINED_WITH_NEW_WORK ? 0.42 : shape == Shape.CALLEE_NOT_INLINED ? 0.24 : 0.34;
            double recheck = shape == Shape.INLINED_WITH_NEW_WORK ? 0.08 : 0;
            double work = 0.50 + 0.42 + recheck;
            p.add(PRICING, samples(random, 2000 * 0.08 / work));
            p.add(EVALUATE, samples(random, 2000 * evaluateSelf / work));
            if (shape == Shape.CALLEE_NOT_INLINED) {
                p.add(EVALUATE_ONE, samples(random, 2000 * 0.10 / work));
            }
            if (shape == Shape.BASELINE || shape == Shape.CALLEE_NOT_INLINED || shape == Shape.INNER_FRAME_NOT_INLINED) {
                p.add(MATCHES, samples(random, 2000 * 0.08 / work));
            } else if (shape == Shape.RENAMED) {
                p.add(MATCHES_RENAMED, samples(random, 2000 * 0.08 / work));
            } else {
                p.add(RECHECK, samples(random, 2000 * recheck / work));
            }
            p.add(shape == Shape.INNER_FRAME_NOT_INLINED ? NEW_ARRAY + ";com.acme.Buffers.newArray0;byte[]" : NEW_ARRAY + ";byte[]",
                    samples(random, 2000 * 0.08 / work));
            p.add(RENDER, samples(random, 2000 * 0.34 / work));
            rounds.add(new Round(r, 10, Map.of(Metric.CPU_TIME, 1_000_000 * work * Math.exp(0.1 * random.nextGaussian())),
                    Map.of(Event.CPU, p.build()), List.of()));
        }
        return new Measurement("com.acme.OrderServiceTest#quotes", "OrderServiceTest.quotes", SyntheticRuns.ENV, rounds);
    }

    private static long samples(SplittableRandom random, double mean) {
        return Math.max(1, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
}
