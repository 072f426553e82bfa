package dev.flamegate.compare;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.ProfileSummary;
import dev.flamegate.baseline.VmFrames;
import dev.flamegate.measure.Metric;
import dev.flamegate.profile.Event;
import dev.flamegate.stats.BenjaminiHochberg;
import dev.flamegate.stats.ModeratedTTest;
import dev.flamegate.stats.ModeratedVariance;
import dev.flamegate.stats.RobustStatistics;
import dev.flamegate.stats.ShiftEstimate;
import dev.flamegate.stats.YuenTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.DoubleStream;

/**
 * The gate on one call path's cost <em>relative to the rest of the same run</em>: the ratio a
 * noisy machine leaves intact. Absolute CPU time per invocation moves between JVMs by 10–20 % on a shared
 * 2-core runner (JIT decisions, heap layout, neighbours), which hides a 10 % regression in one path; but
 * those effects move most paths of the workload alike, so a path's share of the run's CPU samples mostly
 * stays put unless that path itself changed. Not always: a memory-bound leaf ({@code Arrays.fill} under
 * {@code String.repeat}) doubled its share in an unchanged run while the rest ran 40 % faster, so the odds
 * are predicted with heavy tails ({@link YuenTest.RunTails#HEAVY}), like time totals.
 *
 * <p>Shares are taken of the Java threads' work (stacks rooted in a Java frame), not of the whole
 * profile (all stacks, for profiles without Java frames), so that the JVM's own compiler and GC threads, which come and go on their own schedule, do
 * not move every path. The same holds for allocated bytes, whose total moves between JVMs with escape
 * analysis and inlining, so the {@code alloc} profile is gated for new work too ({@code alloc.newPath};
 * its existing paths' odds move with escape analysis, see {@link #ODDS_EVENTS}). For each call path of the {@code cpu} profile, the per-round odds of that share
 * {@code s / (1 - s)} (its cost relative to everything else) are compared with Yuen's test on logs,
 * whose noise floor is the larger of the configured one and the between-run spread measured in the
 * baseline's runs when it has several (pooled over its paths, and the path's own). Candidates are
 * paths holding at least the {@linkplain CompareSettings#minShareChange() minimum share change} in the
 * baseline, and at least half of it in each of its runs, whose odds grew
 * by at least the minimum effect ({@code maxRegression.cpu.path}, else the global one); their p-values are adjusted with Benjamini-Hochberg at the gate's level
 * ({@code 1 - confidence}, under no change the chance of any false alarm), and a path fails only when its
 * odds grew significantly.
 *
 * <p>When the rounds are replicates (fresh JVMs against a baseline of one run, or JMH forks of both sides in the
 * same A/B pairs), a path's own share (the samples whose stack ends there) is tested too, with its own moderated
 * prior, when it holds at least the minimum share change and clearly less than the path's inclusive share: a method
 * whose own code got slower triples its self share while a large callee keeps its inclusive share almost level.
 *
 * <p>A Java path that no baseline run had and that now holds at least
 * {@linkplain CompareSettings#newHotShare() the new-hot share} of the work (5 %) significantly is new work and
 * fails too (metric {@code cpu.newPath}, {@code alloc.newPath}) — unless a method of the same package with at least half its share
 * vanished while the callers the two share kept their cost (a rename or a move, said in a note).
 *
 * <p>A share can also grow because something else got faster. So a path is blamed only when the rest of
 * the profile kept its proportions: if another, disjoint path's share <em>of the rest</em> fell
 * significantly, the shift is ambiguous and is reported as a note, not a regression.
 */
final class ShareGate {

    /**
     * The profiles whose paths are gated by share: CPU time and allocated bytes. (A lock profile is mostly
     * one lock, and a wall profile's shares include idle threads; their totals are gated instead.)
     */
    static final List<Event> EVENTS = List.of(Event.CPU, Event.ALLOC);

