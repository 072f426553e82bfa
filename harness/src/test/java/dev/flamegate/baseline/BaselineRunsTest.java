package dev.flamegate.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.InvalidInputException;
import dev.flamegate.compare.SyntheticRuns;
import dev.flamegate.profile.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baselines of several recorded runs: appending, keeping the newest, splitting values by run, storing. */
class BaselineRunsTest {

    @TempDir
    Path dir;

    private static Baseline run(long seed, int rounds) {
        return Baseline.from(new SyntheticRuns(seed).rounds(rounds).withProfiles(1000).run(), BaselineOptions.defaults());
    }

    @Test
    void aRecordedRunIsOneRun() {
        Baseline one = run(1, 5);
        assertThat(one.runCount()).isEqualTo(1);
        assertThat(one.runs()).containsOnly(0);
        assertThat(one.byRun(one.metric("cpu.time").orElseThrow())).hasNumberOfRows(1);
    }

    @Test
    void appendedRunsFollowEachOtherAndSplitBackByRun() {
        Baseline first = run(1, 5);
        Baseline second = run(2, 4);
        Baseline both = first.withRun(second, 5);
        assertThat(both.rounds()).isEqualTo(9);
        assertThat(both.runs()).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1);
        double[][] cpu = both.byRun(both.metric("cpu.time").orElseThrow());
        assertThat(cpu[0]).containsExactly(first.metric("cpu.time").orElseThrow());
        assertThat(cpu[1]).containsExactly(second.metric("cpu.time").orElseThrow());
        assertThat(both.profiles().get(Event.CPU).rounds()).isEqualTo(9);
        assertThat(both.profiles().get(Event.CPU).merged().total())
                .isEqualTo(first.profiles().get(Event.CPU).merged().total() + second.profiles().get(Event.CPU).merged().total());
    }

    @Test
    void onlyTheNewestRunsAreKept() {
        Baseline b = run(1, 3);
        for (long seed = 2; seed <= 6; seed++) {
            b = b.withRun(run(seed, 3), 3);
        }
        assertThat(b.runCount()).isEqualTo(3);
        assertThat(b.runs()).containsExactly(0, 0, 0, 1, 1, 1, 2, 2, 2);
        double[] newest = run(6, 3).metric("cpu.time").orElseThrow();
        assertThat(b.byRun(b.metric("cpu.time").orElseThrow())[2]).containsExactly(newest);
        assertThat(run(1, 3).withRun(run(2, 3), 1)).isEqualTo(run(2, 3));
    }

    @Test
    void runsOfAnotherIdAreRefused() {
        Baseline other = Baseline.of("other", "other", SyntheticRuns.ENV, new long[] {1, 1}, java.util.Map.of(), java.util.Map.of());
        assertThatThrownBy(() -> run(1, 3).withRun(other, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other");
    }

    @Test
    void runsSurviveTheStoreAndOneRunWritesNoRunsField() throws IOException {
        BaselineStore store = BaselineStore.at(dir);
        Baseline one = run(1, 4);
        store.save(one);
        assertThat(Files.readString(store.directoryOf(one.id()).resolve("baseline.json"))).doesNotContain("\"runs\"");
        Baseline three = one.withRun(run(2, 4), 5).withRun(run(3, 4), 5);
        store.save(three);
        Baseline loaded = store.load(three.id()).orElseThrow();
        assertThat(loaded.runs()).containsExactly(three.runs());
        assertThat(loaded.byRun(loaded.metric("cpu.time").orElseThrow())).hasNumberOfRows(3);
    }

    @Test
    void runsThatDoNotCountUpAreRefusedNamingTheFile() throws IOException {
        BaselineStore store = BaselineStore.at(dir);
        Baseline two = run(1, 2).withRun(run(2, 2), 5);
        store.save(two);
        Path json = store.directoryOf(two.id()).resolve("baseline.json");
        String text = Files.readString(json);
        String broken = text.replaceFirst("\"runs\" : \\[ 0, 0, 1, 1 ]", "\"runs\" : [ 1, 0, 1, 1 ]");
        assertThat(broken).isNotEqualTo(text);
        Files.writeString(json, broken);
        assertThatThrownBy(() -> store.load(two.id())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(json.toString()).hasMessageContaining("runs");
    }
}
