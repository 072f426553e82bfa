package dev.flamegate.compare;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import dev.flamegate.measure.MachineSpeed;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.ProfileView;
import dev.flamegate.stats.RobustStatistics;
import dev.flamegate.stats.ShiftEstimate;
import dev.flamegate.stats.YuenTest;
import dev.flamegate.trace.ShapeChange;
import dev.flamegate.trace.ShapeConsensus;
import dev.flamegate.trace.ShapeDiff;
import dev.flamegate.trace.TraceShape;
import dev.flamegate.trace.TraceShapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Decides whether a run regressed against its baseline. Stateless.
 *
 * <h2>The hierarchy</h2>
 * <ol>
 *   <li><b>Workload totals.</b> Each gated metric (measured: {@code cpu.time}, {@code alloc.bytes},
 *       {@code wall.time}, {@code spans}, a JMH score; or, when nothing was measured, the profile weight
 *       per invocation) is tested on its round values with {@link YuenTest#relative Yuen's trimmed test on
 *       logs}: 20 % trimming makes one outlier round in five harmless; the standard error adds the
 *       between-run {@linkplain CompareSettings#noiseFloor() noise floor} to the rounds' own spread on
 *       both sides. When the baseline holds several runs ({@code -Dflamegate.mode=append}), the between-run
 *       spread is measured instead: the new run is tested against the prediction interval of the
 *       baseline's runs ({@link YuenTest#absoluteAgainstRuns}, {@code K - 1} degrees of freedom for counts, at
 *       most three for times, whose run-to-run tails are heavier: {@link YuenTest.RunTails}). When this machine's
 *       {@linkplain dev.flamegate.measure.MachineSpeed calibration time} differs from the baseline's, a time
 *       total's interval is stretched towards the machine's direction by the part of the change the machine could
 *       explain ({@link MachineSpeed#timeAllowance}), smoothly in the ratio. The confidence level is split Bonferroni-wise over the gated metrics. A metric
 *       {@link MetricChange.Status#REGRESSED regressed} when its interval excludes zero, the estimate is
 *       at least the {@linkplain CompareSettings#minEffect(String) minimum effect} in the worse direction.
 *       The Mann-Whitney U p-value is reported alongside, not deciding (one outlier round caps it).</li>
 *   <li><b>Frames</b>, only if a total moved significantly (or nothing was measured): call paths whose
 *       self or total share changed by at least {@linkplain CompareSettings#minShareChange() the minimum
 *       share change} are tested with Yuen's test on their per-round shares, and the p-values of all of
 *       them are adjusted with Benjamini-Hochberg at {@linkplain CompareSettings#fdr() the FDR}. Testing
 *       only candidates keeps the correction small, so real changes survive it even with 5 rounds.</li>
 *   <li><b>Call-path shares</b>, whatever the totals did (unless a total improved): a path whose CPU cost
 *       grew relative to the rest of its own run is a regression ({@link ShareGate}). Machine speed and
 *       most JIT effects move all paths alike, so this ratio sees a 10 % slower path where CPU time per
 *       invocation, moving 10–20 % between JVMs on a busy runner, cannot.</li>
 *   <li><b>Attribution</b> picks the minimal set of significant frames, deepest first (see
 *       {@link Attribution}).</li>
 *   <li><b>Time alone.</b> A time total ({@code cpu.time}, {@code wall.time}) that grew by less than
 *       {@linkplain CompareSettings#timeAlone() timeAlone} (50 %) while nothing compared within the run
 *       moved (no call path's share or new work, no allocation, lock waiting or span count, the same trace
 *       shape) is {@link MetricChange.Status#UNCERTAIN} and the verdict {@code INCONCLUSIVE}, with a note: fresh JVMs
 *       of unchanged code settle into modes far apart (docs/verdicts-and-baselines.md), while a regression in the
 *       code also moves something its own run measures.</li>
 * </ol>
 * Call paths are compared without {@linkplain ProfileView#LINKAGE_FRAMES linkage frames}: the same code can reach
 * a callee through different method-handle or reflection chains in two runs.
 *
 * <p>Findings (GC pressure, deeper recursion, new hot frames) and the trace-shape diff are added as evidence;
 * a trace-shape change is a regression unless {@linkplain CompareSettings#allowShapeChange() allowed}.
 *
 * <p>How many rounds detect what, measured by simulation: docs/verdicts-and-baselines.md ("How many rounds").
 *
 * <h2>Verdict</h2>
 * {@code REGRESSION} if a gated metric regressed (unless the environments differ) or the trace shape
 * changed; otherwise {@code ENVIRONMENT_MISMATCH} if the environments differ; otherwise
 * {@code IMPROVEMENT} if a gated metric improved; otherwise {@code INCONCLUSIVE} if the primary metric's
 * (JMH score, else CPU time, else wall time, ...) smallest detectable change exceeds
 * {@linkplain CompareSettings#maxDetectable() the maximum}; otherwise {@code PASS}.
 */
public final class BaselineComparator {

    private BaselineComparator() {
    }

    /**
     * Compares {@code current} with {@code baseline}; without a baseline the verdict is
     * {@link Verdict#NO_BASELINE} and the metrics list this run's values only.
     */
    public static Comparison compare(Optional<Baseline> baseline, Measurement current, CompareSettings settings) {
        Objects.requireNonNull(settings, "settings");
        return compare(baseline, current, settings, BaselineOptions.defaults());
    }

    /**
     * As {@link #compare(Optional, Measurement, CompareSettings)}, summarising {@code current} with
     * {@code options} (use the options the baseline was recorded with, e.g. the same shape options).
     */
    public static Comparison compare(Optional<Baseline> baseline, Measurement current, CompareSettings settings,
            BaselineOptions options) {
        Objects.requireNonNull(settings, "settings");
        Baseline after = Baseline.from(current, options);
        if (baseline.isEmpty()) {
            return noBaseline(after);
        }
        Optional<ShapeConsensus> consensus = current.rounds().stream().anyMatch(r -> !r.spans().isEmpty())
                ? Optional.of(TraceShapes.consensus(current, options.shapeOptions()))
                : Optional.empty();
        return compare(baseline.get(), after, consensus, settings);
    }

    /**
     * Compares two recorded sets of rounds (e.g. two baseline directories, or directories of round
     * profiles); {@code after}'s trace shape, if any, is taken as deterministic.
     */
    public static Comparison compare(Baseline before, Baseline after, CompareSettings settings) {
        return compare(before, after, settings, Map.of());
    }

    /**
     * As {@link #compare(Baseline, Baseline, CompareSettings)}, with the shifts of some measured metrics (by name,
     * log scale) estimated elsewhere: by pairs of runs of both sides on one machine, side by side
     * ({@link dev.flamegate.ab}). Such a shift is free of the machine's speed and of fresh-JVM modes, so it is taken
     * as it is: no machine allowance, and a time total counts on its own ({@link CompareSettings#timeAlone()} does not
     * apply to it).
     */
    public static Comparison compare(Baseline before, Baseline after, CompareSettings settings,
            Map<String, PairedShift> pairedShifts) {
        return compare(before, after, after.traceShape().map(shape -> TraceShapes.consensus(List.of(shape))),
                settings, Map.copyOf(pairedShifts));
    }

    private static Comparison compare(Baseline before, Baseline after, Optional<ShapeConsensus> consensus,
            CompareSettings settings) {
        return compare(before, after, consensus, settings, Map.of());
    }

    private static Comparison compare(Baseline before, Baseline after, Optional<ShapeConsensus> consensus,
            CompareSettings settings, Map<String, PairedShift> paired) {
        // Which method-handle or reflection chain a call went through is the JVM's choice, not the code's cost.
        return compareWithoutLinkage(withoutLinkage(before), withoutLinkage(after), consensus, settings, paired);
    }

    private static Comparison compareWithoutLinkage(Baseline before, Baseline after, Optional<ShapeConsensus> consensus,
            CompareSettings settings, Map<String, PairedShift> paired) {
        Comparison.Builder result = Comparison.builder(after.id(), after.displayName(), after.environment())
                .baselineEnvironment(before.environment());
        List<String> mismatches = before.environment().mismatches(after.environment());
        mismatches.forEach(result::environmentMismatch);

        // Derived once: gated as a metric, and the scale by which lock paths are attributed.
        Optional<double[][]> waiting = lockWaiting(before).flatMap(b -> lockWaiting(after).map(a -> new double[][] {b, a}));
        List<MetricChange> metrics = compareMetrics(before, after, waiting, settings, paired, result);
        if (paired.isEmpty() && before.runCount() == 1 && metrics.stream().anyMatch(m -> m.gated() && !Baseline.isProfileMetric(m.metric()))) {
            result.note("the baseline holds one run, so how much whole runs differ (JIT, heap layout, machine) is assumed"
                    + " (noise floor " + Math.round(settings.noiseFloor() * 100) + " %), not measured; add runs with"
                    + " -Dflamegate.mode=append (five are kept)");
        }
        boolean moved = metrics.stream().filter(MetricChange::gated).anyMatch(m -> m.status() == MetricChange.Status.REGRESSED
                || m.status() == MetricChange.Status.IMPROVED
                || (!Double.isNaN(m.ciLower()) && (m.ciLower() > 0 || m.ciUpper() < 0)));
        boolean improved = metrics.stream().anyMatch(m -> m.gated() && m.status() == MetricChange.Status.IMPROVED);

        ShareGate.Result shares = improved ? ShareGate.Result.NOTHING : ShareGate.check(before, after, settings);
        shares.notes().forEach(result::note);
        List<ShareGate.Regression> pathRegressions = shares.regressions();
        boolean shapeRegression = compareShapes(before.traceShape(), consensus, settings, result);
        boolean corroborated = shapeRegression || !pathRegressions.isEmpty()
                || metrics.stream().anyMatch(m -> m.gated() && m.status() == MetricChange.Status.REGRESSED && !TIME_TOTALS.contains(m.metric().name()));
        List<MetricChange> alone = corroborated ? List.of() : metrics.stream()
                .filter(m -> isTimeAlone(m, settings) && !paired.containsKey(m.metric().name())).toList();
        if (!alone.isEmpty()) {
            metrics = metrics.stream().map(m -> alone.contains(m) ? withStatus(m, MetricChange.Status.UNCERTAIN) : m).toList();
            result.note(timeAloneNote(alone, settings));
        }
        metrics.forEach(result::metric);
        List<MetricChange> gated = metrics.stream().filter(MetricChange::gated).toList();
        boolean regressed = gated.stream().anyMatch(m -> m.status() == MetricChange.Status.REGRESSED);
        boolean uncertain = !alone.isEmpty() || primary(gated).map(m -> m.status() == MetricChange.Status.UNCERTAIN).orElse(false);
        List<FrameChange> attributed = new ArrayList<>();
        if (moved) {
            boolean towardsWorse = regressed || !improved;
            // Lock paths are weighed by the threads they kept waiting, not by share: one lock is often all of it.
            Map<Event, double[][]> scales = waiting.map(w -> Map.of(Event.LOCK, w)).orElse(Map.of());
            attributed.addAll(Attribution.attribute(before, after, settings, towardsWorse, scales));
        }
        pathRegressions.stream().map(ShareGate.Regression::frame)
                .filter(f -> attributed.stream().noneMatch(p -> p.event() == f.event() && p.frame().equals(f.frame())))
                .forEach(attributed::add);
        // The profile of what regressed comes first: an allocation regression is told by allocation frames.
        MetricChange.Status explained = regressed || !improved ? MetricChange.Status.REGRESSED : MetricChange.Status.IMPROVED;
        Optional<Event> leading = metrics.stream().filter(m -> m.gated() && m.status() == explained).findFirst()
                .or(() -> pathRegressions.stream().findFirst().map(ShareGate.Regression::change))
                .flatMap(m -> eventOf(m.metric()));
        // Then the application's own frames: a JIT, GC or harness frame is never the cause a user would fix.
        attributed.sort(Comparator.comparing((FrameChange f) -> leading.map(e -> f.event() != e).orElse(false))
                .thenComparing(FrameOrigin.CAUSES_FIRST));
        attributed.forEach(result::frame);
        if (!regressed) {
            // The totals could not tell; the path's cost relative to the rest of its run is the evidence.
            pathRegressions.stream().findFirst().ifPresent(r -> result.metric(r.change()));
        }
        Findings.find(before, after, metrics, settings).forEach(result::finding);
        Verdict verdict = new Evidence(shapeRegression, regressed, !pathRegressions.isEmpty(), !mismatches.isEmpty(),
                improved, uncertain, gated.isEmpty()).verdict();
        if (verdict == Verdict.INCONCLUSIVE && metrics.isEmpty()) {
            result.note("no metric is present in both the baseline and this run");
        }
        return result.verdict(verdict).build();
    }

    /** {@code b} with its profiles' call paths read without {@linkplain ProfileView#LINKAGE_FRAMES linkage frames}. */
    private static Baseline withoutLinkage(Baseline b) {
        return b.withProfiles(summary -> summary.withoutFrames(LINKAGE));
    }

    private static final Predicate<String> LINKAGE = ProfileView.LINKAGE_FRAMES.asPredicate();

    /** Time totals, which fail on their own only from {@link CompareSettings#timeAlone()}. */
    private static final Set<String> TIME_TOTALS = Set.of(Metric.CPU_TIME.name(), Metric.WALL_TIME.name());

    /** A time total that regressed by less than {@code timeAlone}: on its own, not a regression. */
    private static boolean isTimeAlone(MetricChange m, CompareSettings settings) {
        return m.gated() && m.status() == MetricChange.Status.REGRESSED && TIME_TOTALS.contains(m.metric().name())
                && m.relativeChange() < settings.timeAlone();
    }

    private static MetricChange withStatus(MetricChange m, MetricChange.Status status) {
        return new MetricChange(m.metric(), status, m.gated(), m.roundsBefore(), m.roundsAfter(), m.before(), m.after(),
                m.relativeChange(), m.ciLower(), m.ciUpper(), m.confidence(), m.pValue(), m.rankPValue(), m.smallestDetectable(),
                m.minEffect());
    }

    private static String timeAloneNote(List<MetricChange> alone, CompareSettings settings) {
        String grew = String.join(" and ", alone.stream().map(m -> String.format(Locale.ROOT, "%s %+.0f %% (interval %+.0f…%+.0f %%)",
                m.metric().name(), 100 * m.relativeChange(), 100 * m.ciLower(), 100 * m.ciUpper())).toList());
        return grew + " grew, but nothing this run compares within itself shows it: no call path's share, new work,"
                + " allocation, lock waiting, span count or trace shape changed. A fresh JVM of unchanged code can run this much"
                + String.format(Locale.ROOT, " slower (a JIT or machine mode), so time alone fails only from %+.0f %% (timeAlone);", 100 * settings.timeAlone())
                + " re-run to confirm, and see the flame diff";
    }

    /**
     * Diffs the baseline's shape against the consensus of this run's rounds, ignoring locations where
     * this run's rounds disagree (reported as nondeterminism instead). Returns whether the change fails.
     */
    private static boolean compareShapes(Optional<TraceShape> before, Optional<ShapeConsensus> now, CompareSettings settings,
            Comparison.Builder result) {
        if (now.isPresent() && !now.get().deterministic()) {
            ShapeConsensus c = now.get();
            result.finding(new Finding(Finding.Kind.NONDETERMINISM, "trace", "trace shape", c.rounds(), c.agreeing(),
                    c.agreeing() + " of " + c.rounds() + " rounds had the same trace shape; differences at unstable"
                            + " places are not counted as regressions: " + c.render().replace('\n', ' ').strip()));
        }
        if (before.isEmpty() && now.isEmpty()) {
            return false;
        }
        if (before.isEmpty()) {
            result.note("this run captured spans but the baseline has no trace shape; re-record to compare it");
            return false;
        }
        if (now.isEmpty()) {
            result.note("the baseline has a trace shape but this run captured no spans; the shape was not compared");
            return false;
        }
        ShapeConsensus consensus = now.get();
        ShapeDiff diff = ShapeDiff.between(before.get(), consensus.stable()).without(consensus::isUnstable);
        if (diff.isEmpty()) {
            return false;
        }
        result.shapeDiff(diff.render(), true);
        for (ShapeChange repeated : diff.repeatedCalls()) {
            result.finding(repeatedCall(repeated));
        }
        if (settings.allowShapeChange()) {
            result.note("the trace shape changed; allowed by allowShapeChange");
            return false;
        }
        return true;
    }

    /**
     * The repeated span as a person fixes it: the query (span name) and how often it now runs per parent, e.g.
     * {@code repeated call (N+1): SELECT * FROM order_lines WHERE order_id = ? ×1 → ×8 per GET /orders}.
     */
    private static final int MAX_QUERY = 160;

    static Finding repeatedCall(ShapeChange change) {
        int before = change.before() == null ? 0 : change.before().maxPerParent();
        int after = change.after() == null ? 0 : change.after().maxPerParent();
        // The statement (normalised: literals are ?) says which query; the span name is often just "SELECT".
        SortedMap<String, String> attributes = change.node().attributes();
        String statement = Stream.of("db.query.text", "db.statement").map(attributes::get)
                .filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
        String name = Texts.oneLine(statement != null ? statement : change.node().name());
        name = name.length() > MAX_QUERY ? name.substring(0, MAX_QUERY - 1) + "…" : name;
        String parent = change.parents().isEmpty() ? "" : " per " + Texts.oneLine(change.parents().get(change.parents().size() - 1).name());
        return new Finding(Finding.Kind.REPEATED_CALL, "trace", name, before, after,
                "repeated call (N+1): " + name + (before == 0 ? " ×" + after + parent + " (new)" : " ×" + before + " → ×" + after + parent));
    }

    private static Comparison noBaseline(Baseline after) {
        Comparison.Builder result = Comparison.builder(after.id(), after.displayName(), after.environment())
                .verdict(Verdict.NO_BASELINE);
        boolean measured = after.metrics().keySet().stream().anyMatch(m -> !Baseline.isProfileMetric(m));
        after.metrics().forEach((metric, values) -> result.metric(new MetricChange(metric,
                MetricChange.Status.NOT_COMPARED, isGated(metric, measured), 0, values.length,
                Double.NaN, geometricTrimmedMean(values), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN)));
        return result.build();
    }

    /** Fewer than this (two pairs and no other test to lend variance) give a paired metric no interval and no verdict. */
    private static final double MIN_PAIRED_DEGREES_OF_FREEDOM = 2;

    private static List<MetricChange> compareMetrics(Baseline before, Baseline after, Optional<double[][]> waiting,
            CompareSettings settings, Map<String, PairedShift> paired, Comparison.Builder result) {
        Map<Metric, double[]> beforeMetrics = before.metrics();
        Map<Metric, double[]> afterMetrics = after.metrics();
        List<Metric> common = new ArrayList<>();
        for (Metric metric : afterMetrics.keySet()) {
            Optional<Metric> match = before.metricNamed(metric.name());
            if (match.isEmpty()) {
                result.note("metric " + metric.name() + " is not in the baseline; re-record to compare it");
            } else if (!match.get().unit().equals(metric.unit())) {
                result.note("metric " + metric.name() + " changed unit from " + match.get().unit() + " to " + metric.unit()
                        + "; not compared");
            } else {
                common.add(metric);
            }
        }
        for (Metric metric : beforeMetrics.keySet()) {
            if (after.metricNamed(metric.name()).isEmpty()) {
                result.note("metric " + metric.name() + " was in the baseline but not measured in this run");
            }
        }
        boolean measured = common.stream().anyMatch(m -> !Baseline.isProfileMetric(m));
        OptionalDouble callerShare = callingThreadShare(before);
        boolean delegated = callerShare.isPresent() && callerShare.getAsDouble() < MIN_CALLER_SHARE;
        if (delegated) {
            result.note(String.format(Locale.ROOT, "the work ran mostly on other threads (the calling thread had %.0f %%"
                    + " of the process's CPU in the baseline): cpu.time counts the calling thread only, so it is shown, not gated;"
                    + " the profiles' shares, wall.time and lock.waiting gate this test", 100 * callerShare.getAsDouble()));
        }
        // Another machine speed widens the time totals' intervals by what it could explain, smoothly in the ratio,
        // instead of switching time gating off beyond a fixed ratio (one calibration could flip a whole run).
        double allowance = MachineSpeed.timeAllowance(before.environment().calibrationNanos(),
                after.environment().calibrationNanos(), MachineSpeed.calibrationSpread());
        if (allowance != 0 && common.stream().anyMatch(m -> isGated(m, measured) && measuresTime(m) && !paired.containsKey(m.name()))) {
            double slowdown = after.environment().slowdownAgainst(before.environment());
            result.note(String.format(Locale.ROOT, "this machine ran flamegate's calibration work %.2f × %s than the"
                    + " machine that recorded the baseline, so time totals measure the machine as well as the code: their"
                    + " intervals are widened by %.0f %% towards %s; allocation, lock waiting, the profiles' shares and the"
                    + " trace shape are unaffected. Re-record the baseline on this kind of runner to gate time fully",
                    Math.max(slowdown, 1 / slowdown), slowdown >= 1 ? "slower" : "faster",
                    100 * Math.expm1(Math.abs(allowance)), allowance > 0 ? "slower" : "faster"));
        }
        // Profiles of a fixed duration have a fixed sample count: their total measures the duration, not the work.
        Set<String> fixedDuration = new TreeSet<>();
        if (settings.independentRounds() && !measured) {
            for (Metric metric : common) {
                if (Baseline.isProfileMetric(metric) && fixedCount(before.metric(metric.name()).orElseThrow(), afterMetrics.get(metric))) {
                    fixedDuration.add(metric.name());
                }
            }
        }
        if (!fixedDuration.isEmpty()) {
            result.note(String.format(Locale.ROOT, "%s: every profile file holds the same number of samples"
                    + " (within %.0f %%), as profiles of a fixed duration do, so the count measures the duration, not the work:"
                    + " shown, not gated. The call paths' shares still gate; whether everything got slower alike cannot be"
                    + " told from such profiles", String.join(", ", fixedDuration), 100 * FIXED_COUNT_SPREAD));
        }
        Predicate<Metric> gates = m -> isGated(m, measured) && !fixedDuration.contains(m.name())
                && !(delegated && m.name().equals(Metric.CPU_TIME.name()));
        long gatedCount = common.stream().filter(gates).count() + (waiting.isPresent() ? 1 : 0);
        double confidence = 1 - settings.alpha() / Math.max(1, gatedCount);
        List<MetricChange> changes = new ArrayList<>();
        for (Metric metric : common) {
            boolean gated = gates.test(metric);
            // higher-is-better metrics (a JMH score) move against the time a slower machine takes
            double machine = !measuresTime(metric) ? 0 : metric.better() == Metric.Better.LOWER ? allowance : -allowance;
            PairedShift pairedShift = paired.get(metric.name());
            if (pairedShift != null) {
                double afterEstimate = geometricTrimmedMean(afterMetrics.get(metric));
                CompareSettings pairedSettings = settings.toBuilder()
                        .maxDetectable(Math.min(settings.maxDetectable(), pairedShift.sameWithin())).build();
                // With one degree of freedom the t interval at a split confidence spans orders of magnitude: none.
                ShiftEstimate shift = pairedShift.shift().degreesOfFreedom() >= MIN_PAIRED_DEGREES_OF_FREEDOM
                        ? pairedShift.shift() : ShiftEstimate.undefined(pairedShift.shift().estimate(), pairedShift.shift().confidence());
                changes.add(fromShift(metric, gated, shift, pairedShift.pairs(), pairedShift.pairs(),
                        afterEstimate / Math.exp(pairedShift.shift().estimate()), afterEstimate, pairedShift.signedRankPValue(),
                        pairedSettings));
                continue;
            }
            changes.add(compareMetric(metric, gated, before.byRun(before.metric(metric.name()).orElseThrow()), afterMetrics.get(metric),
                    gated ? confidence : settings.confidence(), settings, machine));
        }
        waiting.ifPresent(w -> changes.add(compareMetric(LOCK_WAITING, true, before.byRun(w[0]), w[1], confidence, settings, 0)));
        changes.sort(BaselineComparator::byGatedThenName);
        return changes;
    }

    /**
     * Largest log-scale spread of per-file sample counts, and largest difference of the two sides' means, at which
     * a profile total counts as fixed by the profile's duration. Profiles of a fixed amount of work spread with the
     * machine's timing noise and the sampling's (3 % for a thousand samples); fixed-duration ones by a few samples.
     */
    static final double FIXED_COUNT_SPREAD = 0.01;

    /** Whether both sides' per-file sample counts are the same to within {@link #FIXED_COUNT_SPREAD}. */
    static boolean fixedCount(double[] before, double[] after) {
        if (before.length < 2 || after.length < 2) {
            return false;
        }
        double[] b = RobustStatistics.logs(before);
        double[] a = RobustStatistics.logs(after);
        return logSpread(b) <= FIXED_COUNT_SPREAD && logSpread(a) <= FIXED_COUNT_SPREAD
                && Math.abs(RobustStatistics.median(a) - RobustStatistics.median(b)) <= FIXED_COUNT_SPREAD;
    }

    private static double logSpread(double[] logs) {
        double mean = Arrays.stream(logs).average().orElse(0);
        return Math.sqrt(Arrays.stream(logs).map(v -> (v - mean) * (v - mean)).sum() / (logs.length - 1));
    }

    /**
     * Threads blocked on a lock, on average, while the workload ran: the lock profile's contended time over
     * the wall time, per round. Contended time per invocation alone moves with machine speed and with how
     * long the body runs; this ratio stays put on unchanged code (0.32–0.39 over the five baseline runs of
     * the samples' lock path) and grows when a lock is held longer or shared more widely. Derived, so
     * baselines recorded with a lock profile have it.
     */
    static final Metric LOCK_WAITING = new Metric("lock.waiting", "threads", Metric.Better.LOWER);

    /** Below this, a round had practically no contention; the floor keeps logs finite. */
    private static final double MIN_WAITING = 1e-3;

    /**
     * Below this share of the process's CPU, the calling thread is not where the work ran (it handed it to
     * a pool and waited), and its CPU time says little about the workload.
     */
    static final double MIN_CALLER_SHARE = 0.5;

    /**
     * The calling thread's CPU time over the process's, median over the baseline's rounds; empty when
     * either was not measured. 0.95 for a test that does its own work, 0.14 for the samples' lock test,
     * whose four pool threads do it.
     */
    static OptionalDouble callingThreadShare(Baseline b) {
        Optional<double[]> thread = b.metric(Metric.CPU_TIME.name());
        Optional<double[]> process = b.metric(PROCESS_CPU_TIME);
        if (thread.isEmpty() || process.isEmpty() || thread.get().length != process.get().length || thread.get().length == 0) {
            return OptionalDouble.empty();
        }
        double[] share = new double[thread.get().length];
        for (int i = 0; i < share.length; i++) {
            share[i] = process.get()[i] > 0 ? thread.get()[i] / process.get()[i] : 1;
        }
        return OptionalDouble.of(RobustStatistics.median(share));
    }

    /**
     * Metrics that time the workload, and so the machine: they change when the runner does, and differ between
     * fresh JVMs with heavier tails than counts do ({@link YuenTest.RunTails#HEAVY}).
     */
    private static final Set<String> TIME_METRICS = Set.of(Metric.CPU_TIME.name(), Metric.WALL_TIME.name(),
            "process.cpu.time", "score", Baseline.PROFILE_METRIC_PREFIX + Event.CPU.id(),
            Baseline.PROFILE_METRIC_PREFIX + Event.WALL.id(), Baseline.PROFILE_METRIC_PREFIX + Event.LOCK.id());

    static boolean measuresTime(Metric metric) {
        return TIME_METRICS.contains(metric.name());
    }

    /** The profile a metric speaks for: {@code alloc.bytes} and {@code profile.alloc} → alloc, and so on. */
    static Optional<Event> eventOf(Metric metric) {
        String name = metric.name().startsWith(Baseline.PROFILE_METRIC_PREFIX)
                ? metric.name().substring(Baseline.PROFILE_METRIC_PREFIX.length()) : metric.name();
        String id = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        return Arrays.stream(Event.values()).filter(e -> e.id().equals(id)).findFirst();
    }

    private static Optional<double[]> lockWaiting(Baseline b) {
        Optional<double[]> lock = b.metric(Baseline.PROFILE_METRIC_PREFIX + Event.LOCK.id());
        Optional<double[]> wall = b.metric(Metric.WALL_TIME.name());
        if (lock.isEmpty() || wall.isEmpty() || lock.get().length != wall.get().length) {
            return Optional.empty();
        }
        double[] waiting = new double[wall.get().length];
        for (int i = 0; i < waiting.length; i++) {
            double w = wall.get()[i];
            waiting[i] = w > 0 ? Math.max(MIN_WAITING, lock.get()[i] / w) : MIN_WAITING;
        }
        return Optional.of(waiting);
    }

    /**
     * Metrics shown but never deciding: the whole process's CPU time also counts the JIT compiler and GC
     * threads, which work on their own schedule (a C2 compilation in one run doubled it), and its clock
     * ticks in 4–10 ms steps.
     */
    private static final String PROCESS_CPU_TIME = "process.cpu.time";
    private static final Set<String> INFORMATIONAL = Set.of(PROCESS_CPU_TIME);

    private static boolean isGated(Metric metric, boolean measured) {
        return measured != Baseline.isProfileMetric(metric) && !INFORMATIONAL.contains(metric.name());
    }

    /** Metrics in the order they speak for the workload as a whole. */
    private static final List<String> PRIORITY = List.of("score", "cpu.time", "wall.time", "alloc.bytes",
            "lock.waiting",
            "profile.cpu", "profile.wall", "profile.alloc", "profile.lock", "spans");

    /**
     * The gated metric whose uncertainty makes the verdict {@code INCONCLUSIVE}: the JMH score, else CPU
     * time, else wall time, and so on. A noisy secondary metric (wall time on a busy runner) is shown as
     * noisy but does not hide a confident answer from CPU time.
     */
    static Optional<MetricChange> primary(List<MetricChange> gated) {
        return gated.stream().min(Comparator.comparingInt((MetricChange m) -> {
            int rank = PRIORITY.indexOf(m.metric().name());
            return rank < 0 ? PRIORITY.size() : rank;
        }).thenComparing(m -> m.metric().name()));
    }

    private static int byGatedThenName(MetricChange a, MetricChange b) {
        if (a.gated() != b.gated()) {
            return a.gated() ? -1 : 1;
        }
        return a.metric().name().compareTo(b.metric().name());
    }

    /** Compares one metric's round values; see the class documentation for the rule. */
    static MetricChange compareMetric(Metric metric, boolean gated, double[][] beforeRuns, double[] after, double confidence,
            CompareSettings settings) {
        return compareMetric(metric, gated, beforeRuns, after, confidence, settings, 0);
    }

    /**
     * As {@link #compareMetric(Metric, boolean, double[][], double[], double, CompareSettings)}, with the interval
     * stretched by {@code machine}, the log change another machine speed could explain: a positive one lowers the
     * lower bound (a slower machine explains growth), a negative one raises the upper bound.
     */
    static MetricChange compareMetric(Metric metric, boolean gated, double[][] beforeRuns, double[] after, double confidence,
            CompareSettings settings, double machine) {
        double[] before = Arrays.stream(beforeRuns).flatMapToDouble(Arrays::stream).toArray();
        ShiftEstimate shift = widened(YuenTest.relativeAgainstRuns(beforeRuns, after, settings.noiseFloor(metric.name()),
                confidence, measuresTime(metric) ? YuenTest.RunTails.HEAVY : YuenTest.RunTails.NORMAL), machine);
        double afterEstimate = geometricTrimmedMean(after);
        // Over several baseline runs the baseline's estimate is the mean of the runs' (log) means.
        double beforeEstimate = Double.isNaN(shift.estimate()) ? geometricTrimmedMean(before)
                : afterEstimate / Math.exp(shift.estimate());
        return fromShift(metric, gated, shift, before.length, after.length, beforeEstimate, afterEstimate,
                rankPValue(before, after), settings);
    }

    /**
     * The change told by a log-scale {@code shift} of a metric estimated at {@code beforeEstimate} and {@code afterEstimate}: regressed or
     * improved when the interval excludes zero and the change is at least the minimum effect, uncertain when the interval
     * is wider than the maximum detectable change, unchanged otherwise.
     */
    static MetricChange fromShift(Metric metric, boolean gated, ShiftEstimate shift, int roundsBefore, int roundsAfter,
            double beforeEstimate, double afterEstimate, double rankP, CompareSettings settings) {
        double minEffect = settings.minEffect(metric.name());
        double confidence = shift.confidence();
        double relative = Math.expm1(shift.estimate());
        if (!shift.isDefined()) {
            return new MetricChange(metric, MetricChange.Status.UNCERTAIN, gated, roundsBefore, roundsAfter, beforeEstimate,
                    afterEstimate, relative, Double.NaN, Double.NaN, confidence, Double.NaN, rankP, Double.NaN, minEffect);
        }
        double lower = Math.expm1(shift.lower());
        double upper = Math.expm1(shift.upper());
        double detectable = Math.max(minEffect, Math.expm1(shift.halfWidth()));
        boolean up = shift.significantlyAbove() && relative >= minEffect;
        boolean down = shift.significantlyBelow() && -relative / (1 + relative) >= minEffect;
        MetricChange.Status status;
        if (up || down) {
            boolean worse = metric.better() == Metric.Better.LOWER ? up : down;
            status = worse ? MetricChange.Status.REGRESSED : MetricChange.Status.IMPROVED;
        } else if (detectable > Math.max(settings.maxDetectable(), minEffect)) {
            status = MetricChange.Status.UNCERTAIN;
        } else {
            status = MetricChange.Status.UNCHANGED;
        }
        return new MetricChange(metric, status, gated, roundsBefore, roundsAfter, beforeEstimate, afterEstimate, relative,
                lower, upper, confidence, shift.pValue(), rankP, detectable, minEffect);
    }

    /** {@code shift} with one end moved out by the machine allowance; the p-value is that of the nearer end's test. */
    static ShiftEstimate widened(ShiftEstimate shift, double machine) {
        if (machine == 0 || !shift.isDefined()) {
            return shift;
        }
        double lower = machine > 0 ? shift.lower() - machine : shift.lower();
        double upper = machine < 0 ? shift.upper() - machine : shift.upper();
        // the p-value of the change beyond the part the machine could explain
        double explained = machine > 0 ? Math.max(0, Math.min(machine, shift.estimate()))
                : Math.min(0, Math.max(machine, shift.estimate()));
        double rest = shift.estimate() - explained;
        double p = shift.standardError() > 0
                ? Math.min(1, 2 * TDistribution.of(shift.degreesOfFreedom())
                        .survivalProbability(Math.abs(rest) / shift.standardError()))
                : (rest == 0 ? 1 : 0);
        return new ShiftEstimate(shift.estimate(), lower, upper, shift.standardError(), shift.degreesOfFreedom(), p,
                shift.confidence());
    }

    private static double rankPValue(double[] before, double[] after) {
        if (before.length == 0 || after.length == 0) {
            return Double.NaN;
        }
        return MannWhitneyUTest.withDefaults().test(after, before).getPValue();
    }

    static double geometricTrimmedMean(double[] values) {
        return values.length == 0 ? Double.NaN : Math.exp(RobustStatistics.trimmedMean(RobustStatistics.logs(values)));
    }
}
