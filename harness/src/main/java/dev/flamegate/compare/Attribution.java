package dev.flamegate.compare;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.FrameSeries;
import dev.flamegate.baseline.ProfileSummary;
import dev.flamegate.profile.Event;
import dev.flamegate.stats.BenjaminiHochberg;
import dev.flamegate.stats.RobustStatistics;
import dev.flamegate.stats.YuenTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Names the frames that explain a change: the minimal set of call paths, deepest first.
 *
 * <p>For every call path of every event, the change of its self share and of its total (inclusive)
 * share is computed from 20 %-trimmed means over rounds. Changes in the direction being explained of
 * at least the minimum share change are tested (Yuen's test on per-round shares, with the noise floor
 * taken relative to the share) and all their p-values are adjusted together with Benjamini-Hochberg.
 * Then, deepest path first:
 * <ul>
 *   <li>a path whose <b>self</b> share changed significantly is named: the frame itself does more work;</li>
 *   <li>a path whose <b>total</b> share changed significantly is named only if the part of that change not
 *       already explained by named descendants is itself at least the minimum share change: if
 *       {@code a;b;c} grew because only {@code c}'s self grew, {@code a} and {@code a;b} are not repeated.</li>
 * </ul>
 */
final class Attribution {

    private Attribution() {
    }

    /** A tested change: one path, self or total. */
    private record Hypothesis(Event event, String path, FrameChange.Basis basis, double delta, double p) {
    }

    private record Shares(double[] totalBefore, double[] totalAfter, double[] selfBefore, double[] selfAfter) {
        double total(boolean after) {
            return RobustStatistics.trimmedMean(after ? totalAfter : totalBefore);
        }

        double self(boolean after) {
            return RobustStatistics.trimmedMean(after ? selfAfter : selfBefore);
        }
    }

    /**
     * @param towardsWorse {@code true} to explain growth (a regression), {@code false} shrinkage (an improvement)
     */
    static List<FrameChange> attribute(Baseline before, Baseline after, CompareSettings settings, boolean towardsWorse) {
        return attribute(before, after, settings, towardsWorse, Map.of());
    }

    /**
     * As {@link #attribute(Baseline, Baseline, CompareSettings, boolean)}, with the shares of some events
     * multiplied per round by a scale ({@code {before rounds, after rounds}}), e.g. the threads waiting on
     * locks: then a path is weighed by what it costs, not by its share, which stays put when one lock is
     * all of the profile before and after.
     */
    static List<FrameChange> attribute(Baseline before, Baseline after, CompareSettings settings, boolean towardsWorse,
            Map<Event, double[][]> scales) {
        double sign = towardsWorse ? 1 : -1;
        List<Hypothesis> hypotheses = new ArrayList<>();
        Map<Event, Map<String, Shares>> sharesByEvent = new HashMap<>();
        Map<Event, Map<String, Shares>> reportedByEvent = new HashMap<>();
        for (Map.Entry<Event, ProfileSummary> entry : after.profiles().entrySet()) {
            ProfileSummary beforeSummary = before.profiles().get(entry.getKey());
            if (beforeSummary == null) {
                continue;
            }
            Map<String, Shares> reported = shares(beforeSummary, entry.getValue());
            Map<String, Shares> shares = scaled(reported, scales.get(entry.getKey()));
            sharesByEvent.put(entry.getKey(), shares);
            reportedByEvent.put(entry.getKey(), reported);
            shares.forEach((path, s) -> {
                double dSelf = s.self(true) - s.self(false);
                double dTotal = s.total(true) - s.total(false);
                if (sign * dSelf >= settings.minShareChange()) {
                    hypotheses.add(new Hypothesis(entry.getKey(), path, FrameChange.Basis.SELF, dSelf,
                            test(s.selfBefore, s.selfAfter, settings)));
                }
                if (sign * dTotal >= settings.minShareChange()) {
                    hypotheses.add(new Hypothesis(entry.getKey(), path, FrameChange.Basis.TOTAL, dTotal,
                            test(s.totalBefore, s.totalAfter, settings)));
                }
            });
        }
        double[] q = BenjaminiHochberg.adjust(hypotheses.stream().mapToDouble(Hypothesis::p).toArray());
        Map<Event, Map<String, Map<FrameChange.Basis, double[]>>> significant = new HashMap<>();
        for (int i = 0; i < q.length; i++) {
            Hypothesis h = hypotheses.get(i);
            if (q[i] <= settings.fdr()) {
                significant.computeIfAbsent(h.event, e -> new HashMap<>()).computeIfAbsent(h.path, k -> new HashMap<>())
                        .put(h.basis, new double[] {h.p, q[i]});
            }
        }
        List<FrameChange> named = new ArrayList<>();
        significant.forEach((event, paths) -> named.addAll(minimalSet(event, paths, sharesByEvent.get(event),
                reportedByEvent.get(event), sign, settings)));
        named.sort(Comparator.comparingInt(FrameChange::depth).reversed()
                .thenComparing(f -> -Math.abs(f.shareDelta()))
                .thenComparing(FrameChange::frame)
                .thenComparing(f -> f.event().id()));
        return named;
    }

