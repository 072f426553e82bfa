package dev.flamegate.flame;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flamegate.flame.bench.SyntheticProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size half of the scale requirement (the time half is {@code FlameDiffBenchmark}, never a timed
 * unit test): two profiles of 100,000 distinct stacks each give a page under 5 MB that says what it pruned.
 */
class FlameScaleTest {

    private static final long FIVE_MB = 5L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void hundredThousandStacksEachStayUnderFiveMegabytesWithPruningReported() throws IOException {
        SyntheticProfiles.Pair pair = SyntheticProfiles.pair(100_000, 42);
        assertThat(pair.before().stacks()).hasSize(100_000);
        assertThat(pair.after().stacks()).hasSize(100_000);
        Path out = dir.resolve("diff.html");

        FlameDiff diff = FlameDiff.of(pair.before(), pair.after());
        DiffFlameGraph.writeHtml(diff, pair.after(), FlameOptions.defaults(), "scale", out);

        assertThat(diff.stacks()).hasSize(110_000); // 90,000 shared, 10,000 only before, 10,000 only after
        assertThat(Files.size(out)).isLessThan(FIVE_MB);
        JsonNode data = FlamePageTest.data(Files.readString(out));
        long shown = data.get("depth").size();
        long pruned = data.get("prunedNodes").asLong();
        assertThat(shown + pruned).isEqualTo(diff.nodeCount());
        assertThat(pruned).isPositive();
        assertThat(data.get("prunedAfter").asLong()).isPositive().isLessThan(diff.afterTotal());
        assertThat(Files.readString(out)).contains("'Pruned '");
    }

    @Test
    void pruningWhileBuildingGivesTheSamePageDataAsPruningTheFullTree() {
        for (long seed = 1; seed <= 3; seed++) {
            SyntheticProfiles.Pair pair = SyntheticProfiles.pair(3_000, seed);
            FlameDiff full = FlameDiff.of(pair.before(), pair.after());
            for (double minWidth : new double[] {0, 0.0001, 0.001, 0.01, 0.2}) {
                PrunedTree afterwards = PrunedTree.of(full, minWidth);
                PrunedTree whileBuilding = PrunedTree.of(FlameDiff.pruned(pair.before(), pair.after(), minWidth), minWidth);

                String at = "seed " + seed + ", min width " + minWidth;
                assertThat(whileBuilding.names).as(at).isEqualTo(afterwards.names);
                assertThat(whileBuilding.depth).as(at).isEqualTo(afterwards.depth);
                assertThat(whileBuilding.name).as(at).isEqualTo(afterwards.name);
                assertThat(whileBuilding.before).as(at).isEqualTo(afterwards.before);
                assertThat(whileBuilding.after).as(at).isEqualTo(afterwards.after);
                assertThat(whileBuilding.prunedNodes).as(at).isEqualTo(afterwards.prunedNodes)
                        .isEqualTo(full.nodeCount() - afterwards.size);
                assertThat(whileBuilding.prunedBefore).as(at).isEqualTo(afterwards.prunedBefore);
                assertThat(whileBuilding.prunedAfter).as(at).isEqualTo(afterwards.prunedAfter);
            }
        }
    }

    @Test
    void withoutPruningEveryNodeIsEmbedded() {
        SyntheticProfiles.Pair pair = SyntheticProfiles.pair(2_000, 7);
        FlameDiff diff = FlameDiff.of(pair.before(), pair.after());

        PrunedTree tree = PrunedTree.of(diff, 0);

        assertThat(tree.size).isEqualTo(diff.nodeCount());
        assertThat(tree.prunedNodes).isZero();
    }
}
