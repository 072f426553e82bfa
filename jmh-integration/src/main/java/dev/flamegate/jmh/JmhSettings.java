package dev.flamegate.jmh;

import dev.flamegate.profile.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How {@link FlamegateJmh} runs a JMH suite: which benchmarks, how many forks (the independent samples
 * flamegate compares), warm-up and measurement iterations, what to profile.
 *
 * <p>Two presets: {@link #quick()} for CI (5 forks, 2 × 300 ms warm-up, 3 × 300 ms measurement) and
 * {@link #thorough()} for local investigation (10 forks, 5 × 1 s warm-up, 5 × 1 s measurement).
 * {@link #fromSystemProperties()} picks one with {@value #PROFILE_KEY}{@code =quick|thorough}
 * (default {@code quick}).
 *
 * @param includes regular expressions of benchmarks to run, as JMH's {@code include}; at least one
 * @param forks measured forks per benchmark (flamegate's rounds); at least 2 to compare
 * @param warmupIterations warm-up iterations per fork
 * @param warmupTime time of one warm-up iteration
 * @param measurementIterations measured iterations per fork
 * @param measurementTime time of one measured iteration
 * @param events what async-profiler samples in each fork; empty for no profiling
 * @param gcProfiler whether JMH's GC profiler runs too, which gives {@code gc.alloc.rate.norm} (bytes per operation)
 * @param jvmArgs extra JVM arguments for every fork
 * @param params {@code @Param} overrides, as JMH's {@code -p name=v1,v2}
 * @param quiet whether JMH's own console output is silenced (flamegate's summary lines remain)
 * @param maxForks the fork budget per benchmark: in {@code verify} mode a benchmark whose comparison is not yet
 *     known (INCONCLUSIVE) gets further batches of {@code forks} forks until it is known or has this many; equal to
 *     {@code forks} (the default) for no extra forks
 */
public record JmhSettings(List<String> includes, int forks, int warmupIterations, Duration warmupTime,
        int measurementIterations, Duration measurementTime, Set<Event> events, boolean gcProfiler,
        List<String> jvmArgs, Map<String, List<String>> params, boolean quiet, int maxForks) {

    /** System property that selects the preset: {@code quick} or {@code thorough}. */
    public static final String PROFILE_KEY = "flamegate.jmh.profile";

    /** System property of the fork budget ({@link #maxForks()}). */
    public static final String MAX_FORKS_KEY = "flamegate.jmh.maxForks";

    public JmhSettings {
        includes = List.copyOf(includes);
        events = events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
        jvmArgs = List.copyOf(jvmArgs);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        params = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(warmupTime, "warmupTime");
        Objects.requireNonNull(measurementTime, "measurementTime");
        if (includes.isEmpty()) {
            throw new IllegalArgumentException("name at least one benchmark pattern to include");
        }
        if (forks < 1 || warmupIterations < 0 || measurementIterations < 1) {
            throw new IllegalArgumentException("need forks >= 1, warmupIterations >= 0, measurementIterations >= 1; was "
                    + forks + ", " + warmupIterations + ", " + measurementIterations);
        }
        maxForks = Math.max(forks, maxForks);
    }

    /** These settings running exactly the benchmarks named (e.g. {@code com.acme.PricingBench.quote}), nothing else. */
    JmhSettings withBenchmarks(Collection<String> names) {
        List<String> exact = names.stream().map(name -> "^" + Pattern.quote(name) + "$").toList();
        return new JmhSettings(exact, forks, warmupIterations, warmupTime, measurementIterations, measurementTime, events,
                gcProfiler, jvmArgs, params, quiet, maxForks);
    }

    /**
     * These settings for one benchmark and one {@code @Param} combination, with {@code extraForks} forks and no
     * further budget: the batch that adds forks to a benchmark whose answer is not yet known.
     */
    JmhSettings forOne(String benchmark, Map<String, String> values, int extraForks) {
        Map<String, List<String>> one = new LinkedHashMap<>();
        values.forEach((k, v) -> one.put(k, List.of(v)));
        return new JmhSettings(List.of("^" + Pattern.quote(benchmark) + "$"), extraForks, warmupIterations,
                warmupTime, measurementIterations, measurementTime, events, gcProfiler, jvmArgs, one, quiet, extraForks);
    }

    /** The CI preset: 5 forks × (2 × 300 ms warm-up + 3 × 300 ms measured), CPU profile, GC profiler on. */
    public static Builder quick() {
        return new Builder().forks(5).warmup(2, Duration.ofMillis(300)).measurement(3, Duration.ofMillis(300));
    }

    /** The local preset: 10 forks × (5 × 1 s warm-up + 5 × 1 s measured), CPU profile, GC profiler on. */
    public static Builder thorough() {
        return new Builder().forks(10).warmup(5, Duration.ofSeconds(1)).measurement(5, Duration.ofSeconds(1));
    }

    /**
     * The preset named by {@value #PROFILE_KEY} ({@code quick} when unset).
     *
     * @throws IllegalArgumentException for any other value
     */
    public static Builder fromSystemProperties() {
        String profile = System.getProperty(PROFILE_KEY, "quick").trim().toLowerCase(Locale.ROOT);
        Builder builder = switch (profile) {
            case "quick", "" -> quick();
            case "thorough" -> thorough();
            default -> throw new IllegalArgumentException("Configuration error: " + PROFILE_KEY + "=" + profile
                    + " is not a preset; use quick or thorough");
        };
        String budget = System.getProperty(MAX_FORKS_KEY);
        if (budget != null && !budget.isBlank()) {
            try {
                builder.maxForks(Integer.parseInt(budget.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Configuration error: " + MAX_FORKS_KEY + "=" + budget
                        + " is not a whole number of forks, e.g. 15");
            }
        }
        return builder;
    }

    /** Builds settings; starts from the {@link #quick()} values unless a preset is used. */
    public static final class Builder {
        private final List<String> includes = new ArrayList<>();
        private int forks = 5;
        private int warmupIterations = 2;
        private Duration warmupTime = Duration.ofMillis(300);
        private int measurementIterations = 3;
        private Duration measurementTime = Duration.ofMillis(300);
        private Set<Event> events = EnumSet.of(Event.CPU);
        private boolean gcProfiler = true;
        private final List<String> jvmArgs = new ArrayList<>();
        private final Map<String, List<String>> params = new LinkedHashMap<>();
        private boolean quiet;
        private int maxForks;

        private Builder() {
        }

        /** Adds a regular expression of benchmarks to run, e.g. {@code PricingBench} or {@code com\.acme\..*}. */
        public Builder include(String regex) {
            includes.add(Objects.requireNonNull(regex, "regex"));
            return this;
        }

        /** Runs every benchmark of {@code benchmarkClass}. */
        public Builder include(Class<?> benchmarkClass) {
            return include(Pattern.quote(benchmarkClass.getName() + ".") + ".*");
        }

        public Builder forks(int value) {
            forks = value;
            return this;
        }

        public Builder warmup(int iterations, Duration time) {
            warmupIterations = iterations;
            warmupTime = time;
            return this;
        }

        public Builder measurement(int iterations, Duration time) {
            measurementIterations = iterations;
            measurementTime = time;
            return this;
        }

        /** The events to profile; none turns profiling off. */
        public Builder events(Event... values) {
            events = values.length == 0 ? Set.of() : EnumSet.copyOf(List.of(values));
            return this;
        }

        public Builder gcProfiler(boolean value) {
            gcProfiler = value;
            return this;
        }

        public Builder jvmArgs(String... values) {
            jvmArgs.addAll(List.of(values));
            return this;
        }

        /** Overrides the values of one {@code @Param}. */
        public Builder param(String name, String... values) {
            params.put(name, List.of(values));
            return this;
        }

        /** Silences JMH's console output. */
        public Builder quiet(boolean value) {
            quiet = value;
            return this;
        }

        /**
         * The fork budget per benchmark (see {@link JmhSettings#maxForks()}); at most {@code forks} for none.
         */
        public Builder maxForks(int value) {
            maxForks = value;
            return this;
        }

        public JmhSettings build() {
            return new JmhSettings(includes, forks, warmupIterations, warmupTime, measurementIterations, measurementTime,
                    events, gcProfiler, jvmArgs, params, quiet, maxForks);
        }
    }
}
