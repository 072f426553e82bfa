package dev.flamegate.flame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.flamegate.flame.FlameDiff.Presence;
import dev.flamegate.flame.FlameDiff.StackDelta;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden numbers of the diff model, computed by hand in the comments. */
class FlameDiffTest {

    private static final double EXACT = 1e-12;

    /** before total 10, after total 20: every before count is doubled when scaled. */
    static Profile before() {
        return Profile.builder(Event.CPU)
                .add("main;a;b", 4)
                .add("main;a;c", 2) // gone in after
                .add("main;d", 4)
                .build();
    }

    static Profile after() {
        return Profile.builder(Event.CPU)
                .add("main;a;b", 6)
                .add("main;a;e", 4) // new in after
                .add("main;d", 10)
                .build();
    }

    @Test
    void nodesCarryInclusiveWeightsSharesAndDeltasNormalisedToEachTotal() {
        FlameDiff diff = FlameDiff.of(before(), after());

        assertThat(diff.beforeTotal()).isEqualTo(10);
        assertThat(diff.afterTotal()).isEqualTo(20);
        assertThat(diff.nodeCount()).isEqualTo(7); // all, main, a, b, c, e, d
        assertThat(diff.maxDepth()).isEqualTo(3);

        FlameDiff.Node root = diff.root();
        assertThat(root.name()).isEqualTo("all");
        assertThat(root.before()).isEqualTo(10);
        assertThat(root.after()).isEqualTo(20);
        assertThat(root.deltaShare()).isZero();

        // main: 10/10 -> 20/20, unchanged share although the count doubled
        assertNode(diff.find("main"), 10, 20, 1.0, 1.0, 0.0, 20.0, 0.0, Presence.BOTH);
        // a: 6/10 = 0.6 -> 10/20 = 0.5; scaled before 6*20/10 = 12, delta 10 - 12 = -2
        assertNode(diff.find("main", "a"), 6, 10, 0.6, 0.5, -0.1, 12.0, -2.0, Presence.BOTH);
        // b: 0.4 -> 0.3; scaled 8, delta -2
        assertNode(diff.find("main", "a", "b"), 4, 6, 0.4, 0.3, -0.1, 8.0, -2.0, Presence.BOTH);
        // c: 0.2 -> 0; scaled 4, delta -4
        assertNode(diff.find("main", "a", "c"), 2, 0, 0.2, 0.0, -0.2, 4.0, -4.0, Presence.BEFORE_ONLY);
        // e: 0 -> 0.2; scaled 0, delta +4
        assertNode(diff.find("main", "a", "e"), 0, 4, 0.0, 0.2, 0.2, 0.0, 4.0, Presence.AFTER_ONLY);
        // d: 0.4 -> 0.5; scaled 8, delta +2
        assertNode(diff.find("main", "d"), 4, 10, 0.4, 0.5, 0.1, 8.0, 2.0, Presence.BOTH);

        assertThat(diff.find("main", "x")).isNull();
        assertThat(diff.find("main", "a").children()).extracting(FlameDiff.Node::name).containsExactly("b", "c", "e");
        assertThat(diff.find("main", "a").selfAfter()).isZero();
        assertThat(diff.find("main", "d").selfAfter()).isEqualTo(10);
        assertThat(diff.find("main", "d").selfBefore()).isEqualTo(4);
    }

    @Test
    void stacksMatchDifffoldedWithNormalisation() {
        // difffolded.pl -n before after: before counts * 20 / 10
        FlameDiff diff = FlameDiff.of(before(), after());

        assertThat(diff.stacks()).containsExactly(
                new StackDelta(List.of("main", "a", "b"), 4, 6, 8),
                new StackDelta(List.of("main", "a", "c"), 2, 0, 4),
                new StackDelta(List.of("main", "a", "e"), 0, 4, 0),
                new StackDelta(List.of("main", "d"), 4, 10, 8));
        assertThat(diff.toDiffFolded()).isEqualTo("""
                main;a;b 8 6
                main;a;c 4 0
                main;a;e 0 4
                main;d 8 10
                """);
    }

    @Test
    void scaledBeforeCountsAreTruncatedLikeDifffolded() {
        // totals 3 and 10: x 1*10/3 = 3.33 -> 3, y 2*10/3 = 6.67 -> 6 (Perl int() truncates)
        Profile before = Profile.builder(Event.CPU).add("r;x", 1).add("r;y", 2).build();
        Profile after = Profile.builder(Event.CPU).add("r;x", 5).add("r;y", 5).build();

        FlameDiff diff = FlameDiff.of(before, after);

        assertThat(diff.toDiffFolded()).isEqualTo("r;x 3 5\nr;y 6 5\n");
        // the tree keeps the exact, untruncated value
        assertThat(diff.find("r", "x").beforeScaled()).isCloseTo(10.0 / 3, within(EXACT));
        assertThat(diff.find("r", "x").deltaShare()).isCloseTo(0.5 - 1.0 / 3, within(EXACT));
        assertThat(diff.find("r", "y").deltaShare()).isCloseTo(0.5 - 2.0 / 3, within(EXACT));
    }

