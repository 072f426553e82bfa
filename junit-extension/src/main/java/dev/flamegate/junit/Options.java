package dev.flamegate.junit;

import dev.flamegate.profile.Event;
import java.util.Arrays;
import java.util.List;

/**
 * The options of one annotation level ({@link ProfiledTest}, {@link Profiled} or {@link ProfilingDefaults}),
 * with "not set" values (empty, -1, {@link Mode#INHERIT}) that a lower-priority level fills in.
 */
record Options(List<Event> events, int warmup, int rounds, int invocationsPerRound, String maxRegression,
        boolean traces, Mode mode) {

    static final Options NONE = new Options(List.of(), -1, -1, -1, "", true, Mode.INHERIT);

    static Options of(ProfiledTest a) {
        return new Options(Arrays.asList(a.events()), a.warmup(), a.rounds(), a.invocationsPerRound(),
                a.maxRegression(), a.traces(), a.mode());
    }

    static Options of(Profiled a) {
        return new Options(Arrays.asList(a.events()), a.warmup(), a.rounds(), a.invocationsPerRound(),
                a.maxRegression(), a.traces(), a.mode());
    }

    static Options of(ProfilingDefaults a) {
        return new Options(Arrays.asList(a.events()), a.warmup(), a.rounds(), a.invocationsPerRound(),
                a.maxRegression(), a.traces(), a.mode());
    }

    /** These options, with every unset one taken from {@code fallback}; traces stay on only if both say so. */
    Options orElse(Options fallback) {
        return new Options(events.isEmpty() ? fallback.events : events,
                warmup >= 0 ? warmup : fallback.warmup,
                rounds >= 0 ? rounds : fallback.rounds,
                invocationsPerRound >= 0 ? invocationsPerRound : fallback.invocationsPerRound,
                maxRegression.isBlank() ? fallback.maxRegression : maxRegression,
                traces && fallback.traces,
                mode != Mode.INHERIT ? mode : fallback.mode);
    }
}
