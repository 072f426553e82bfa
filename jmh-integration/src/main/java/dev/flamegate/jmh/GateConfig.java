package dev.flamegate.jmh;

import dev.flamegate.compare.CompareSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What {@link FlamegateJmh} does with each benchmark's measurement; the same keys and meanings as the
 * JUnit extension's, so one {@code mvn verify -Dflamegate.mode=record} records both:
 * <ul>
 *   <li>{@value #MODE_KEY}: {@code verify} (default: compare, fail on {@code REGRESSION}), {@code record}
 *       (write or refresh baselines), {@code off} (run JMH, compare nothing);</li>
 *   <li>{@value #BASELINES_DIR_KEY}: the baselines tree; default {@code baselines/} of the nearest ancestor
 *       directory that has one or a {@code .git};</li>
 *   <li>{@value #OUTPUT_DIR_KEY}: artifacts root, default {@code target/flamegate}; benchmarks go under
 *       {@code jmh/};</li>
 *   <li>{@value #CI_KEY} (default: the {@code CI} environment variable) and {@value #CI_MISSING_BASELINE_KEY}:
 *       on CI a missing baseline {@code fail}s (default) with the command to record it, or is
 *       {@code record}ed or {@code pass}es; off CI it is recorded;</li>
 *   <li>{@code flamegate.maxRegression}, {@code flamegate.minEffect}, ...: the comparison's thresholds
 *       ({@link CompareSettings#withOverrides}).</li>
 * </ul>
 *
 * @param mode what to do
 * @param baselinesDir the baselines tree
 * @param outputDir the artifacts root
 * @param ci whether this run is on CI
 * @param ciMissingBaseline what a missing baseline does on CI
 * @param compare the comparison's thresholds
 */
public record GateConfig(Mode mode, Path baselinesDir, Path outputDir, boolean ci, MissingBaseline ciMissingBaseline,
        CompareSettings compare) {

    public static final String MODE_KEY = "flamegate.mode";
    public static final String BASELINES_DIR_KEY = "flamegate.baselines.dir";
    public static final String OUTPUT_DIR_KEY = "flamegate.output.dir";
    public static final String CI_KEY = "flamegate.ci";
    public static final String CI_MISSING_BASELINE_KEY = "flamegate.ci.missingBaseline";

    /**
     * What a run does with its measurements: compare, record (replace the baseline), append (add this run's
     * forks to the baseline as one more run, keeping the newest five runs) or nothing.
     */
    public enum Mode {
        VERIFY, RECORD, APPEND, OFF;

        /** Whether this mode writes baselines. */
        public boolean records() {
            return this == RECORD || this == APPEND;
        }
    }

    /** What a missing baseline does on CI. */
    public enum MissingBaseline {
        FAIL, RECORD, PASS
    }

    public GateConfig {
        Objects.requireNonNull(mode, "mode");
        baselinesDir = baselinesDir.toAbsolutePath().normalize();
        outputDir = outputDir.toAbsolutePath().normalize();
        Objects.requireNonNull(ciMissingBaseline, "ciMissingBaseline");
        Objects.requireNonNull(compare, "compare");
    }

    /** From system properties and the {@code CI} environment variable. */
    public static GateConfig fromSystemProperties() {
        return resolve(System::getProperty, System.getenv("CI"));
    }

    /**
     * From configuration looked up with {@code config} ({@code null} for unset keys) and the value of the
     * {@code CI} environment variable.
     *
     * @throws IllegalArgumentException "Configuration error: ..." naming the key and the accepted values
     */
    static GateConfig resolve(Function<String, String> config, String ciVariable) {
        Function<String, Optional<String>> value = key -> Optional.ofNullable(config.apply(key)).map(String::trim)
                .filter(v -> !v.isEmpty());
        Mode mode = value.apply(MODE_KEY).map(v -> parse(Mode.class, MODE_KEY, v)).orElse(Mode.VERIFY);
        Path baselines = value.apply(BASELINES_DIR_KEY).map(Path::of).orElseGet(GateConfig::defaultBaselines);
        Path output = value.apply(OUTPUT_DIR_KEY).map(Path::of).orElse(Path.of("target", "flamegate"));
        boolean ci = value.apply(CI_KEY).or(() -> Optional.ofNullable(ciVariable))
                .map(v -> v.trim().equalsIgnoreCase("true") || v.trim().equals("1")).orElse(false);
        MissingBaseline missing = value.apply(CI_MISSING_BASELINE_KEY)
                .map(v -> parse(MissingBaseline.class, CI_MISSING_BASELINE_KEY, v)).orElse(MissingBaseline.FAIL);
        CompareSettings compare;
        try {
            compare = CompareSettings.defaults().withOverrides(key -> config.apply("flamegate." + key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Configuration error: " + e.getMessage(), e);
        }
        return new GateConfig(mode, baselines, output, ci, missing, compare);
    }

    /** This configuration in another mode. */
    public GateConfig withMode(Mode newMode) {
        return new GateConfig(newMode, baselinesDir, outputDir, ci, ciMissingBaseline, compare);
    }

    /** This configuration with other thresholds. */
    public GateConfig withCompare(CompareSettings newCompare) {
        return new GateConfig(mode, baselinesDir, outputDir, ci, ciMissingBaseline, newCompare);
    }

    /** Where each benchmark's artifacts go: {@code <output>/jmh/}. */
    public Path jmhOutputDir() {
        return outputDir.resolve("jmh");
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String key, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            StringBuilder accepted = new StringBuilder();
            for (E constant : type.getEnumConstants()) {
                accepted.append(accepted.length() == 0 ? "" : ", ").append(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException("Configuration error: " + key + "=" + value + " is not valid; use one of " + accepted, e);
        }
    }

    /** The {@code baselines} directory beside the nearest ancestor that has one or a {@code .git}, as the JUnit extension finds it. */
    private static Path defaultBaselines() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("baselines")) || Files.exists(dir.resolve(".git"))) {
                return dir.resolve("baselines");
            }
        }
        return start.resolve("baselines");
    }
}
