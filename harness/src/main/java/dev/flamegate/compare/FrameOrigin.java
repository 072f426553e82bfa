package dev.flamegate.compare;

import java.util.Comparator;
import java.util.List;

/**
 * Whose code a frame is, as a person fixing a regression sees it: their own (the application, where the fix
 * goes), a library's or the JDK's (called by their code), the test or benchmark harness's, or the JVM's own
 * (JIT compiler, GC, runtime stubs such as {@code jbyte_disjoint_arraycopy_avx3}). Headlines and frame tables
 * name the application's frames first: a JIT frame or {@code BaseRunner.runBenchmark} is never what to fix.
 *
 * <p>Without knowing the application's packages, "application" is what is none of the others: not a native
 * or VM frame, not a well-known library or the JDK, not JUnit, JMH, Surefire, Gradle or flamegate's own runtime.
 */
enum FrameOrigin {
    /** The user's own code. */
    APPLICATION,
    /** The JDK or a well-known library. */
    LIBRARY,
    /** What runs the test or benchmark: JUnit, JMH (generated stubs too), Surefire, Gradle, flamegate. */
    HARNESS,
    /** Not Java code: the JIT compiler, GC and VM threads, runtime stubs, native frames. */
    VM;

    private static final List<String> LIBRARIES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.", "kotlin.",
            "kotlinx.", "scala.", "groovy.", "org.h2.", "com.fasterxml.", "org.springframework.", "org.hibernate.",
            "io.opentelemetry.", "org.apache.", "com.google.", "io.netty.", "ch.qos.logback.", "org.slf4j.", "org.postgresql.",
            "com.mysql.", "org.mariadb.", "com.zaxxer.", "reactor.", "io.micrometer.", "org.eclipse.", "org.jboss.",
            "net.bytebuddy.", "org.objectweb.", "okhttp3.", "okio.", "org.yaml.", "org.aspectj.", "org.mockito.",
            "org.assertj.", "org.hamcrest.", "io.grpc.", "com.github.benmanes.", "org.jooq.");
    private static final List<String> HARNESSES = List.of("org.junit.", "junit.", "org.opentest4j.", "org.openjdk.jmh.",
            "org.apache.maven.surefire.", "org.gradle.", "worker.org.gradle.", "com.intellij.", "dev.flamegate.capture.",
            "dev.flamegate.jmh.", "dev.flamegate.junit.FlamegateExtension", "dev.flamegate.junit.WorkloadRunner", "[flamegate]");

    /** The origin of one frame name, e.g. {@code com.acme.Pricing.quote} → {@link #APPLICATION}. */
    public static FrameOrigin of(String frame) {
        for (String prefix : HARNESSES) {
            if (frame.startsWith(prefix)) {
                return HARNESS;
            }
        }
        // JMH generates a class per benchmark into the benchmark's own package.
        if (frame.contains(".jmh_generated.") || frame.contains("_jmhTest.")) {
            return HARNESS;
        }
        if (!ShareGate.isJavaRoot(frame)) {
            return VM;
        }
        for (String prefix : LIBRARIES) {
            if (frame.startsWith(prefix)) {
                return LIBRARY;
            }
        }
        return APPLICATION;
    }

    /**
     * Where the application's code is in a call path (root first, {@code ;}-separated): the index of its
     * innermost (deepest) application frame, or -1 when the path has none.
     */
    public static int innermostApplicationFrame(String[] frames) {
        for (int i = frames.length - 1; i >= 0; i--) {
            if (of(frames[i]) == APPLICATION) {
                return i;
            }
        }
        return -1;
    }

    /**
     * How a call path ranks when naming causes, lower first: 0 when it runs through the application's code,
     * 1 when it is library or harness code only, 2 when its leaf is the VM's and no application code is on it.
     */
    public static int rank(String path) {
        String[] frames = path.split(";");
        if (innermostApplicationFrame(frames) >= 0) {
            return 0;
        }
        return of(frames[frames.length - 1]) == VM ? 2 : 1;
    }

    /**
     * Attributed frames in {@link #rank} order, the application's frames first, and within a rank the widest change
     * of share first (stable otherwise): the first is what a headline names.
     */
    public static final Comparator<FrameChange> CAUSES_FIRST = Comparator
            .comparingInt((FrameChange f) -> rank(f.frame()))
            .thenComparingDouble(f -> Double.isFinite(f.shareDelta()) ? -Math.abs(f.shareDelta()) : 0);
}
