package dev.flamegate.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.measure.SteadyState;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class JvmActivityTest {

    @Test
    void loadingClassesAndCollectingGarbageShowInTheNextDelta() throws Exception {
        JvmActivity activity = JvmActivity.start();
        activity.next();
        // A class this JVM has not loaded yet, and enough garbage for a young collection.
        Class.forName("java.util.concurrent.Exchanger");
        System.gc();

        JvmActivity.Delta delta = activity.next();

        assertThat(delta.classesLoaded()).isPositive();
        assertThat(delta.collections()).isPositive();
        assertThat(delta.asRound(1, 200_000_000L).jitBusy()).as("a class was loaded").isTrue();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void touchingFreshMemoryShowsAsPageFaults() {
        JvmActivity activity = JvmActivity.start();
        activity.next();
        // 64 MiB outside the heap, one write per 4 KiB page: each write is a first touch.
        ByteBuffer fresh = ByteBuffer.allocateDirect(64 << 20);
        for (int i = 0; i < fresh.capacity(); i += 4096) {
            fresh.put(i, (byte) 1);
        }

        JvmActivity.Delta delta = activity.next();

        assertThat(delta.pageFaults()).as("16,384 pages touched for the first time").isGreaterThan(8_000);
        assertThat(delta.asRound(1, 200_000_000L).heapGrowing()).isTrue();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void theCompilerThreadsCpuTimeIsReadFromProcAndOnlyGrows() {
        long before = JvmActivity.compilerThreadMillis();
        // Work for the JIT: many small methods called hot enough to compile.
        List<Integer> sink = new ArrayList<>();
        for (int i = 0; i < 2_000_000; i++) {
            sink.add(Integer.toString(i).hashCode() % 7);
        }
        long after = JvmActivity.compilerThreadMillis();

        assertThat(Files.isDirectory(Path.of("/proc/self/task"))).isTrue();
        assertThat(after).as("a test JVM has compiled for at least one clock tick").isPositive().isGreaterThanOrEqualTo(before);
        assertThat(after % 10).as("whole clock ticks").isZero();
        assertThat(sink).hasSize(2_000_000);
    }

    @Test
    void oneClockTickOfCompilerThreadTimeIsNotCompilationButALongCompilationIs() {
        assertThat(JvmActivity.compileMillis(0, 10)).as("one /proc tick: rounding").isZero();
        assertThat(JvmActivity.compileMillis(3, 10)).as("the finished compilations still count").isEqualTo(3);
        assertThat(JvmActivity.compileMillis(0, 20)).as("two ticks").isEqualTo(20);
        assertThat(JvmActivity.compileMillis(5, 180)).as("C2 busy through the round").isEqualTo(180);
        assertThat(new SteadyState.Round(1, 200_000_000L, JvmActivity.compileMillis(0, 10), 0, 0).jitBusy()).isFalse();
    }
}
