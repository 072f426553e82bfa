package dev.flamegate.baseline;

import dev.flamegate.compare.SyntheticRuns;
import dev.flamegate.measure.Measurement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The recording process {@link BaselineKillTest} kills: saves baselines into a directory, either pausing at
 * one step of a save (and printing {@code PAUSED <step>}) until it is killed, or saving over and over
 * ({@code loop}) so that a kill lands wherever it lands.
 *
 * <p>Arguments: the baselines directory, then {@code write:<file>} (write half of that file, pause),
 * {@code swap}, {@code renamed-old} (pause at that checkpoint), or {@code loop}.
 */
public final class KilledSaveChild {

    /** The seeds of the two baselines the child alternates between; the parent saved {@link #OLD} first. */
    static final long OLD = 41;
    static final long NEW = 42;

    private KilledSaveChild() {
    }

    static Baseline sample(long seed) {
        Measurement m = new SyntheticRuns(seed).withProfiles(3000).run(1.2, "main;a;hot");
        return Baseline.from(m, BaselineOptions.defaults());
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String pauseAt = args[1];
        BaselineStore store = new BaselineStore(dir, new Pausing(pauseAt), BaselineStore.MAX_FILE_BYTES);
        if (pauseAt.equals("loop")) {
            Baseline[] both = {sample(NEW), sample(OLD)};
            System.out.println("READY");
            System.out.flush();
            for (long i = 0; ; i++) {
                store.save(both[(int) (i % 2)]);
            }
        }
        store.save(sample(NEW));
        System.out.println("NOT PAUSED"); // the step never came: the parent fails the test
    }

    private record Pausing(String step) implements BaselineStore.FileWriter {
        @Override
        public void write(Path file, byte[] content) throws IOException {
            if (step.equals("write:" + file.getFileName())) {
                Files.write(file, Arrays.copyOf(content, content.length / 2));
                pause();
            }
            Files.write(file, content);
        }

        @Override
        public void checkpoint(String reached) {
            if (step.equals(reached)) {
                pause();
            }
        }

        private void pause() {
            System.out.println("PAUSED " + step);
            System.out.flush();
            try {
                Thread.sleep(120_000); // the parent kills us long before
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(3);
        }
    }
}
