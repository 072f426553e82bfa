package dev.flamegate.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JVM killed while it records a baseline over an existing one: a child process
 * ({@link KilledSaveChild}) is stopped with {@code destroyForcibly} (SIGKILL, no shutdown hooks) at each step
 * of a save, and at arbitrary moments of saves in a loop. Afterwards the baseline loads whole — the old one
 * until the swap, the new one after it, never a mix — and the leftovers are never read as a baseline and are
 * gone after the next save.
 */
class BaselineKillTest {

    private static final String ID = "com.acme.PricingTest#quotes";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"write:cpu.collapsed", "write:baseline.json", "swap", "renamed-old"})
    void aRecordingKilledBeforeItsSwapLeavesThePreviousBaselineIntact(String step) throws Exception {
        BaselineStore store = BaselineStore.at(dir);
        Baseline old = KilledSaveChild.sample(KilledSaveChild.OLD);
        store.save(old);
        byte[] oldJson = Files.readAllBytes(store.directoryOf(ID).resolve(BaselineStore.JSON_FILE));

        Process child = start(step);
        try {
            assertThat(awaitLine(child)).isEqualTo("PAUSED " + step);
        } finally {
            kill(child);
        }
        assertThat(leftovers()).as("the killed save left its temporary directory").isNotEmpty();

        assertThat(store.load(ID)).contains(old);
        assertThat(store.directoryOf(ID).resolve(BaselineStore.JSON_FILE)).hasBinaryContent(oldJson);

        Baseline next = KilledSaveChild.sample(7);
        store.save(next);
        assertThat(store.load(ID)).contains(next);
        assertThat(leftovers()).as("leftovers of the killed save are cleaned by the next save").isEmpty();
    }

    @Test
    void aRecordingKilledAtAnyMomentLeavesOneWholeBaseline() throws Exception {
        BaselineStore store = BaselineStore.at(dir);
        Baseline old = KilledSaveChild.sample(KilledSaveChild.OLD);
        Baseline neu = KilledSaveChild.sample(KilledSaveChild.NEW);
        store.save(old);
        for (int delayMillis : new int[] {0, 7, 30, 90, 200}) {
            Process child = start("loop");
            try {
                assertThat(awaitLine(child)).isEqualTo("READY");
                Thread.sleep(delayMillis);
            } finally {
                kill(child);
            }
            assertThat(store.load(ID)).as("after a kill %d ms into saving", delayMillis).hasValueSatisfying(
                    loaded -> assertThat(loaded).isIn(old, neu));
        }
        store.save(old);
        assertThat(leftovers()).isEmpty();
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries).containsExactly(store.directoryOf(ID));
        }
    }

    /** Everything under the root but the baseline directory itself: temporary and backup directories. */
    private List<Path> leftovers() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    private Process start(String step) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), KilledSaveChild.class.getName(), dir.toString(), step));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The child's first line of output (it prints nothing else first); fails after 60 s. */
    private static String awaitLine(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        java.util.concurrent.CompletableFuture<String> line = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return line.get(60, TimeUnit.SECONDS);
    }

    private static void kill(Process child) throws InterruptedException {
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child ended").isTrue();
    }
}