    /**
     * The profiles whose existing paths are also tested by their odds. Not allocation: escape analysis
     * removes or keeps allocations per JVM, which moves a path's share of the bytes by 15 % between
     * unchanged runs (seen in the samples); there the total ({@code alloc.bytes}, a few percent resolved)
     * and new work decide.
     */
    static final List<Event> ODDS_EVENTS = List.of(Event.CPU);

    /** The metric a CPU path's cost relative to the rest of the run is reported as. */
    static final Metric PATH_COST = pathCost(Event.CPU);

    /** A CPU path new in this run, reported by its share of the work (relative change = share points gained). */
    static final Metric NEW_PATH = newPath(Event.CPU);

    /** {@code <event>.path}: a path's cost relative to the rest of its run, as odds of its share. */
    static Metric pathCost(Event event) {
        return new Metric(event.id() + ".path", "odds", Metric.Better.LOWER);
    }

    /** {@code <event>.newPath}: a path new in this run, by its share of the work. */
    static Metric newPath(Event event) {
        return new Metric(event.id() + ".newPath", "share", Metric.Better.LOWER);
    }

    /** How notes name a profile's paths: "CPU path", "allocation path". */
    private static String label(Event event) {
        return switch (event) {
            case CPU -> "CPU";
            case ALLOC -> "allocation";
            case LOCK -> "lock";
            case WALL -> "wall-clock";
        };
    }
    /** Between-run noise assumed for the share of a path the baseline did not have: half a point. */
    static final double NEW_PATH_FLOOR = 0.005;

    private static final double CLAMP = 1e-4;
    /** Paths holding nearly all of the work (thread roots, the test method) say nothing about where it went. */
    static final double MAX_SHARE = 0.9;
    /** Baseline runs from which the measured between-run spread of shares replaces the configured floor. */
    static final int MEASURED_RUNS = 3;
    static final double MIN_MEASURED_FLOOR = 0.005;

    private ShareGate() {
    }

    /** A path that got more expensive relative to the rest of its run, with the test behind it. */
    record Regression(MetricChange change, FrameChange frame) {
    }

    /**
     * A tested path: the shift is of log-odds for a path that was there, of the share itself for a new one. Its
     * shares are of the path's inclusive weight ({@link FrameChange.Basis#TOTAL}) or of its own ({@code SELF}).
     */
    record Candidate(Event event, String path, FrameChange.Basis basis, double[] before, double[] after, ShiftEstimate shift,
            boolean isNew) {
        boolean bigEnough(double minEffect, double newHotShare) {
            return isNew ? shift.estimate() >= newHotShare : Math.expm1(shift.estimate()) >= minEffect;
        }
    }

    /**
     * What the gate found.
     *
     * @param regressions the regressed paths, deepest first (a path is not repeated when a named descendant explains it)
     * @param notes what the reader should know: ambiguous shifts, renames and moves taken for what they are
     */
    record Result(List<Regression> regressions, List<String> notes) {

        static final Result NOTHING = new Result(List.of(), List.of());

        Result {
            regressions = List.copyOf(regressions);
            notes = List.copyOf(notes);
        }
    }

