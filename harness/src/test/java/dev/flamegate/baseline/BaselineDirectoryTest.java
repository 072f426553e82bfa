package dev.flamegate.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.flamegate.InvalidInputException;
import dev.flamegate.compare.SyntheticRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state of the baselines directory itself: missing, read-only, and ids that would share a directory. */
class BaselineDirectoryTest {

    private static final String ID = "com.acme.PricingTest#quotes";

    @TempDir
    Path dir;

    private static Baseline sample(long seed) {
        return Baseline.from(new SyntheticRuns(seed).withProfiles(500).run(), BaselineOptions.defaults());
    }

    private static Baseline saved(BaselineStore store, long seed) {
        Baseline baseline = sample(seed);
        store.save(baseline);
        return baseline;
    }

    @Test
    void aMissingDirectoryHasNoBaselinesAndIsCreatedByTheFirstSave() {
        BaselineStore store = BaselineStore.at(dir.resolve("not/yet/there"));

        assertThat(store.load(ID)).isEmpty();
        store.cleanUp();
        assertThat(dir.resolve("not")).as("reading creates nothing").doesNotExist();

        store.save(sample(1));
        assertThat(store.load(ID)).isPresent();
    }

    @Test
    void aReadOnlyDirectoryFailsTheSaveWithWhatToCheckAndKeepsTheOldBaseline() throws IOException {
        Path root = dir.resolve("baselines");
        BaselineStore store = BaselineStore.at(root);
        Baseline old = saved(store, 2);
        List<Path> before = listing(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            // root ignores permissions: there the directory stays writable and this case cannot happen
            assumeFalse(Files.isWritable(root), "running as root: a read-only directory is still writable");

            assertThatThrownBy(() -> store.save(sample(3)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageMatching(Pattern.quote("cannot write baseline " + store.directoryOf(ID) + " (permission denied: "
                            + root.resolve("." + store.directoryOf(ID).getFileName() + ".tmp-")) + "[0-9a-f-]{36}"
                            + Pattern.quote("). Check that " + root + " is writable and has space; the previous baseline is unchanged"));
            assertThat(store.load(ID)).contains(old);
            assertThat(listing(root)).as("nothing written, nothing left behind").isEqualTo(before);
        } finally {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aReadOnlyDirectoryStillLoads() throws IOException {
        Path root = dir.resolve("baselines");
        BaselineStore store = BaselineStore.at(root);
        Baseline old = saved(store, 4);
        Files.setPosixFilePermissions(store.directoryOf(ID), PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThat(BaselineStore.at(root).load(ID)).contains(old);
            BaselineStore.at(root).cleanUp();
        } finally {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(store.directoryOf(ID), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aDirectoryThatHoldsAnotherIdsBaselineIsRefusedNamingBoth() throws IOException {
        // Two ids can only share a directory if their 48-bit name hashes collide, or if someone copied a
        // baseline by hand; either way the id inside decides, and the wrong one is never compared with.
        BaselineStore store = BaselineStore.at(dir);
        store.save(sample(5));
        String other = "com.acme.PricingTest#quotes(int)";
        Files.move(store.directoryOf(ID), store.directoryOf(other));

        assertThatThrownBy(() -> store.load(other)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(store.directoryOf(other).resolve("baseline.json") + ": holds the baseline of '" + ID
                        + "', expected '" + other + "'");
    }

    private static List<Path> listing(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.sorted().toList();
        }
    }
}
