package dev.flamegate.flame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import dev.flamegate.profile.Stack;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the merged tree and the per-stack numbers on random profiles. */
class FlameDiffPropertiesTest {

    @Property(tries = 200)
    void everyNodeHoldsItsSelfWeightPlusItsCalleesAndTheRootHoldsTheTotals(
            @ForAll("profiles") Profile before, @ForAll("profiles") Profile after) {
        FlameDiff diff = FlameDiff.of(before, after);

        assertThat(diff.root().before()).isEqualTo(before.total());
        assertThat(diff.root().after()).isEqualTo(after.total());
        ArrayDeque<FlameDiff.Node> pending = new ArrayDeque<>();
        pending.push(diff.root());
        int nodes = 0;
        while (!pending.isEmpty()) {
            FlameDiff.Node node = pending.pop();
            nodes++;
            long calleesBefore = 0;
            long calleesAfter = 0;
            String previous = null;
            for (FlameDiff.Node callee : node.children()) {
                calleesBefore += callee.before();
                calleesAfter += callee.after();
                assertThat(previous == null || previous.compareTo(callee.name()) < 0).as("callees sorted, distinct").isTrue();
                previous = callee.name();
                pending.push(callee);
            }
            assertThat(node.before()).isEqualTo(node.selfBefore() + calleesBefore);
            assertThat(node.after()).isEqualTo(node.selfAfter() + calleesAfter);
            assertThat(node.before() + node.after()).as("no empty node").isPositive();
        }
        assertThat(diff.nodeCount()).isEqualTo(nodes).isEqualTo(1 + distinctPrefixes(before, after));
    }

    @Property(tries = 200)
    void stacksAreTheUnionWithBeforeScaledAndTruncatedToTheAfterTotal(
            @ForAll("profiles") Profile before, @ForAll("profiles") Profile after) {
        FlameDiff diff = FlameDiff.of(before, after);

        Map<List<String>, Long> b = weights(before);
        Map<List<String>, Long> a = weights(after);
        Set<List<String>> union = new HashSet<>(b.keySet());
        union.addAll(a.keySet());
        assertThat(diff.stacks()).hasSize(union.size());
        for (FlameDiff.StackDelta stack : diff.stacks()) {
            long raw = b.getOrDefault(stack.frames(), 0L);
            assertThat(stack.before()).isEqualTo(raw);
            assertThat(stack.after()).isEqualTo(a.getOrDefault(stack.frames(), 0L));
            long expected = before.total() == after.total() ? raw
                    : BigInteger.valueOf(raw).multiply(BigInteger.valueOf(after.total()))
                            .divide(BigInteger.valueOf(before.total())).longValueExact();
            assertThat(stack.beforeScaled()).isEqualTo(expected);
        }
    }

    @Provide
    Arbitrary<Profile> profiles() {
        Arbitrary<List<String>> frames = Arbitraries.of("a", "b", "c", "Foo.<init>", "x;y").list().ofMinSize(1).ofMaxSize(6);
        Arbitrary<Stack> stacks = frames.flatMap(f -> Arbitraries.longs().between(1, 1_000).map(w -> new Stack(f, w)));
        return stacks.list().ofMinSize(1).ofMaxSize(30).map(list -> {
            Profile.Builder builder = Profile.builder(Event.CPU);
            list.forEach(s -> builder.add(s.frames(), s.weight()));
            return builder.build();
        });
    }

    private static Map<List<String>, Long> weights(Profile profile) {
        Map<List<String>, Long> weights = new HashMap<>();
        profile.stacks().forEach(s -> weights.put(s.frames(), s.weight()));
        return weights;
    }

    private static int distinctPrefixes(Profile before, Profile after) {
        Set<List<String>> prefixes = new HashSet<>();
        for (Profile profile : List.of(before, after)) {
            for (Stack stack : profile.stacks()) {
                for (int i = 1; i <= stack.depth(); i++) {
                    prefixes.add(stack.frames().subList(0, i));
                }
            }
        }
        return prefixes.size();
    }
}
