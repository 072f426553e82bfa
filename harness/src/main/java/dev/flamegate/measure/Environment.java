package dev.flamegate.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The fingerprint of where and how a measurement was taken. Two measurements compare cleanly only
 * when their fingerprints are {@linkplain #mismatches(Environment) compatible}.
 *
 * @param jdkVendor {@code java.vm.vendor}
 * @param jdkVersion {@code java.runtime.version}
 * @param os {@code os.name}
 * @param arch {@code os.arch}
 * @param cores available processors
 * @param profilerEngine what sampled, e.g. {@code async-profiler/cpu}, {@code async-profiler/itimer}, {@code jfr}, {@code none}
 * @param flamegateVersion the flamegate version that measured
 * @param calibrationNanos how long this machine took for {@linkplain MachineSpeed flamegate's calibration work},
 *        in nanoseconds of CPU time; {@code NaN} when not measured (baselines recorded before it existed).
 *        Not a {@linkplain #mismatches mismatch}: it decides only whether time totals compare
 *        ({@link #timeComparable(Environment)})
 */
public record Environment(String jdkVendor, String jdkVersion, String os, String arch, int cores,
        String profilerEngine, String flamegateVersion, double calibrationNanos) {

    /** A fingerprint without a calibration time. */
    public Environment(String jdkVendor, String jdkVersion, String os, String arch, int cores, String profilerEngine,
            String flamegateVersion) {
        this(jdkVendor, jdkVersion, os, arch, cores, profilerEngine, flamegateVersion, Double.NaN);
    }

    public Environment {
        Objects.requireNonNull(jdkVendor, "jdkVendor");
        Objects.requireNonNull(jdkVersion, "jdkVersion");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(profilerEngine, "profilerEngine");
        Objects.requireNonNull(flamegateVersion, "flamegateVersion");
    }

    /** The fingerprint of this JVM with the given profiler engine. */
    public static Environment current(String profilerEngine) {
        return new Environment(
                System.getProperty("java.vm.vendor", "unknown"),
                System.getProperty("java.runtime.version", System.getProperty("java.version", "unknown")),
                System.getProperty("os.name", "unknown"),
                System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT),
                Runtime.getRuntime().availableProcessors(),
                profilerEngine,
                FlamegateVersion.get(),
                MachineSpeed.calibrationNanos());
    }

    /** This fingerprint with another calibration time. */
    public Environment withCalibrationNanos(double nanos) {
        return new Environment(jdkVendor, jdkVersion, os, arch, cores, profilerEngine, flamegateVersion, nanos);
    }

    /**
     * Whether time totals (CPU time, wall time, JMH scores) measured here compare with {@code other}'s: the
     * machines' calibration times are within {@link MachineSpeed#COMPARABLE_RATIO}, or one is unknown.
     */
    public boolean timeComparable(Environment other) {
        return MachineSpeed.comparable(other.calibrationNanos, calibrationNanos);
    }

    /** How many times as long this machine took for the calibration work as {@code other}; {@code NaN} if unknown. */
    public double slowdownAgainst(Environment other) {
        return calibrationNanos > 0 && other.calibrationNanos > 0 ? calibrationNanos / other.calibrationNanos : Double.NaN;
    }

    /**
     * What differs from {@code other} in a way that makes numbers incomparable (JDK feature version,
     * OS, arch, core count, profiler engine), as readable phrases; empty when compatible.
     */
    public List<String> mismatches(Environment other) {
        List<String> differences = new ArrayList<>();
        if (!featureVersion(jdkVersion).equals(featureVersion(other.jdkVersion))) {
            differences.add("JDK " + other.jdkVersion + " vs " + jdkVersion);
        }
        if (!os.equals(other.os)) {
            differences.add("OS " + other.os + " vs " + os);
        }
        if (!arch.equals(other.arch)) {
            differences.add("arch " + other.arch + " vs " + arch);
        }
        if (cores != other.cores) {
            differences.add(other.cores + " vs " + cores + " cores");
        }
        if (!profilerEngine.equals(other.profilerEngine)) {
            differences.add("profiler " + other.profilerEngine + " vs " + profilerEngine);
        }
        return differences;
    }

    private static String featureVersion(String version) {
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end))) {
            end++;
        }
        return end == 0 ? version : version.substring(0, end);
    }
}
