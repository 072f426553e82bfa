package dev.flamegate.measure;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When warm-up has reached steady state: the JIT has gone quiet (compilation took at most
 * {@value #MAX_COMPILE_SHARE} of the last round's time, no class was loaded), the heap has stopped growing
 * onto fresh memory (its page faults would take at most {@value #MAX_FAULT_SHARE} of the round), the rounds no
 * longer get faster (the best of the last two is not more than {@value #MAX_SPEEDUP} faster than the best of the
 * two before, the plateau rule of auto warm-up in BenchmarkDotNet), and they are not stuck on a slow plateau: the
 * best of the last two is within {@value #MAX_SLOWDOWN} of the fastest warm-up round. Measured rounds taken
 * before that mostly measure the JVM: on two cores the JIT's compiler threads take half the CPU, and while G1
 * grows the heap every allocation first waits for the kernel to zero and map a page (the samples ran 13 × slower
 * for seconds at a time, with the compilers idle). docs/steady-state.md has the measurements.
 */
public final class SteadyState {

    /** Compilation time above this share of a round's wall time means the JIT is still busy. */
    public static final double MAX_COMPILE_SHARE = 0.02;
    /** A speed-up beyond this between successive pairs of rounds is still a trend. */
    public static final double MAX_SPEEDUP = 0.03;
    /** The recent rounds may be this much slower than the fastest warm-up round. */
    public static final double MAX_SLOWDOWN = 0.3;
    /**
     * Minor page faults whose cost, at {@link #FAULT_NANOS} each, is above this share of a round's wall time mean
     * the heap is still growing onto fresh memory.
     */
    public static final double MAX_FAULT_SHARE = 0.05;
    /**
     * A conservative cost of one minor page fault (zeroing and mapping 4 KiB): about 1 µs on bare metal, 6–24 µs
     * measured on a 2-core virtual machine. Rounds in steady state there had at most about 5,600 faults a second
     * (profiler buffers, thread stacks); rounds on a growing heap 27,000–40,000.
     */
    public static final long FAULT_NANOS = 4_000;
    /** Rounds the trend rule compares: two against the two before. */
    public static final int WINDOW = 4;

    /**
     * One unmeasured round.
     *
     * @param nanosPerInvocation wall time per invocation
     * @param elapsedNanos       the round's wall time
     * @param compileMillis      JIT compilation time during the round ({@code CompilationMXBean}, all compiler threads)
     * @param classesLoaded      classes loaded during the round
     * @param pageFaults         minor page faults of the process during the round
     */
    public record Round(double nanosPerInvocation, long elapsedNanos, long compileMillis, long classesLoaded, long pageFaults) {

        /** Whether the JIT or the class loader was busy in this round. */
        public boolean jitBusy() {
            return classesLoaded > 0 || compileMillis * 1e6 > MAX_COMPILE_SHARE * elapsedNanos;
        }

        /** Whether the process touched so much fresh memory in this round that its page faults weigh on the time. */
        public boolean heapGrowing() {
            return (double) pageFaults * FAULT_NANOS > MAX_FAULT_SHARE * elapsedNanos;
        }

        /** Whether the JVM itself disturbed this round: {@link #jitBusy()} or {@link #heapGrowing()}. */
        public boolean disturbed() {
            return jitBusy() || heapGrowing();
        }
    }

    /** What removes page faults from measured rounds: a heap of fixed size whose pages are touched at start. */
    public static final String FIXED_HEAP = "give the test JVM a fixed, pre-touched heap (-Xms equal to -Xmx, -XX:+AlwaysPreTouch)";

    private SteadyState() {
    }

    /** Whether {@code rounds} (oldest first) end in steady state. */
    public static boolean reached(List<Round> rounds) {
        return rounds.size() >= WINDOW && !rounds.get(rounds.size() - 1).disturbed() && speedup(rounds) <= MAX_SPEEDUP
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
        long growing = rounds.subList(rounds.size() - last, rounds.size()).stream().filter(Round::heapGrowing).count();
        if (growing > 0) {
            why.append(why.length() > 0 ? "; " : "").append(String.format(Locale.ROOT,
                    "the heap grew onto fresh memory (page faults) in %d of the last %d rounds; %s", growing, last, FIXED_HEAP));
        }
        if (rounds.size() >= WINDOW && speedup(rounds) > MAX_SPEEDUP) {
            why.append(why.length() > 0 ? "; " : "").append(String.format(Locale.ROOT, "rounds still %.0f %% faster",
                    100 * speedup(rounds)));
        }
        if (rounds.size() >= WINDOW && slowdown(rounds) > MAX_SLOWDOWN) {
            why.append(why.length() > 0 ? "; " : "").append(String.format(Locale.ROOT,
                    "the last rounds are %.1f × slower than the fastest",
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
