package dev.flamegate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flamegate.measure.Metric;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import dev.flamegate.profile.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ProfilerSessionTest {

    /** Busy work whose frame must show up in CPU profiles; the result is kept so the JIT cannot drop it. */
    static long burn(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.toString(x).hashCode();
            sink = new byte[64];
        }
        return x;
    }

    static volatile byte[] sink;

    private static boolean hasFrame(Profile profile, String fragment) {
        return profile.stacks().stream().map(Stack::frames).flatMap(java.util.List::stream).anyMatch(f -> f.contains(fragment));
    }

    @Test
    void asyncProfilerRecordsCpuAndAllocationOfTheWindowAtOnce() {
        try (ProfilerSession session = ProfilerSession.open(ProfilerSettings.of(Set.of(Event.CPU, Event.ALLOC)))) {
            session.start();
            burn(300);
            ProfileCapture capture = session.stop();

            assertThat(capture.engine()).isEqualTo(ProfilerEngine.ASYNC_CPU);
            assertThat(session.warnings()).isEmpty();
            assertThat(capture.profiles()).containsOnlyKeys(Event.CPU, Event.ALLOC);
            assertThat(hasFrame(capture.profiles().get(Event.CPU), "ProfilerSessionTest.burn")).isTrue();
            assertThat(capture.profiles().get(Event.CPU).metadata().engine()).isEqualTo("async-profiler/cpu");
            assertThat(capture.profiles().get(Event.ALLOC).total()).isPositive();
            assertThat(capture.recording()).get().satisfies(f -> assertThat(Files.size(f)).isPositive());

            // a second window works too and does not carry the first one's samples over
            session.start();
            ProfileCapture idle = session.stop();
            assertThat(hasFrame(idle.profiles().get(Event.CPU), "ProfilerSessionTest.burn")).isFalse();
        }
    }

    static long firstWindow(long millis) {
        return burn(millis);
    }

    static long betweenWindows(long millis) {
        return burn(millis);
    }

    static long secondWindow(long millis) {
        return burn(millis);
    }

    /** Profiles two windows with work between them and checks that each window holds only its own samples. */
    private static java.util.List<ProfileCapture> twoWindows(ProfilerSession session) {
        session.beginWindow();
        firstWindow(250);
        session.endWindow();
        betweenWindows(250);
        session.beginWindow();
        secondWindow(250);
        session.endWindow();
        java.util.List<ProfileCapture> windows = session.finishWindows();

        assertThat(windows).hasSize(2);
        Profile first = windows.get(0).profiles().get(Event.CPU);
        Profile second = windows.get(1).profiles().get(Event.CPU);
        assertThat(hasFrame(first, "firstWindow")).as("first window has its work").isTrue();
        assertThat(hasFrame(second, "secondWindow")).as("second window has its work").isTrue();
        assertThat(hasFrame(first, "secondWindow") || hasFrame(second, "firstWindow")).as("windows mixed").isFalse();
        assertThat(hasFrame(first, "betweenWindows") || hasFrame(second, "betweenWindows"))
                .as("work between the windows counted").isFalse();
        return windows;
    }

    @Test
    void recordingsAreOwnerOnlyWhileTheyExistAndGoneAfterClose() throws Exception {
        Path recording;
        for (ProfilerEngine engine : List.of(ProfilerEngine.ASYNC_ITIMER, ProfilerEngine.JFR)) {
            try (ProfilerSession session = ProfilerSession.open(ProfilerSettings.of(Set.of(Event.CPU)).withEngine(engine))) {
                session.beginWindow();
                burn(50);
                session.endWindow();
                recording = session.finishWindows().get(0).recording().orElseThrow();
                assertThat(Files.size(recording)).as(engine.id()).isPositive();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(recording))).as(engine.id())
                        .isEqualTo("rw-------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(recording.getParent())))
                        .as(engine.id()).isEqualTo("rwx------");
            }
            assertThat(recording.getParent()).as(engine.id()).doesNotExist();
        }
    }

    @Test
    void consecutiveWindowsShareOneRecordingSplitByTimeStamps() {
        try (ProfilerSession session = ProfilerSession.open(ProfilerSettings.of(Set.of(Event.CPU, Event.ALLOC)))) {
            java.util.List<ProfileCapture> windows = twoWindows(session);

            assertThat(windows.get(0).engine()).isEqualTo(ProfilerEngine.ASYNC_CPU);
            assertThat(windows.get(1).profiles().get(Event.ALLOC).total()).isPositive();
            assertThat(windows.get(0).profiles().get(Event.CPU).metadata().duration())
                    .isBetween(java.time.Duration.ofMillis(250), java.time.Duration.ofMillis(5_000));
            assertThat(windows.get(0).recording()).isPresent().isEqualTo(windows.get(1).recording());
            // and the session can record windows again
            twoWindows(session);
        }
    }

    @Test
    void consecutiveWindowsUnderJdkFlightRecorderAreSplitByWallClockTime() {
        try (ProfilerSession session = ProfilerSession.open(ProfilerSettings.of(Set.of(Event.CPU))
                .withEngine(ProfilerEngine.JFR))) {
            java.util.List<ProfileCapture> windows = twoWindows(session);

            assertThat(windows.get(0).engine()).isEqualTo(ProfilerEngine.JFR);
            assertThat(windows.get(0).recording()).isPresent().isEqualTo(windows.get(1).recording());
        }
    }

    @Test
    void forcedItimerEngineIsReported() {
        List<String> warnings = burnsOnItimer(ProfilerSettings.ENGINE_KEY, "itimer");
        assertThat(warnings).isEmpty();
    }

    /** Samples 200 ms of {@link #burn} with one setting changed, checks the itimer sampled it; returns the warnings. */
    private static List<String> burnsOnItimer(String key, String value) {
        ProfilerSettings settings = ProfilerSettings.of(Set.of(Event.CPU), k -> key.equals(k) ? value : null);
        try (ProfilerSession session = ProfilerSession.open(settings)) {
            session.start();
            burn(200);
            ProfileCapture capture = session.stop();
            assertThat(capture.engine()).isEqualTo(ProfilerEngine.ASYNC_ITIMER);
            assertThat(capture.profiles().get(Event.CPU).metadata().engine()).isEqualTo("async-profiler/itimer");
            assertThat(hasFrame(capture.profiles().get(Event.CPU), "ProfilerSessionTest.burn")).isTrue();
            return session.warnings();
        }
    }

    @Test
    void jfrFallbackRecordsExecutionAndAllocationSamples() {
        try (ProfilerSession session = ProfilerSession.open(ProfilerSettings.of(Set.of(Event.CPU, Event.ALLOC, Event.WALL))
                .withEngine(ProfilerEngine.JFR))) {
            session.start();
            burn(400);
            ProfileCapture capture = session.stop();
            assertThat(capture.engine()).isEqualTo(ProfilerEngine.JFR);
            assertThat(capture.profiles()).containsOnlyKeys(Event.CPU, Event.ALLOC);
            assertThat(session.warnings()).containsExactly("jfr cannot sample wall; that profile is left out");
            assertThat(hasFrame(capture.profiles().get(Event.CPU), "ProfilerSessionTest.burn")).isTrue();
            assertThat(capture.profiles().get(Event.ALLOC).metadata().engine()).isEqualTo("jfr");
        }
    }

    @Test
    void engineNoneRecordsNothing() {
        try (ProfilerSession session = ProfilerSession.open(ProfilerSettings.of(Set.of(Event.CPU)).withEngine(ProfilerEngine.NONE))) {
            session.start();
            ProfileCapture capture = session.stop();
            assertThat(capture.engine()).isEqualTo(ProfilerEngine.NONE);
            assertThat(capture.profiles()).isEmpty();
            assertThat(capture.recording()).isEmpty();
        }
    }

    @Test
    void profilerStartedBySomeoneElseFallsBackToJfrWithAWarning() throws Exception {
        one.profiler.AsyncProfiler other = one.profiler.AsyncProfiler.getInstance();
        Path foreign = Files.createTempFile("foreign", ".jfr");
        other.execute("start,event=itimer,jfr,file=" + foreign);
        try (ProfilerSession session = ProfilerSession.open(ProfilerSettings.of(Set.of(Event.CPU)))) {
            session.start();
            burn(50);
            ProfileCapture capture = session.stop();
            assertThat(capture.engine()).isEqualTo(ProfilerEngine.JFR);
            assertThat(session.warnings()).singleElement().asString()
                    .startsWith("async-profiler/cpu unavailable: async-profiler is already running in this JVM");
        } finally {
            other.execute("stop");
            Files.deleteIfExists(foreign);
        }
    }

    @Test
    void aRefusedPerfEventFallsBackToItimerWithAWarning() throws Exception {
        assumeTrue(perfEventRefused("cycles"), "the kernel allows the hardware event 'cycles' here");
        assertThat(burnsOnItimer(ProfilerSettings.PERF_EVENT_KEY, "cycles")).singleElement().asString()
                .startsWith("async-profiler/cpu unavailable: perf event 'cycles' refused (");
    }

    @Test
    void aPerfEventThatIsNotOneWordIsRefusedUpFront() {
        assertThatThrownBy(() -> ProfilerSettings.of(Set.of(Event.CPU), key ->
                ProfilerSettings.PERF_EVENT_KEY.equals(key) ? "cycles,file=/etc/passwd" : null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("perf event must be one word such as cpu or cycles, was 'cycles,file=/etc/passwd'");
    }

    /** Whether async-profiler refuses {@code event} in this JVM (containers and VMs usually forbid hardware events). */
    static boolean perfEventRefused(String event) throws Exception {
        one.profiler.AsyncProfiler profiler = one.profiler.AsyncProfiler.getInstance();
        try {
            profiler.execute("start,event=" + event);
        } catch (IllegalStateException refused) {
            return true;
        }
        profiler.execute("stop");
        return false;
    }

    @Test
    void requiredProfilerFailsWhenNothingWorks() throws Exception {
        one.profiler.AsyncProfiler other = one.profiler.AsyncProfiler.getInstance();
        Path foreign = Files.createTempFile("foreign", ".jfr");
        other.execute("start,event=itimer,jfr,file=" + foreign);
        ProfilerSettings settings = ProfilerSettings.of(Set.of(Event.CPU), key -> switch (key) {
            case ProfilerSettings.ENGINE_KEY -> "itimer";
            case ProfilerSettings.REQUIRED_KEY -> "true";
            default -> null;
        });
        try (ProfilerSession session = ProfilerSession.open(settings)) {
            assertThatThrownBy(session::start).isInstanceOf(ProfilerUnavailableException.class)
                    .hasMessageContaining("No profiler available and flamegate.profiler.required=true")
                    .hasMessageContaining("already running");
        } finally {
            other.execute("stop");
            Files.deleteIfExists(foreign);
        }
    }

    @Test
    void onlyOneSessionIsOpenPerJvm() throws Exception {
        ProfilerSettings none = ProfilerSettings.of(Set.of());
        AtomicBoolean secondOpenedWhileFirstOpen = new AtomicBoolean();
        AtomicBoolean firstOpen = new AtomicBoolean(true);
        CountDownLatch waiting = new CountDownLatch(1);
        Thread second;
        try (ProfilerSession first = ProfilerSession.open(none)) {
            second = new Thread(() -> {
                waiting.countDown();
                try (ProfilerSession s = ProfilerSession.open(none)) {
                    secondOpenedWhileFirstOpen.set(firstOpen.get());
                }
            });
            second.start();
            assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(100); // give the second thread the chance to (wrongly) get in
            firstOpen.set(false);
        }
        second.join(10_000);
        assertThat(second.isAlive()).isFalse();
        assertThat(secondOpenedWhileFirstOpen).isFalse();
    }

    @Test
    void unknownEngineNamesTheAcceptedValues() {
        assertThatThrownBy(() -> ProfilerEngine.parseForced("perfx"))
                .hasMessage("Unknown profiler engine 'perfx': expected auto, async, itimer, ctimer, jfr or none");
    }

    @Test
    void threadCountersMeasureTheCallingThread() {
        ThreadCounters.Reading reading = ThreadCounters.start();
        byte[][] keep = new byte[100][];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = new byte[10_000];
        }
        burn(20);
        ThreadCounters.Usage usage = reading.stop();
        assertThat(keep.length).isEqualTo(100);
        assertThat(usage.allocatedBytes()).isGreaterThanOrEqualTo(1_000_000);
        assertThat(usage.threadCpuNanos()).isPositive();
        assertThat(usage.perInvocation(4).get(Metric.ALLOCATED_BYTES)).isEqualTo(usage.allocatedBytes() / 4.0);
        assertThat(usage.perInvocation(4)).containsKeys(Metric.WALL_TIME, Metric.CPU_TIME, ThreadCounters.PROCESS_CPU_TIME);
    }
}
