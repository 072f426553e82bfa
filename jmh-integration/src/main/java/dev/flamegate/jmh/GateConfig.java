package dev.flamegate.jmh;

import dev.flamegate.baseline.BaselineDirectory;
import dev.flamegate.compare.CompareSettings;
import dev.flamegate.gate.GateMode;
import dev.flamegate.gate.GateRules;
import dev.flamegate.gate.MissingBaselinePolicy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@link FlamegateJmh} does with each benchmark's measurement; the same keys and meanings as the
 * JUnit extension's, so one {@code mvn verify -Dflamegate.mode=record} records both:
 * <ul>
 *   <li>{@value #MODE_KEY}: {@code verify} (default: compare, fail on {@code REGRESSION}), {@code record}
 *       (write or refresh baselines), {@code append} (add the run to the baseline, keeping the newest
 *       {@value #BASELINE_RUNS_KEY}, default 5), {@code off} (run JMH, compare nothing);</li>
 *   <li>{@value #BASELINES_DIR_KEY}: the baselines tree; default {@code baselines/} of the nearest ancestor
 *       directory that has one or a {@code .git};</li>
 *   <li>{@value #OUTPUT_DIR_KEY}: artifacts root, default {@code target/flamegate}; benchmarks go under
 *       {@code jmh/};</li>
 *   <li>{@value #CI_KEY} (default: the {@code CI} environment variable) and {@value #CI_MISSING_BASELINE_KEY}:
 *       on CI a missing baseline {@code fail}s (default) with the command to record it, or is
 *       {@code record}ed or {@code pass}es; off CI it is recorded;</li>
 *   <li>{@code flamegate.maxRegression}, {@code flamegate.minEffect}, ...: the comparison's thresholds
 *       ({@link CompareSettings#withOverrides});</li>
 *   <li>{@value #ONLY_KEY}: benchmark ids, comma-separated; when set, only these of the selected benchmarks run
 *       (how {@code flamegate ab} spends its further pairs on the benchmarks still unclear).</li>
 * </ul>
 *
 * @param rules what to do: mode, CI policy, runs a baseline keeps (the JUnit extension's {@link GateRules})
 * @param baselinesDir the baselines tree
 * @param outputDir the artifacts root
 * @param compare the comparison's thresholds
 * @param only the ids of the benchmarks to run, e.g. {@code com.acme.PricingBench.quote[size=100]}; empty for all
 */
public record GateConfig(GateRules rules, Path baselinesDir, Path outputDir, CompareSettings compare, Set<String> only) {

    public static final String MODE_KEY = "flamegate.mode";
    public static final String BASELINES_DIR_KEY = "flamegate.baselines.dir";
    public static final String OUTPUT_DIR_KEY = "flamegate.output.dir";
    public static final String CI_KEY = "flamegate.ci";
    public static final String CI_MISSING_BASELINE_KEY = "flamegate.ci.missingBaseline";
    public static final String BASELINE_RUNS_KEY = "flamegate.baselineRuns";
    public static final String ONLY_KEY = "flamegate.only";

    public GateConfig {
        Objects.requireNonNull(rules, "rules");
        baselinesDir = baselinesDir.toAbsolutePath().normalize();
        outputDir = outputDir.toAbsolutePath().normalize();
        Objects.requireNonNull(compare, "compare");
        only = Set.copyOf(only);
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
        GateRules rules;
        try {
            GateMode mode = value.apply(MODE_KEY).map(v -> GateMode.parse(MODE_KEY, v)).orElse(GateMode.VERIFY);
            MissingBaselinePolicy missing = value.apply(CI_MISSING_BASELINE_KEY)
                    .map(v -> MissingBaselinePolicy.parse(CI_MISSING_BASELINE_KEY, v)).orElse(MissingBaselinePolicy.FAIL);
            int runs = value.apply(BASELINE_RUNS_KEY).map(GateConfig::parseRuns).orElse(GateRules.DEFAULT_BASELINE_RUNS);
            rules = new GateRules(mode, GateRules.onCi(value.apply(CI_KEY), ciVariable), missing, runs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Configuration error: " + e.getMessage(), e);
        }
        Path baselines = value.apply(BASELINES_DIR_KEY).map(Path::of).orElseGet(BaselineDirectory::nearest);
        Path output = value.apply(OUTPUT_DIR_KEY).map(Path::of).orElse(Path.of("target", "flamegate"));
        CompareSettings compare;
        try {
            compare = CompareSettings.defaults().withOverrides(key -> config.apply("flamegate." + key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Configuration error: " + e.getMessage(), e);
        }
        Set<String> only = value.apply(ONLY_KEY).stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::strip).filter(v -> !v.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new GateConfig(rules, baselines, output, compare, only);
    }

    /** What the run does with each benchmark's measurement. */
    public GateMode mode() {
        return rules.mode();
    }

    /** This configuration in another mode. */
    public GateConfig withMode(GateMode newMode) {
        return new GateConfig(new GateRules(newMode, rules.ci(), rules.ciMissingBaseline(), rules.baselineRuns()), baselinesDir,
                outputDir, compare, only);
    }

    /** This configuration with other thresholds. */
    public GateConfig withCompare(CompareSettings newCompare) {
        return new GateConfig(rules, baselinesDir, outputDir, newCompare, only);
    }

    /** Where each benchmark's artifacts go: {@code <output>/jmh/}. */
    public Path jmhOutputDir() {
        return outputDir.resolve("jmh");
    }

    private static int parseRuns(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(BASELINE_RUNS_KEY + "=" + value + " is not a whole number of runs, e.g. 5", e);
        }
    }
}
