package dev.flamegate.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flamegate.baseline.BaselineIds;
import dev.flamegate.junit.fixtures.PassingFixture;
import dev.flamegate.junit.fixtures.SlowableFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * A full disk or an unwritable output directory: the test's result is reported as it
 * should be — a pass passes, a regression fails with the comparison — and each artifact that could not be
 * written is a warning (report entry {@code flamegate.warnings} and console line), never an error.
 *
 * <p>The full disk is real: a child JVM runs in its own user and mount namespace ({@code unshare -rm}) with a
 * 96 KiB tmpfs mounted on the output directory, so writes fail with the kernel's ENOSPC. Where namespaces are
 * not allowed (many CI runners) those tests are skipped; {@code ArtifactWriterTest} then covers the same
 * handling with an injected {@code IOException("No space left on device")}.
 */
class DiskFullTest {

    private static final String ENOSPC = "No space left on device";

    @TempDir
    Path baselines;
    @TempDir
    Path output;

    @Test
    void onAFullDiskARegressionStillFailsWithItsComparison() throws Exception {
        new EngineRuns(baselines, output).run(SlowableFixture.class, Map.of(ProfiledTest.MODE_KEY, "record"))
                .testEvents().assertStatistics(s -> s.succeeded(1));
        Path full = output.resolve("full");

        ForkedEngineRun.Outcome child = onTinyTmpfs(full, SlowableFixture.class, "-Dflamegate.fixture.slowdown=8000");

        assertThat(child.tests("FAILED")).singleElement().asString().startsWith(
                "test FAILED quote() org.opentest4j.AssertionFailedError: [flamegate] REGRESSION for SlowableFixture.quote");
        assertThat(child.entries("flamegate.verdict")).containsExactly("REGRESSION");
        assertThat(child.entries("flamegate.warnings")).singleElement().asString().contains(ENOSPC);
        assertThat(child.lines()).anySatisfy(l -> assertThat(l).contains("run index not written (").contains(ENOSPC));
        assertThat(child.files()).as("no half-written file left").noneSatisfy(f -> assertThat(f).endsWith(".tmp"));
    }

    @Test
    void onAFullDiskAPassingTestPassesAndRecordsItsBaselineElsewhere() throws Exception {
        Path full = output.resolve("full");

        ForkedEngineRun.Outcome child = onTinyTmpfs(full, PassingFixture.class);

        assertThat(child.tests("SUCCESSFUL")).containsExactly("test SUCCESSFUL steadyWork()");
        assertThat(child.entries("flamegate.verdict")).containsExactly("RECORDED");
        assertThat(child.entries("flamegate.warnings")).singleElement().asString()
                .contains("could not write " + full).contains(ENOSPC);
        assertThat(child.lines()).anySatisfy(l -> assertThat(l).startsWith("[flamegate] warning: could not write"));
        assertThat(baselines.resolve(BaselineIds.fileName(PassingFixture.class.getName() + "#steadyWork"))
                .resolve("baseline.json")).isRegularFile();
        assertThat(child.files()).noneSatisfy(f -> assertThat(f).endsWith(".tmp"));
    }

    @Test
    void aReadOnlyOutputDirectoryIsAWarningAndTheTestStillPasses() throws IOException {
        Path readOnly = Files.createDirectory(output.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(readOnly), "permissions do not bind this user (root)");
            EngineExecutionResults results = new EngineRuns(baselines, readOnly).run(PassingFixture.class, Map.of());
            results.testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
            assertThat(EngineRuns.reportEntries(results)).anySatisfy(e ->
                    assertThat(e.get("flamegate.warnings")).contains("could not write " + readOnly));
            assertThat(readOnly).isEmptyDirectory();
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /**
     * Runs {@code fixture} in a child JVM whose output directory {@code full} is a 96 KiB tmpfs filled up to
     * its last 8 KiB before the JVM starts (so the disk is full whatever the size of the artifacts).
     */
    private ForkedEngineRun.Outcome onTinyTmpfs(Path full, Class<?> fixture, String... jvmArgs) throws Exception {
        assumeTrue(namespacesAllowed(), "unshare -rm (user and mount namespaces) is not allowed here");
        Files.createDirectories(full);
        List<String> launcher = List.of("unshare", "-rm", "sh", "-c",
                "mount -t tmpfs -o size=96k flamegate-full \"$0\" && dd if=/dev/zero of=\"$0/.filler\" bs=8k count=11"
                        + " 2>/dev/null && exec \"$@\"", full.toString());
        List<String> args = new java.util.ArrayList<>(List.of(jvmArgs));
        args.add("-D" + ForkedEngineRun.LIST_KEY + "=" + full);
        ForkedEngineRun.Outcome child = ForkedEngineRun.run(launcher, fixture, args,
                new EngineRuns(baselines, full).arguments(), 180);
        assertThat(child.exitCode()).as(String.join("\n", child.lines())).isZero();
        return child;
    }

    private static boolean namespacesAllowed() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=4k none /mnt")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no unshare
        }
    }
}
