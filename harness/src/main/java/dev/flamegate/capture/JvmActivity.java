package dev.flamegate.capture;

import dev.flamegate.measure.SteadyState;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the JVM itself did between two readings: JIT compilation time, classes loaded, garbage collections, and
 * the process's minor page faults (fresh memory touched for the first time). Tells warm-up when the JIT has
 * gone quiet and the heap has stopped growing, and counts the measured rounds either disturbed. Compilation is read
 * twice: the {@code CompilationMXBean} total, which grows only when a compilation finishes, and on Linux the
 * CPU time of the compiler threads themselves ({@code /proc/self/task/<tid>/stat} of the threads named
 * {@code C1/C2 CompilerThread}), which also shows a long compilation still in progress: a large method that C2
 * compiles for seconds while the body runs ten times slower in tier-3 code looks quiet to the MXBean.
 * Page faults come from {@code /proc/self/stat}: while G1 grows the heap, every allocation lands on pages the
 * kernel has to zero and map first; on a virtual machine that ran the samples 13 × slower for seconds at a time.
 * Readings are cheap; what a platform does not report counts as none.
 */
public final class JvmActivity {

    private static final CompilationMXBean COMPILATION = ManagementFactory.getCompilationMXBean();
    private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final Path STAT = Path.of("/proc/self/stat");
    /** Linux reports thread CPU time in clock ticks of 10 ms ({@code USER_HZ} = 100 on every mainstream kernel). */
    private static final long MILLIS_PER_TICK = 10;

    private long finishedMillis;
    private long threadMillis;
    private long classesLoaded;
    private long collections;
    private long pageFaults;

    private JvmActivity() {
        finishedMillis = finishedCompileMillis();
        threadMillis = compilerThreadMillis();
        classesLoaded = CLASSES.getTotalLoadedClassCount();
        collections = collections();
        pageFaults = minorPageFaults();
    }

    /** A reading to measure from. */
    public static JvmActivity start() {
        return new JvmActivity();
    }

    /**
     * What happened since the previous reading.
     *
     * @param compileMillis JIT compilation time, all compiler threads
     * @param classesLoaded classes loaded
     * @param collections   garbage collections, all collectors
     * @param pageFaults    minor page faults of the whole process
     */
    public record Delta(long compileMillis, long classesLoaded, long collections, long pageFaults) {

        /** This delta as a round of {@code wallNanos}, for {@link SteadyState}'s rules. */
        public SteadyState.Round asRound(double nanosPerInvocation, long wallNanos) {
            return new SteadyState.Round(nanosPerInvocation, wallNanos, compileMillis, classesLoaded, pageFaults);
        }
    }

    /** What happened since the previous reading (or {@link #start()}); this becomes the previous reading. */
    public Delta next() {
        long finished = finishedCompileMillis();
        long thread = compilerThreadMillis();
        long classes = CLASSES.getTotalLoadedClassCount();
        long gcs = collections();
        long faults = minorPageFaults();
        Delta delta = new Delta(compileMillis(finished - finishedMillis, thread - threadMillis), classes - classesLoaded,
                gcs - collections, Math.max(0, faults - pageFaults));
        finishedMillis = finished;
        threadMillis = thread;
        classesLoaded = classes;
        collections = gcs;
        pageFaults = faults;
        return delta;
    }

    /**
     * The JIT's work between two readings: the larger of the compilations finished ({@code CompilationMXBean}) and
     * the compiler threads' CPU time, the latter only from two clock ticks on. {@code /proc} counts in 10 ms ticks,
     * so one tick is compiler noise rounded up (5 % of a 200 ms round), while a long compilation in progress shows
     * as many ticks a round.
     */
    static long compileMillis(long finishedMillis, long threadMillis) {
        return Math.max(Math.max(0, finishedMillis), threadMillis > MILLIS_PER_TICK ? threadMillis : 0);
    }

    /** Time of the compilations finished so far; 0 where the JVM does not monitor it. */
    private static long finishedCompileMillis() {
        return COMPILATION != null && COMPILATION.isCompilationTimeMonitoringSupported() ? COMPILATION.getTotalCompilationTime() : 0;
    }

    /** CPU time of the JIT's compiler threads, from {@code /proc}; 0 where that cannot be read. */
    static long compilerThreadMillis() {
        if (!Files.isDirectory(TASKS)) {
            return 0;
        }
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                ticks += compilerTicks(task);
            }
        } catch (IOException | RuntimeException e) {
            return 0; // a kernel without /proc/self/task, or one that hides it: the MXBean alone
        }
        return ticks * MILLIS_PER_TICK;
    }

    private static long compilerTicks(Path task) {
        try {
            if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                return 0;
            }
            // utime is field 14 and stime field 15 of stat
            String[] fields = fieldsAfterName(Files.readString(task.resolve("stat")));
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // the thread ended between listing and reading
        }
    }

    /** Minor page faults of this process so far, from {@code /proc/self/stat}; 0 where that cannot be read. */
    static long minorPageFaults() {
        try {
            return Long.parseLong(fieldsAfterName(Files.readString(STAT))[7]); // minflt is field 10 of stat
        } catch (IOException | RuntimeException e) {
            return 0; // not Linux, or /proc hidden: page faults unknown, counted as none
        }
    }

    /**
     * The fields of a {@code /proc} {@code stat} line after the parenthesised command name (which may hold spaces
     * and parentheses itself): index 0 is field 3, the state.
     */
    private static String[] fieldsAfterName(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    private static long collections() {
        long total = 0;
        for (GarbageCollectorMXBean gc : COLLECTORS) {
            total += Math.max(0, gc.getCollectionCount());
        }
        return total;
    }
}