    /** Gates the call paths of {@code after} against {@code before}. */
    static Result check(Baseline before, Baseline after, CompareSettings settings) {
        if (!settings.shareGate()) {
            return Result.NOTHING;
        }
        List<Regression> regressions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Event event : EVENTS) {
            ShareSides.of(event, before, after, settings).map(ShareGate::check).ifPresent(result -> {
                regressions.addAll(result.regressions());
                notes.addAll(result.notes());
            });
        }
        return new Result(regressions, notes);
    }

    /** Gates one profile's paths. */
    private static Result check(ShareSides sides) {
        double minEffect = sides.settings().minEffect(pathCost(sides.event()).name());
        double pooledRunSd = sides.pooledRunSd();
        List<Candidate> candidates = candidates(sides, pooledRunSd, minEffect);
        double[] q = BenjaminiHochberg.adjust(candidates.stream().mapToDouble(c -> c.shift().pValue()).toArray());
        List<Candidate> significant = new ArrayList<>();
        List<Double> qs = new ArrayList<>();
        for (int i = 0; i < q.length; i++) {
            Candidate c = candidates.get(i);
            if (q[i] <= sides.settings().alpha() && c.shift().significantlyAbove()
                    && c.bigEnough(minEffect, sides.settings().newHotShare())) {
                significant.add(c);
                qs.add(q[i]);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < significant.size(); i++) {
            order.add(i);
        }
        // deepest first; of one path, its own code (SELF) before its callees' (TOTAL)
        order.sort(Comparator.comparingInt((Integer i) -> -depth(significant.get(i).path())).thenComparing(i -> significant.get(i).path())
                .thenComparing(i -> significant.get(i).basis()));
        List<Regression> regressions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> named = new ArrayList<>();
        List<String> noted = new ArrayList<>();
        for (int i : order) {
            Candidate c = significant.get(i);
            if (named.contains(c.path()) || c.basis() == FrameChange.Basis.TOTAL
                    && named.stream().anyMatch(n -> n.startsWith(c.path() + ";"))) {
                continue; // the path, or a deeper named one, already explains this one (not a method's own code)
            }
            Optional<String> ambiguity = c.isNew()
                    ? sides.vanished(c).or(() -> sides.splitFromCaller(c))
                    : sides.fellElsewhere(c, pooledRunSd, minEffect);
            if (ambiguity.isPresent()) {
                // One note per chain: the callers of a noted path grew by the same samples.
                if (noted.stream().noneMatch(n -> n.startsWith(c.path() + ";"))) {
                    String frame = lastCodeFrame(c.path(), sides.javaProfile());
                    String label = label(sides.event());
                    notes.add((c.isNew() ? "the " + label + " path " + frame + " is new, but " : "the "
                            + label + " share of " + frame + " grew, but ") + ambiguity.get()
                            + ": the profile alone cannot tell which path changed; not counted as a regression");
                }
                noted.add(c.path());
                continue;
            }
            named.add(c.path());
            regressions.add(new Regression(change(c, minEffect), sides.frame(c, qs.get(i))));
        }
        return new Result(regressions, notes);
    }

    /** The paths of one profile that are new work or whose odds grew by the minimum effect, each with its test. */
    private static List<Candidate> candidates(ShareSides sides, double pooledRunSd, double minEffect) {
        Baseline before = sides.before();
        CompareSettings settings = sides.settings();
        TreeSet<String> paths = new TreeSet<>();
        sides.b().frames().forEach(f -> paths.add(f.path()));
        sides.a().frames().forEach(f -> paths.add(f.path()));
        List<Candidate> candidates = new ArrayList<>();
        // Rounds that are fresh JVMs against a baseline of one run, or JMH forks of both sides in the same A/B pairs:
        // the rounds are the replicates.
        boolean replicates = settings.independentRounds() && before.runCount() == 1 || settings.pairedForks();
        List<double[][]> replicated = new ArrayList<>();
        List<String> replicatedPaths = new ArrayList<>();
        List<double[][]> replicatedSelf = new ArrayList<>();
        List<String> replicatedSelfPaths = new ArrayList<>();
        Set<String> newTops = new HashSet<>();
        for (String path : paths) {
            if (!isWork(root(path), sides.javaProfile())) {
                continue;
            }
            double[] sb = sides.shareBefore(path);
            double[] sa = sides.shareAfter(path);
            double shareBefore = RobustStatistics.trimmedMean(sb);
            double shareAfter = RobustStatistics.trimmedMean(sa);
            if (isNew(before, sb, settings)) {
                // The new work starts where the path leaves the baseline's tree; a summary keeps only branching
                // and leaf nodes, so that call (e.g. render;String.getBytes above an allocation's byte[]) may be an
                // ancestor of the kept path.
                String top = sides.outermostNew(path);
                // Call chains come and go with the JIT; a method that no baseline run executed does not.
                if (newTops.add(top) && isNew(before, methodShare(sides.b(), leaf(top), sides.workBefore()), settings)) {
                    sides.newPath(top).ifPresent(candidates::add);
                }
                continue;
            }
            // A path below the minimum share change has a few samples a round, too few for odds to mean much;
            // one that some baseline runs lack comes and goes with the JIT (an invokedynamic frame inlined or
            // not), and its odds are not one distribution.
            if (!ODDS_EVENTS.contains(sides.event()) || shareBefore < settings.minShareChange() || shareBefore > MAX_SHARE
                    || !inEveryRun(before, sb, settings)) {
                continue;
            }
            if (replicates) {
                // every path's between-round spread informs the prior, whichever way it moved
                replicated.add(new double[][] {sb, sa});
                replicatedPaths.add(path);
                // An existing method whose own code got slower moves its self share far more than its inclusive
                // one when it has callees: tested too, with its own prior (small shares have more sampling noise).
                double[] selfBefore = sides.selfShareBefore(path);
                double[] selfAfter = sides.selfShareAfter(path);
                double selfShare = RobustStatistics.trimmedMean(selfBefore);
                if (selfShare >= settings.minShareChange() && selfShare < shareBefore - settings.minShareChange() / 2
                        && inEveryRun(before, selfBefore, settings)) {
                    replicatedSelf.add(new double[][] {selfBefore, selfAfter});
                    replicatedSelfPaths.add(path);
                }
                continue;
            }
            if (shareAfter <= shareBefore) {
                continue;
            }
            double[][] runs = before.byRun(logOdds(sb));
            double floor = Math.max(Math.max(floor(before, settings), pooledRunSd), runSd(runs));
            // Heavy tails: whole runs move a path's share in modes (JIT, the machine's memory traffic), as they move totals.
            ShiftEstimate shift = YuenTest.withRunEffect(runs, logOdds(sa), floor, settings.confidence(), YuenTest.RunTails.HEAVY);
            if (shift.isDefined() && Math.expm1(shift.estimate()) >= minEffect) {
                candidates.add(new Candidate(sides.event(), path, FrameChange.Basis.TOTAL, sb, sa, shift, false));
            }
        }
        if (replicates) {
            candidates.addAll(replicatedCandidates(sides.event(), FrameChange.Basis.TOTAL, replicatedPaths, replicated,
                    settings, minEffect));
            candidates.addAll(replicatedCandidates(sides.event(), FrameChange.Basis.SELF, replicatedSelfPaths, replicatedSelf,
                    settings, minEffect));
        }
        return candidates;
    }

    /**
     * The grown paths of a comparison whose rounds are independent JVMs: each path's log-odds tested with the
     * pooled two-sample t-test on the rounds, its between-round variance moderated towards the prior of all the
     * profile's tested paths ({@link ModeratedVariance}), so that five rounds a side give an interval as narrow as
     * the run's paths together justify and no assumed between-run floor is added on top of measured spread.
     */
    private static List<Candidate> replicatedCandidates(Event event, FrameChange.Basis basis, List<String> paths,
            List<double[][]> shares, CompareSettings settings, double minEffect) {
        if (paths.isEmpty()) {
            return List.of();
        }
        List<double[][]> logOdds = shares.stream().map(s -> new double[][] {logOdds(s[0]), logOdds(s[1])}).toList();
        double[] variances = new double[paths.size()];
        double[] dfs = new double[paths.size()];
        for (int i = 0; i < variances.length; i++) {
            ModeratedTTest.Residual residual = ModeratedTTest.residual(logOdds.get(i)[0], logOdds.get(i)[1]);
            variances[i] = residual.variance();
            dfs[i] = residual.df();
        }
        ModeratedVariance prior = ModeratedVariance.estimate(variances, dfs);
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < variances.length; i++) {
            double[] odds0 = logOdds.get(i)[0];
            double[] odds1 = logOdds.get(i)[1];
            ShiftEstimate shift = ModeratedTTest.shift(odds0, odds1, prior, settings.confidence());
            if (shift.isDefined() && shift.estimate() > 0 && Math.expm1(shift.estimate()) >= minEffect) {
                candidates.add(new Candidate(event, paths.get(i), basis, shares.get(i)[0], shares.get(i)[1], shift, false));
            }
        }
        return candidates;
    }

    /** Whether a path was present in every run of the baseline (at least half the minimum share change). */
    private static boolean inEveryRun(Baseline before, double[] shares, CompareSettings settings) {
        return runShares(before, shares).allMatch(s -> s >= settings.minShareChange() / 2);
    }

    /** Whether a path was absent from every run of the baseline (below half the minimum share change). */
    static boolean isNew(Baseline before, double[] shares, CompareSettings settings) {
        return runShares(before, shares).allMatch(s -> s < settings.minShareChange() / 2);
    }

    /** The path's share in each baseline run (trimmed mean over the run's rounds). */
    private static DoubleStream runShares(Baseline before, double[] shares) {
        return Arrays.stream(before.byRun(shares)).mapToDouble(RobustStatistics::trimmedMean);
    }

    /**
     * Per round, the share of the work spent in {@code method} wherever it is called from (each stack
     * counted once, at its outermost call of the method), from the paths the summary kept.
     */
    static double[] methodShare(ProfileSummary summary, String method, double[] work) {
        TreeSet<String> outermost = new TreeSet<>();
        for (var frame : summary.frames()) {
            String[] frames = frame.path().split(";");
            for (int i = 0; i < frames.length; i++) {
                if (frames[i].equals(method)) {
                    outermost.add(String.join(";", Arrays.copyOf(frames, i + 1)));
                    break;
                }
            }
        }
        double[] share = new double[summary.rounds()];
        boolean javaSummary = hasJavaRoot(summary);
        for (String prefix : outermost) {
            if (!isJavaRoot(root(prefix)) && javaSummary) {
                continue;
            }
            double[] total = summary.series(prefix).total();
            for (int r = 0; r < share.length; r++) {
                share[r] += total[r];
            }
        }
        return ratio(share, work);
    }

    /**
     * The least between-run noise assumed for shares: the configured floor while the baseline has fewer
     * than {@value #MEASURED_RUNS} runs; once it has that many, their measured spread speaks, down to
     * {@value #MIN_MEASURED_FLOOR}.
     */
    static double floor(Baseline before, CompareSettings settings) {
        return before.runCount() >= MEASURED_RUNS ? MIN_MEASURED_FLOOR : settings.noiseFloor(Metric.CPU_TIME.name());
    }

    /** The between-run standard deviation of per-run values beyond their within-run error; 0 for one run. */
    static double runSd(double[][] runs) {
        if (runs.length < 2) {
            return 0;
        }
        return YuenTest.RunSpread.of(runs).beyondWithin();
    }

    static double[] logOdds(double[] shares) {
        double[] odds = odds(shares);
        for (int i = 0; i < odds.length; i++) {
            odds[i] = Math.log(odds[i]);
        }
        return odds;
    }

    private static MetricChange change(Candidate c, double minEffect) {
        double beforeShare = RobustStatistics.trimmedMean(c.before());
        double afterShare = RobustStatistics.trimmedMean(c.after());
        ShiftEstimate s = c.shift();
        if (c.isNew()) {
            return new MetricChange(newPath(c.event()), MetricChange.Status.REGRESSED, true, c.before().length, c.after().length,
                    beforeShare, afterShare, s.estimate(), s.lower(), s.upper(), s.confidence(), s.pValue(), Double.NaN,
                    s.halfWidth(), minEffect);
        }
        return new MetricChange(pathCost(c.event()), MetricChange.Status.REGRESSED, true, c.before().length, c.after().length,
                beforeShare / (1 - beforeShare), afterShare / (1 - afterShare), Math.expm1(s.estimate()),
                Math.expm1(s.lower()), Math.expm1(s.upper()), s.confidence(), s.pValue(), Double.NaN,
                Math.max(minEffect, Math.expm1(s.halfWidth())), minEffect);
    }

    /**
     * Per round, the share of stacks on Java threads: the work the test or benchmark asked for. JIT
     * compiler and GC threads (native roots such as {@code clone3}, {@code [vm]}) come and go with the JVM's
     * own schedule; shares are taken of the Java work so their fluctuation does not move every path.
     */
    static double[] javaWork(ProfileSummary summary, boolean anyJava) {
        TreeSet<String> roots = new TreeSet<>();
        summary.frames().forEach(f -> roots.add(root(f.path())));
        double[] work = new double[summary.rounds()];
        for (String root : roots) {
            if (isJavaRoot(root) || !anyJava) {
                double[] shares = summary.series(root).total();
                for (int i = 0; i < work.length; i++) {
                    work[i] += shares[i];
                }
            }
        }
        for (int i = 0; i < work.length; i++) {
            work[i] = Math.max(CLAMP, Math.min(1, work[i]));
        }
        return work;
    }

    /**
     * Whether {@code frame} is the program's own code: a Java method in a JVM profile; in other profiles
     * anything but runtime frames ({@code Class::method}, {@code [marker]}, the interpreter).
     */
    static boolean isCodeFrame(String frame, boolean javaProfile) {
        return javaProfile ? isJavaRoot(frame)
                : !frame.contains("::") && !frame.startsWith("[") && !frame.equals("Interpreter") && !VmFrames.isGcOrVm(frame);
    }

    /** Whether stacks rooted at {@code root} are work: Java threads', or all when no thread is a Java one. */
    static boolean isWork(String root, boolean javaProfile) {
        return isJavaRoot(root) || !javaProfile;
    }

    static boolean hasJavaRoot(ProfileSummary summary) {
        return summary.frames().stream().anyMatch(f -> isJavaRoot(root(f.path())));
    }

    /** Whether a stack's outermost frame is a Java method (a Java thread's entry), not a native or VM frame. */
    static boolean isJavaRoot(String frame) {
        return frame.indexOf('.') > 0 && !frame.contains("::") && !frame.startsWith("[") && !frame.contains(" ")
                && !VmFrames.isGcOrVm(frame);
    }

    /** The package of a {@code pkg.Class.method} frame (the frame itself when it has no package). */
    static String packageOf(String frame) {
        int method = frame.lastIndexOf('.');
        int type = method <= 0 ? -1 : frame.lastIndexOf('.', method - 1);
        return type <= 0 ? frame : frame.substring(0, type);
    }

    static String root(String path) {
        int cut = path.indexOf(';');
        return cut < 0 ? path : path.substring(0, cut);
    }

    private static double[] odds(double[] shares) {
        double[] odds = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            double s = Math.min(1 - CLAMP, Math.max(CLAMP, shares[i]));
            odds[i] = s / (1 - s);
        }
        return odds;
    }

    static double[] rest(double[] shares) {
        double[] rest = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            rest[i] = Math.max(CLAMP, 1 - shares[i]);
        }
        return rest;
    }

    static double[] ratio(double[] part, double[] whole) {
        double[] r = new double[part.length];
        for (int i = 0; i < part.length; i++) {
            r[i] = Math.max(CLAMP, part[i] / whole[i]);
        }
        return r;
    }

    /** The innermost frame of the program's own code on {@code path} (its leaf when there is none). */
    private static String lastCodeFrame(String path, boolean javaProfile) {
        String[] frames = path.split(";");
        for (int i = frames.length - 1; i >= 0; i--) {
            if (isCodeFrame(frames[i], javaProfile)) {
                return frames[i];
            }
        }
        return leaf(path);
    }

    static String leaf(String path) {
        return path.substring(path.lastIndexOf(';') + 1);
    }

    private static int depth(String path) {
        return (int) path.chars().filter(ch -> ch == ';').count() + 1;
    }
}
