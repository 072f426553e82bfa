package dev.flamegate.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameStatsTest {

    @Test
    void selfAndTotalCountARecursiveFrameOncePerStack() {
        Profile profile = CollapsedFormat.parse("""
                main;fib;fib;fib 6
                main;fib;fib;add 3
                main;idle 1
                """, "test", Event.CPU);

        FrameStats stats = FrameStats.of(profile);

        assertThat(stats.get("fib")).hasValueSatisfying(fib -> {
            assertThat(fib.self()).isEqualTo(6);
            assertThat(fib.total()).isEqualTo(9); // not 6*3 + 3*2
            assertThat(fib.totalShare()).isCloseTo(0.9, within(1e-12));
            assertThat(fib.selfShare()).isCloseTo(0.6, within(1e-12));
            assertThat(fib.maxRecursion()).isEqualTo(3);
        });
        assertThat(stats.get("main")).hasValueSatisfying(main -> {
            assertThat(main.self()).isZero();
            assertThat(main.total()).isEqualTo(10);
            assertThat(main.maxRecursion()).isEqualTo(1);
        });
        assertThat(stats.get("absent")).isEmpty();
        assertThat(stats.byTotal()).extracting(FrameStats.Frame::frame).containsExactly("main", "fib", "add", "idle");
        assertThat(stats.bySelf()).extracting(FrameStats.Frame::frame).containsExactly("fib", "add", "idle", "main");
    }

    @Test
    void indirectRecursionCountsTowardsTheDeepestRecursion() {
        FrameStats stats = FrameStats.of(CollapsedFormat.parse("a;b;a;b;a 1\n", "test", Event.CPU));

        assertThat(stats.get("a").orElseThrow().maxRecursion()).isEqualTo(3);
        assertThat(stats.get("b").orElseThrow().maxRecursion()).isEqualTo(2);
    }

    @Test
    void changesAreOrderedByAbsoluteShareDeltaAndCoverFramesOnOneSideOnly() {
        FrameStats before = FrameStats.of(CollapsedFormat.parse("main;quote;tax 20\nmain;quote 20\nmain;io 60\n", "b", Event.CPU));
        FrameStats after = FrameStats.of(CollapsedFormat.parse("main;quote;tax 120\nmain;quote;tax;tax 30\nmain;io 40\nmain;log 10\n", "a", Event.CPU));

        List<FrameStats.FrameChange> changes = FrameStats.changes(before, after);

        assertThat(changes).extracting(FrameStats.FrameChange::frame).containsExactly("tax", "io", "quote", "log", "main");
        FrameStats.FrameChange tax = changes.get(0);
        assertThat(tax.beforeTotalShare()).isCloseTo(0.2, within(1e-12));
        assertThat(tax.afterTotalShare()).isCloseTo(0.75, within(1e-12));
        assertThat(tax.totalShareDelta()).isCloseTo(0.55, within(1e-12));
        assertThat(tax.recursionDelta()).isEqualTo(1);
        FrameStats.FrameChange log = changes.get(3);
        assertThat(log.before()).isEmpty();
        assertThat(log.afterTotalShare()).isCloseTo(0.05, within(1e-12));
        assertThat(changes.get(4).totalShareDelta()).isZero();
    }
}
