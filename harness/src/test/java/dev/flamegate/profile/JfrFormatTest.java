package dev.flamegate.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.flamegate.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;
import one.profiler.AsyncProfiler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrFormatTest {

    @TempDir
    static Path dir;

    static Path asyncRecording;

    static volatile long sink;

    /** Records once: CPU samples of {@link #burn}, allocations of {@link #allocate}, a contended monitor. */
    @BeforeAll
    static void record() throws Exception {
        asyncRecording = dir.resolve("async.jfr");
        AsyncProfiler profiler = AsyncProfiler.getInstance();
        profiler.execute("start,event=cpu,interval=1ms,alloc=64k,lock=10us,jfr,file=" + asyncRecording);
        try {
            burn(300);
            allocate(200);
            contend();
        } finally {
            profiler.execute("stop");
        }
    }

    static void burn(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long x = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 31 + i;
            }
        }
        sink += x;
    }

    static volatile long[] kept;

    static void allocate(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            // kept in a field: an array only read for its length is one C2 may never allocate
            kept = new long[1024];
            sink += kept.length;
        }
    }

    /** One thread holds a monitor for 50 ms while another waits for it: a contended lock far above 10 us. */
    static void contend() throws InterruptedException {
        Object monitor = new Object();
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (monitor) {
                held.countDown();
                sleep(50);
            }
        });
        holder.start();
        held.await();
        synchronized (monitor) {
            sink++;
        }
        holder.join();
    }

    /** Records 400 ms of {@link #burn} with the JDK's own execution sampler (flamegate's profiler fallback). */
    static Path recordWithJdkFlightRecorder(String name) throws java.io.IOException {
        Path file = dir.resolve(name);
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            burn(400);
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void readsCpuSamplesWithDottedJavaFrames() {
        Profile cpu = JfrFormat.read(asyncRecording).get(Event.CPU);

        assertThat(cpu).isNotNull();
        assertThat(cpu.unit()).isEqualTo(WeightUnit.SAMPLES);
        assertThat(cpu.metadata().engine()).isEqualTo("async-profiler/jfr");
        assertThat(cpu.stacks()).anySatisfy(stack -> assertThat(stack.frames())
                .contains("dev.flamegate.profile.JfrFormatTest.burn", "dev.flamegate.profile.JfrFormatTest.record"));
        // Root first: the burn frame sits below (after) the record frame that called it.
        Stack burning = cpu.stacks().stream().filter(s -> s.frames().contains("dev.flamegate.profile.JfrFormatTest.burn"))
                .findFirst().orElseThrow();
        assertThat(burning.frames().indexOf("dev.flamegate.profile.JfrFormatTest.record"))
                .isLessThan(burning.frames().indexOf("dev.flamegate.profile.JfrFormatTest.burn"));
        assertThat(cpu.stacks()).allSatisfy(stack -> assertThat(stack.frames())
                .noneMatch(frame -> frame.startsWith("dev/flamegate")));
    }

    @Test
    void readsAllocationsInBytesWithTheAllocatedClassAsLeaf() {
        Profile alloc = JfrFormat.read(asyncRecording).get(Event.ALLOC);

        assertThat(alloc).isNotNull();
        assertThat(alloc.unit()).isEqualTo(WeightUnit.BYTES);
        Stack allocating = alloc.stacks().stream()
                .filter(s -> s.frames().contains("dev.flamegate.profile.JfrFormatTest.allocate"))
                .findFirst().orElseThrow();
        assertThat(allocating.leaf()).isEqualTo("long[]");
        // 64 KiB sampling interval: each sample stands for at least one 8 KiB array.
        assertThat(alloc.total()).isGreaterThanOrEqualTo(8 * 1024);
    }

    @Test
    void readsContendedLocksInNanoseconds() {
        Profile lock = JfrFormat.read(asyncRecording).get(Event.LOCK);

        assertThat(lock).isNotNull();
        assertThat(lock.unit()).isEqualTo(WeightUnit.NANOSECONDS);
        assertThat(lock.stacks()).anySatisfy(stack -> {
            assertThat(stack.frames()).contains("dev.flamegate.profile.JfrFormatTest.contend");
            assertThat(stack.leaf()).isEqualTo("java.lang.Object");
        });
        // The waiting thread was blocked for most of the holder's 50 ms sleep.
        assertThat(lock.total()).isGreaterThan(10_000_000L);
    }

    static void dozeOff() {
        sleep(300);
    }

    @Test
    void readsWallClockSamplesOfAsyncProfiler44WithoutHanging() throws Exception {
        Path file = dir.resolve("wall.jfr");
        AsyncProfiler profiler = AsyncProfiler.getInstance();
        profiler.execute("start,event=cpu,wall=5ms,jfr,file=" + file);
        try {
            Thread sleeper = new Thread(JfrFormatTest::dozeOff, "sleeper");
            sleeper.start();
            burn(300);
            sleeper.join();
        } finally {
            profiler.execute("stop");
        }

        // jfr-converter 4.2's own parser loops forever on 4.4's wall-clock events; a hang fails here, not in CI.
        Map<Event, Profile> profiles = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> JfrFormat.read(file));

        assertThat(profiles.get(Event.WALL).stacks()).anySatisfy(stack -> assertThat(stack.frames())
                .containsSubsequence("dev.flamegate.profile.JfrFormatTest.dozeOff", "java.lang.Thread.sleep"));
        assertThat(profiles.get(Event.CPU).stacks()).anySatisfy(stack -> assertThat(stack.frames())
                .contains("dev.flamegate.profile.JfrFormatTest.burn"));
        assertThat(profiles.get(Event.CPU).stacks()).noneSatisfy(stack -> assertThat(stack.frames())
                .contains("dev.flamegate.profile.JfrFormatTest.dozeOff"));
    }

    @Test
    void readsJdkFlightRecorderExecutionSamples() throws Exception {
        Path file = dir.resolve("jdk.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
            recording.start();
            burn(400);
            allocate(200);
            recording.stop();
            recording.dump(file);
        }

        Map<Event, Profile> profiles = JfrFormat.read(file);

        assertThat(profiles).containsKey(Event.CPU);
        assertThat(profiles.get(Event.CPU).metadata().engine()).isEqualTo("jdk-jfr");
        assertThat(profiles.get(Event.CPU).stacks()).anySatisfy(stack -> assertThat(stack.frames())
                .contains("dev.flamegate.profile.JfrFormatTest.burn"));
        assertThat(profiles.get(Event.ALLOC).unit()).isEqualTo(WeightUnit.BYTES);
        assertThat(profiles.get(Event.ALLOC).stacks()).anySatisfy(stack -> {
            assertThat(stack.frames()).contains("dev.flamegate.profile.JfrFormatTest.allocate");
            assertThat(stack.leaf()).isEqualTo("long[]");
        });
    }

    @Test
    void cutOffRecordingIsInvalidInputNamingTheFile() throws Exception {
        byte[] whole = Files.readAllBytes(asyncRecording);
        Path truncated = dir.resolve("truncated.jfr");
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> JfrFormat.read(truncated))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(truncated + ": not a complete JFR recording (Incomplete JFR file). The recording may have"
                        + " been cut off (profiler not stopped, disk full); record it again");
        assertThatThrownBy(() -> ProfileFiles.read(truncated, Event.CPU))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(truncated + ": not a complete JFR recording");
    }

    @Test
    void profileFilesDetectsJfrByMagicBytesAndCollapsedOtherwise() throws Exception {
        Path collapsed = dir.resolve("plain.txt");
        Files.writeString(collapsed, "a;b 3\n");

        assertThat(JfrFormat.isJfr(asyncRecording)).isTrue();
        assertThat(JfrFormat.isJfr(collapsed)).isFalse();
        assertThat(ProfileFiles.read(asyncRecording, Event.ALLOC).unit()).isEqualTo(WeightUnit.BYTES);
        assertThat(ProfileFiles.read(collapsed, Event.CPU).total()).isEqualTo(3);
    }

    @Test
    void profileFilesRejectsMissingEmptyAndStacklessFiles() throws Exception {
        Path missing = dir.resolve("missing.collapsed");
        Path empty = Files.createFile(dir.resolve("empty.collapsed"));
        Path comments = dir.resolve("comments.collapsed");
        Files.writeString(comments, "# only a comment\n\n");

        assertThatThrownBy(() -> ProfileFiles.read(missing, Event.CPU)).isInstanceOf(InvalidInputException.class)
                .hasMessage(missing + ": no such file. Check the path; profiles are collapsed stack files or JFR recordings");
        assertThatThrownBy(() -> ProfileFiles.read(empty, Event.CPU)).isInstanceOf(InvalidInputException.class)
                .hasMessage(empty + ": empty file. The profiler wrote nothing; check that profiling ran, or pass another file");
        assertThatThrownBy(() -> ProfileFiles.read(comments, Event.CPU)).isInstanceOf(InvalidInputException.class)
                .hasMessage(comments + ": no stacks in the profile. Profile a workload that runs long enough to be"
                        + " sampled, or pass another file");
    }

    @Test
    void recordingWithoutTheRequestedEventNamesTheEventsItHas() throws Exception {
        Path file = recordWithJdkFlightRecorder("cpu-only.jfr");

        assertThatThrownBy(() -> ProfileFiles.read(file, Event.LOCK)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": the JFR recording has no lock samples (it has cpu). Choose one of the recorded"
                        + " events (--event cpu)");
    }
}