    private static List<FrameChange> minimalSet(Event event, Map<String, Map<FrameChange.Basis, double[]>> paths,
            Map<String, Shares> shares, Map<String, Shares> reported, double sign, CompareSettings settings) {
        List<String> deepestFirst = new ArrayList<>(paths.keySet());
        deepestFirst.sort(Comparator.comparingInt(Attribution::depth).reversed().thenComparing(p -> p));
        List<FrameChange> named = new ArrayList<>();
        TreeSet<String> namedPaths = new TreeSet<>();
        for (String path : deepestFirst) {
            Map<FrameChange.Basis, double[]> tests = paths.get(path);
            Shares s = shares.get(path);
            FrameChange.Basis basis = null;
            double[] pq = null;
            if (tests.containsKey(FrameChange.Basis.SELF)) {
                basis = FrameChange.Basis.SELF;
                pq = tests.get(FrameChange.Basis.SELF);
            } else if (tests.containsKey(FrameChange.Basis.TOTAL)) {
                double residual = s.total(true) - s.total(false) - explained(path, namedPaths, shares);
                if (sign * residual >= settings.minShareChange()) {
                    basis = FrameChange.Basis.TOTAL;
                    pq = tests.get(FrameChange.Basis.TOTAL);
                }
            }
            if (basis != null) {
                namedPaths.add(path);
                // Reported as shares of the profile even when chosen by scaled weight, so the numbers read alike.
                Shares r = reported.get(path);
                named.add(new FrameChange(event, path, basis, r.total(false), r.total(true), r.self(false), r.self(true),
                        pq[0], pq[1]));
            }
        }
        return named;
    }

    /** The total-share change of the outermost named descendants of {@code path}. */
    private static double explained(String path, TreeSet<String> namedPaths, Map<String, Shares> shares) {
        String prefix = path + ";";
        List<String> descendants = namedPaths.subSet(prefix, true, prefix + Character.MAX_VALUE, true).stream().toList();
        double sum = 0;
        for (String d : descendants) {
            boolean outermost = descendants.stream().noneMatch(e -> !e.equals(d) && d.startsWith(e + ";"));
            if (outermost) {
                Shares s = shares.get(d);
                sum += s.total(true) - s.total(false);
            }
        }
        return sum;
    }

    private static double test(double[] before, double[] after, CompareSettings settings) {
        double level = Math.max(RobustStatistics.trimmedMean(before), RobustStatistics.trimmedMean(after));
        // Explaining, not gating: the rounds of all baseline runs pooled, the configured floor.
        return YuenTest.absolute(before, after, settings.noiseFloor() * level, settings.confidence()).pValue();
    }

    /** Both sides' shares of every path either side kept (a path the other side did not keep is derived there). */
    private static Map<String, Shares> shares(ProfileSummary before, ProfileSummary after) {
        TreeSet<String> all = new TreeSet<>();
        before.frames().forEach(f -> all.add(f.path()));
        after.frames().forEach(f -> all.add(f.path()));
        Map<String, Shares> shares = new HashMap<>();
        for (String path : all) {
            FrameSeries fb = before.series(path);
            FrameSeries fa = after.series(path);
            shares.put(path, new Shares(fb.total(), fa.total(), fb.self(), fa.self()));
        }
        return shares;
    }

    /** {@code shares} with every round multiplied by {@code scale} ({@code {before, after}}); as they are without one. */
    private static Map<String, Shares> scaled(Map<String, Shares> shares, double[][] scale) {
        if (scale == null) {
            return shares;
        }
        Map<String, Shares> scaled = new HashMap<>();
        shares.forEach((path, s) -> scaled.put(path, new Shares(scaled(s.totalBefore(), scale[0]), scaled(s.totalAfter(), scale[1]),
                scaled(s.selfBefore(), scale[0]), scaled(s.selfAfter(), scale[1]))));
        return scaled;
    }

    private static double[] scaled(double[] shares, double[] scale) {
        if (shares.length != scale.length) {
            return shares;
        }
        double[] scaled = new double[shares.length];
        for (int i = 0; i < shares.length; i++) {
            scaled[i] = shares[i] * scale[i];
        }
        return scaled;
    }

    private static int depth(String path) {
        return (int) path.chars().filter(c -> c == ';').count() + 1;
    }
}