    @Test
    void equalTotalsAreNotScaled() {
        Profile before = Profile.builder(Event.CPU).add("r;x", 7).add("r;y", 3).build();
        Profile after = Profile.builder(Event.CPU).add("r;x", 1).add("r;y", 9).build();

        assertThat(FlameDiff.of(before, after).toDiffFolded()).isEqualTo("r;x 7 1\nr;y 3 9\n");
    }

    @Test
    void scalingLargeCountsDoesNotOverflow() {
        long big = Long.MAX_VALUE / 4;
        assertThat(FlameDiff.scaleToAfter(big, big, 3)).isEqualTo(3);
        assertThat(FlameDiff.scaleToAfter(big / 2, big, 1000)).isEqualTo(499);
    }

    @Test
    void recursionGivesOneNodePerDepthWithoutDoubleCounting() {
        Profile before = Profile.builder(Event.CPU).add("f;f;f", 2).add("f", 1).build();
        Profile after = Profile.builder(Event.CPU).add("f;f;f", 2).add("f;f", 2).build();

        FlameDiff diff = FlameDiff.of(before, after);

        assertThat(diff.find("f").before()).isEqualTo(3);
        assertThat(diff.find("f").after()).isEqualTo(4);
        assertThat(diff.find("f").selfBefore()).isEqualTo(1);
        assertThat(diff.find("f", "f").before()).isEqualTo(2);
        assertThat(diff.find("f", "f").after()).isEqualTo(4);
        assertThat(diff.find("f", "f", "f").after()).isEqualTo(2);
        assertThat(diff.find("f", "f", "f").afterShare()).isCloseTo(0.5, within(EXACT));
    }

    @Test
    void emptyBeforeMakesEveryFrameNew() {
        Profile before = Profile.empty(Event.CPU, Event.CPU.defaultUnit(), dev.flamegate.profile.ProfileMetadata.UNKNOWN);
        FlameDiff diff = FlameDiff.of(before, after());

        assertThat(diff.find("main").presence()).isEqualTo(Presence.AFTER_ONLY);
        assertThat(diff.find("main").beforeShare()).isZero();
        assertThat(diff.find("main").deltaShare()).isEqualTo(1.0);
        assertThat(diff.toDiffFolded()).startsWith("main;a;b 0 6\n");
    }

    @Test
    void differentEventsAreRejected() {
        Profile alloc = Profile.builder(Event.ALLOC).add("main;a", 1).build();

        assertThatThrownBy(() -> FlameDiff.of(before(), alloc))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpu").hasMessageContaining("alloc");
    }

    @Test
    void sharedPrefixesAreMergedEvenAcrossManySiblings() {
        Profile.Builder b = Profile.builder(Event.CPU);
        Profile.Builder a = Profile.builder(Event.CPU);
        for (int i = 0; i < 50; i++) {
            b.add("t;m" + i + ";leaf", 1);
            a.add("t;m" + (i + 25) + ";leaf", 2);
        }
        FlameDiff diff = FlameDiff.of(b.build(), a.build());

        assertThat(diff.find("t").children()).hasSize(75);
        assertThat(diff.nodeCount()).isEqualTo(1 + 1 + 75 * 2);
        assertThat(diff.find("t", "m30", "leaf").presence()).isEqualTo(Presence.BOTH);
        assertThat(diff.find("t", "m10").presence()).isEqualTo(Presence.BEFORE_ONLY);
        assertThat(diff.find("t", "m60").presence()).isEqualTo(Presence.AFTER_ONLY);
        assertThat(diff.stacks()).hasSize(75);
    }

    private static void assertNode(FlameDiff.Node node, long before, long after, double beforeShare, double afterShare,
                                   double deltaShare, double beforeScaled, double delta, Presence presence) {
        assertThat(node).as("node").isNotNull();
        assertThat(node.before()).as("%s before", node.name()).isEqualTo(before);
        assertThat(node.after()).as("%s after", node.name()).isEqualTo(after);
        assertThat(node.beforeShare()).as("%s before share", node.name()).isCloseTo(beforeShare, within(EXACT));
        assertThat(node.afterShare()).as("%s after share", node.name()).isCloseTo(afterShare, within(EXACT));
        assertThat(node.deltaShare()).as("%s delta share", node.name()).isCloseTo(deltaShare, within(EXACT));
        assertThat(node.beforeScaled()).as("%s before scaled", node.name()).isCloseTo(beforeScaled, within(EXACT));
        assertThat(node.delta()).as("%s delta", node.name()).isCloseTo(delta, within(EXACT));
        assertThat(node.presence()).as("%s presence", node.name()).isEqualTo(presence);
    }
}
