package dev.flamegate.measure;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When warm-up has reached steady state: the JIT has gone quiet (compilation took at most
 * {@value #MAX_COMPILE_SHARE} of the last round's time, no class was loaded), the rounds no longer get
 * faster (the best of the last two is not more than {@value #MAX_SPEEDUP} faster than the best of the two
 * before, the plateau rule of auto warm-up in BenchmarkDotNet), and they are not stuck on a slow plateau: the
 * best of the last two is within {@value #MAX_SLOWDOWN} of the fastest warm-up round. A deoptimised method
 * runs several times slower in tier-3 code for seconds, with the compiler threads idle, until it is hot
 * enough for C2 again (seen in the samples: 1.3 ms per invocation, then 10 ms for nine rounds, then 0.6 ms). Measured rounds taken before that mostly
 * measure the JIT: on two cores its compiler threads take half the CPU, and per-round CPU time of a
 * Jackson-heavy body still halves between the third and the tenth round.
 */
public final class SteadyState {

    /** Compilation time above this share of a round's wall time means the JIT is still busy. */
    public static final double MAX_COMPILE_SHARE = 0.02;
    /** A speed-up beyond this between successive pairs of rounds is still a trend. */
    public static final double MAX_SPEEDUP = 0.03;
    /** The recent rounds may be this much slower than the fastest warm-up round. */
    public static final double MAX_SLOWDOWN = 0.3;
    /** Rounds the trend rule compares: two against the two before. */
    public static final int WINDOW = 4;

    /**
     * One unmeasured round.
     *
     * @param nanosPerInvocation wall time per invocation
     * @param elapsedNanos       the round's wall time
     * @param compileMillis      JIT compilation time during the round ({@code CompilationMXBean}, all compiler threads)
     * @param classesLoaded      classes loaded during the round
     */
    public record Round(double nanosPerInvocation, long elapsedNanos, long compileMillis, long classesLoaded) {

        /** Whether the JIT or the class loader was busy in this round. */
        public boolean jitBusy() {
            return classesLoaded > 0 || compileMillis * 1e6 > MAX_COMPILE_SHARE * elapsedNanos;
        }
    }

    private SteadyState() {
    }

    /** Whether {@code rounds} (oldest first) end in steady state. */
    public static boolean reached(List<Round> rounds) {
        return rounds.size() >= WINDOW && !rounds.get(rounds.size() - 1).jitBusy() && speedup(rounds) <= MAX_SPEEDUP
                && slowdown(rounds) <= MAX_SLOWDOWN;
    }

    /**
     * Why {@code rounds} do not end in steady state, for a run that ran out of warm-up budget; empty when they do.
     * E.g. "the JIT compiled or loaded classes in 4 of the last 5 rounds; rounds still 8 % faster".
     */
    public static Optional<String> whyNot(List<Round> rounds) {
        if (reached(rounds)) {
            return Optional.empty();
        }
        int last = Math.min(5, rounds.size());
        long busy = rounds.subList(rounds.size() - last, rounds.size()).stream().filter(Round::jitBusy).count();
        StringBuilder why = new StringBuilder();
        if (busy > 0) {
            why.append(String.format(Locale.ROOT, "the JIT compiled or loaded classes in %d of the last %d rounds", busy, last));
        }
        if (rounds.size() >= WINDOW && speedup(rounds) > MAX_SPEEDUP) {
            why.append(why.length() > 0 ? "; " : "").append(String.format(Locale.ROOT, "rounds still %.0f %% faster",
                    100 * speedup(rounds)));
        }
        if (rounds.size() >= WINDOW && slowdown(rounds) > MAX_SLOWDOWN) {
            why.append(why.length() > 0 ? "; " : "").append(String.format(Locale.ROOT,
                    "the last rounds are %.1f × slower than the fastest (a deoptimised method not yet compiled again?)",
                    1 + slowdown(rounds)));
        }
        if (why.length() == 0) {
            why.append("only ").append(rounds.size()).append(" rounds fit");
        }
        return Optional.of(why.toString());
    }

    /** How much slower the best of the last two rounds is than the fastest round (0 when as fast). */
    static double slowdown(List<Round> rounds) {
        int n = rounds.size();
        double recent = Math.min(rounds.get(n - 1).nanosPerInvocation(), rounds.get(n - 2).nanosPerInvocation());
        double best = rounds.stream().mapToDouble(Round::nanosPerInvocation).min().orElse(recent);
        return Math.max(0, recent / best - 1);
    }

    /** How much faster the best of the last two rounds is than the best of the two before (0 when not faster). */
    static double speedup(List<Round> rounds) {
        int n = rounds.size();
        double recent = Math.min(rounds.get(n - 1).nanosPerInvocation(), rounds.get(n - 2).nanosPerInvocation());
        double before = Math.min(rounds.get(n - 3).nanosPerInvocation(), rounds.get(n - 4).nanosPerInvocation());
        return Math.max(0, 1 - recent / before);
    }
}
