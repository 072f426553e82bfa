package dev.flamegate.junit;

import dev.flamegate.baseline.BaselineDirectory;
import dev.flamegate.capture.ProfilerSettings;
import dev.flamegate.compare.CompareSettings;
import dev.flamegate.gate.GateMode;
import dev.flamegate.gate.GateRules;
import dev.flamegate.gate.MissingBaselinePolicy;
import dev.flamegate.profile.Event;
import dev.flamegate.redact.Redactor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Everything a profiled test runs with, resolved once per test from the method's annotation, the
 * {@link ProfilingDefaults} of its class and enclosing classes, configuration parameters and built-in defaults.
 */
record ProfilingConfig(GateMode mode, Set<Event> events, int warmup, int rounds, int invocationsPerRound,
        Duration roundTime, boolean traces, CompareSettings compare, ProfilerSettings profiler, Path baselinesDir,
        Path outputDir, boolean ci, MissingBaselinePolicy ciMissingBaseline, int baselineRuns, boolean keepRecording,
        Redactor redactor, Redactor shapeRedactor, Pacing pacing) {

    /**
     * How long warm-up and measurement may take.
     *
     * @param warmupBudget    warm-up runs until steady state or this long (zero: exactly the configured warm-up rounds)
     * @param maxWarmupRounds warm-up runs at most this many rounds
     * @param maxRounds       measured rounds are added up to this many while CPU time is not precise enough
     * @param precision       the relative half-width of the CPU time's interval that is precise enough
     */
    record Pacing(Duration warmupBudget, int maxWarmupRounds, int maxRounds, double precision) {
    }

    static final Duration DEFAULT_WARMUP_BUDGET = Duration.ofSeconds(10);
    static final int MAX_WARMUP_ROUNDS = 100;
    static final int DEFAULT_MAX_ROUNDS = 25;
    static final double DEFAULT_PRECISION = 0.03;

    /** The gate's rules for this test: mode, CI policy and the runs a baseline keeps. */
    GateRules rules() {
        return new GateRules(mode, ci, ciMissingBaseline, baselineRuns);
    }

    Duration warmupBudget() {
        return pacing.warmupBudget();
    }

    int maxWarmupRounds() {
        return pacing.maxWarmupRounds();
    }

    int maxRounds() {
        return pacing.maxRounds();
    }

    double precision() {
        return pacing.precision();
    }

    /** Whether this run is on CI; default from the {@code CI} environment variable. */
    static final String CI_KEY = "flamegate.ci";

    static final int DEFAULT_WARMUP = 2;
    static final int DEFAULT_ROUNDS = 10;
    static final Duration DEFAULT_ROUND_TIME = Duration.ofMillis(200);
    /** How many runs {@link GateMode#APPEND} keeps in a baseline. */
    static final String BASELINE_RUNS_KEY = "flamegate.baselineRuns";

    /** Invocations per round are calibrated. */
    static final int AUTO = 0;

    /**
     * Resolves the configuration of the test in {@code context}.
     *
     * @throws ExtensionConfigurationException "Configuration error: @ProfiledTest on method [...] must ..."
     */
    static ProfilingConfig resolve(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Optional<ProfiledTest> test = AnnotationSupport.findAnnotation(method, ProfiledTest.class);
        Optional<Profiled> template = AnnotationSupport.findAnnotation(method, Profiled.class);
        String annotation = test.isPresent() ? "@ProfiledTest" : "@Profiled";
        Function<String, String> config = key -> context.getConfigurationParameter(key).orElse(null);
        try {
            if (test.isPresent() && template.isPresent()) {
                throw new Must("not combine @ProfiledTest and @Profiled; use @ProfiledTest on"
                        + " plain tests and @Profiled on @ParameterizedTest or @RepeatedTest");
            }
            Options options = test.map(Options::of).or(() -> template.map(Options::of)).orElse(Options.NONE);
            for (Class<?> c = context.getRequiredTestClass(); c != null; c = c.getEnclosingClass()) {
                options = options.orElse(AnnotationSupport.findAnnotation(c, ProfilingDefaults.class)
                        .map(Options::of).orElse(Options.NONE));
            }
            return resolve(options, config);
        } catch (Must e) {
            throw new ExtensionConfigurationException("Configuration error: " + annotation + " on method ["
                    + method.toGenericString() + "] must " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("Configuration error: " + e.getMessage() + " (for "
                    + annotation + " on method [" + method.toGenericString() + "])", e);
        }
    }

    /** Resolves {@code options} against configuration parameters looked up with {@code config}. */
    static ProfilingConfig resolve(Options options, Function<String, String> config) {
        GateMode mode = options.mode() != Mode.INHERIT ? options.mode().gateMode()
                : value(config, ProfiledTest.MODE_KEY).map(v -> GateMode.parse(ProfiledTest.MODE_KEY, v)).orElse(GateMode.VERIFY);
        Set<Event> events = !options.events().isEmpty() ? EnumSet.copyOf(options.events())
                : value(config, ProfiledTest.EVENTS_KEY).map(ProfilingConfig::parseEvents)
                        .orElse(EnumSet.of(Event.CPU, Event.ALLOC));
        int warmup = options.warmup() >= 0 ? options.warmup() : intValue(config, ProfiledTest.WARMUP_KEY, DEFAULT_WARMUP);
        int rounds = options.rounds() >= 0 ? options.rounds() : intValue(config, ProfiledTest.ROUNDS_KEY, DEFAULT_ROUNDS);
        int invocations = options.invocationsPerRound() >= 0 ? options.invocationsPerRound()
                : value(config, ProfiledTest.INVOCATIONS_KEY).filter(v -> !"auto".equalsIgnoreCase(v.trim()))
                        .map(v -> parseInt(ProfiledTest.INVOCATIONS_KEY, v)).orElse(AUTO);
        if (rounds < 2) {
            throw new Must("declare at least 2 rounds (statistics need round-to-round noise), was " + rounds);
        }
        if (options.invocationsPerRound() == 0 || invocations < 0) {
            throw new Must("declare a positive invocationsPerRound, was " + invocations);
        }
        if (warmup < 0) {
            throw new Must("declare a warmup of 0 or more rounds, was " + warmup);
        }
        Duration roundTime = value(config, ProfiledTest.ROUND_TIME_KEY)
                .map(v -> parseDuration(ProfiledTest.ROUND_TIME_KEY, v)).orElse(DEFAULT_ROUND_TIME);
        boolean traces = options.traces()
                && value(config, ProfiledTest.TRACES_KEY).map(Boolean::parseBoolean).orElse(true);
        CompareSettings compare = CompareSettings.defaults().withOverrides(key -> {
            if (CompareSettings.MAX_REGRESSION.equals(key) && !options.maxRegression().isBlank()) {
                return options.maxRegression();
            }
            return config.apply("flamegate." + key);
        });
        ProfilerSettings profiler = ProfilerSettings.of(events, config);
        Path baselines = value(config, ProfiledTest.BASELINES_DIR_KEY).map(Paths::get).orElseGet(BaselineDirectory::nearest);
        Path output = value(config, ProfiledTest.OUTPUT_DIR_KEY).map(Paths::get).orElse(Paths.get("target", "flamegate"));
        boolean ci = GateRules.onCi(value(config, CI_KEY), System.getenv("CI"));
        MissingBaselinePolicy missing = value(config, ProfiledTest.CI_MISSING_BASELINE_KEY)
                .map(v -> MissingBaselinePolicy.parse(ProfiledTest.CI_MISSING_BASELINE_KEY, v)).orElse(MissingBaselinePolicy.FAIL);
        int baselineRuns = intValue(config, BASELINE_RUNS_KEY, GateRules.DEFAULT_BASELINE_RUNS);
        if (baselineRuns < 1) {
            throw new Must("keep at least 1 baseline run (" + BASELINE_RUNS_KEY + "), was " + baselineRuns);
        }
        boolean keepRecording = value(config, ProfiledTest.KEEP_JFR_KEY).map(v -> Boolean.parseBoolean(v.trim())).orElse(false);
        Optional<String> extra = value(config, ProfiledTest.REDACT_KEY);
        Redactor redactor = extra.map(regex -> Redactor.defaults().toBuilder().add(regex, Redactor.REDACTED).build())
                .orElse(Redactor.defaults());
        // One redactor for everything that leaves the JVM, trace shapes (in baselines) included.
        Redactor shapeRedactor = redactor;
        Duration warmupBudget = value(config, ProfiledTest.WARMUP_BUDGET_KEY)
                .map(v -> parseDuration(ProfiledTest.WARMUP_BUDGET_KEY, v)).orElse(DEFAULT_WARMUP_BUDGET);
        int maxRounds = Math.max(rounds, intValue(config, ProfiledTest.MAX_ROUNDS_KEY, DEFAULT_MAX_ROUNDS));
        double precision = value(config, ProfiledTest.PRECISION_KEY).map(v -> parseFraction(ProfiledTest.PRECISION_KEY, v))
                .orElse(DEFAULT_PRECISION);
        Pacing pacing = new Pacing(warmupBudget, Math.max(warmup, MAX_WARMUP_ROUNDS), maxRounds, precision);
        return new ProfilingConfig(mode, events, warmup, rounds, invocations, roundTime, traces, compare, profiler,
                baselines.toAbsolutePath().normalize(), output.toAbsolutePath().normalize(), ci, missing, baselineRuns,
                keepRecording, redactor, shapeRedactor, pacing);
    }

    private static Optional<String> value(Function<String, String> config, String key) {
        return Optional.ofNullable(config.apply(key)).filter(v -> !v.isBlank());
    }

    private static int intValue(Function<String, String> config, String key, int fallback) {
        return value(config, key).map(v -> parseInt(key, v)).orElse(fallback);
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("set " + key + " to a whole number, was '" + value + "'", e);
        }
    }

    private static double parseFraction(String key, String value) {
        String v = value.trim();
        try {
            double fraction = v.endsWith("%") ? Double.parseDouble(v.substring(0, v.length() - 1).trim()) / 100 : Double.parseDouble(v);
            if (fraction > 0 && fraction < 1) {
                return fraction;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("set " + key + " to a percentage such as 3% (or 0.03), was '" + value + "'");
    }

    private static Set<Event> parseEvents(String value) {
        List<Event> events = new ArrayList<>();
        for (String name : value.split(",")) {
            if (!name.isBlank()) {
                events.add(Event.parse(name));
            }
        }
        return events.isEmpty() ? EnumSet.noneOf(Event.class) : EnumSet.copyOf(events);
    }

    private static Duration parseDuration(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            return Duration.ofMillis(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("set " + key + " to a duration such as 100ms or 1s, was '" + value + "'", e);
        }
    }

    /** A rule the annotation's options break, phrased to follow "must". */
    private static final class Must extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Must(String message) {
            super(message);
        }
    }
}
