package dev.flamegate.capture;

import dev.flamegate.measure.SteadyState;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * What the JVM itself did between two readings: JIT compilation time, classes loaded, garbage collections.
 * Tells warm-up when the JIT has gone quiet and counts the measured rounds it disturbed. Readings are cheap
 * (a few MXBean getters); where the JVM does not report compilation time it counts as none.
 */
public final class JvmActivity {

    private static final CompilationMXBean COMPILATION = ManagementFactory.getCompilationMXBean();
    private static final ClassLoadingMXBean CLASSES = ManagementFactory.getClassLoadingMXBean();
    private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

    private long compileMillis;
    private long classesLoaded;
    private long collections;

    private JvmActivity() {
        compileMillis = compileMillis();
        classesLoaded = CLASSES.getTotalLoadedClassCount();
        collections = collections();
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
     */
    public record Delta(long compileMillis, long classesLoaded, long collections) {

        /** Whether the JIT or the class loader was busy in a round of {@code wallNanos}, by {@link SteadyState}'s rule. */
        public boolean jitBusy(long wallNanos) {
            return new SteadyState.Round(1, wallNanos, compileMillis, classesLoaded).jitBusy();
        }
    }

    /** What happened since the previous reading (or {@link #start()}); this becomes the previous reading. */
    public Delta next() {
        long compile = compileMillis();
        long classes = CLASSES.getTotalLoadedClassCount();
        long gcs = collections();
        Delta delta = new Delta(compile - compileMillis, classes - classesLoaded, gcs - collections);
        compileMillis = compile;
        classesLoaded = classes;
        collections = gcs;
        return delta;
    }

    private static long compileMillis() {
        return COMPILATION != null && COMPILATION.isCompilationTimeMonitoringSupported() ? COMPILATION.getTotalCompilationTime() : 0;
    }

    private static long collections() {
        long total = 0;
        for (GarbageCollectorMXBean gc : COLLECTORS) {
            total += Math.max(0, gc.getCollectionCount());
        }
        return total;
    }
}
