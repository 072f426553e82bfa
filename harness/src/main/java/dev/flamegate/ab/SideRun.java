package dev.flamegate.ab;

import dev.flamegate.baseline.Baseline;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One side's run within one pair: what it recorded, by test id, and how it ended.
 *
 * @param pair the pair, counting from 1
 * @param side which version ran
 * @param exitCode the command's exit code (0: every test passed)
 * @param recorded the one-run baseline of each profiled test or benchmark that recorded, by id
 * @param log the command's output
 * @param took how long the command ran
 * @param problems records that could not be read, each naming its file
 */
record SideRun(int pair, Side side, int exitCode, Map<String, Baseline> recorded, Path log, Duration took,
        List<String> problems) {

    public SideRun {
        Objects.requireNonNull(side, "side");
        recorded = Map.copyOf(recorded);
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(took, "took");
        problems = List.copyOf(problems);
    }

    /** Whether the command failed (a test failed or threw, the build broke). */
    public boolean failed() {
        return exitCode != 0;
    }
}
