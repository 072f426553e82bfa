package dev.flamegate.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.compare.SyntheticRuns;
import dev.flamegate.flame.bench.SyntheticProfiles;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Round;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Large profiles: a baseline of 5 rounds of 30,000 distinct deep stacks (depth 8-40) is built in bounded memory and stays small. */
class BaselineScaleTest {

    @TempDir
    Path dir;

    @Test
    void thirtyThousandDeepStacksPerRoundGiveASmallBaseline() throws IOException {
        SyntheticProfiles.Pair pair = SyntheticProfiles.pair(30_000, 42);
        List<Round> rounds = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            Profile profile = r % 2 == 0 ? pair.before() : pair.after();
            rounds.add(new Round(r, 1, Map.of(), Map.of(Event.CPU, profile), List.of()));
        }
        Baseline baseline = Baseline.from(new Measurement("big", "big", SyntheticRuns.ENV, rounds), BaselineOptions.defaults());
        BaselineStore store = BaselineStore.at(dir);
        store.save(baseline);

        long bytes;
        try (Stream<Path> files = Files.walk(store.directoryOf("big"))) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(baseline.profiles().get(Event.CPU).frames()).isNotEmpty().hasSizeLessThanOrEqualTo(2000);
        assertThat(bytes).isLessThan(2_000_000);
        assertThat(store.load("big")).contains(baseline);
    }
}
