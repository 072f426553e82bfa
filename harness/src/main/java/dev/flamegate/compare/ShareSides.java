package dev.flamegate.compare;

import static dev.flamegate.compare.ShareGate.MAX_SHARE;
import static dev.flamegate.compare.ShareGate.NEW_PATH_FLOOR;
import static dev.flamegate.compare.ShareGate.floor;
import static dev.flamegate.compare.ShareGate.hasJavaRoot;
import static dev.flamegate.compare.ShareGate.isCodeFrame;
import static dev.flamegate.compare.ShareGate.isNew;
import static dev.flamegate.compare.ShareGate.isWork;
import static dev.flamegate.compare.ShareGate.javaWork;
import static dev.flamegate.compare.ShareGate.leaf;
import static dev.flamegate.compare.ShareGate.logOdds;
import static dev.flamegate.compare.ShareGate.methodShare;
import static dev.flamegate.compare.ShareGate.packageOf;
import static dev.flamegate.compare.ShareGate.ratio;
import static dev.flamegate.compare.ShareGate.rest;
import static dev.flamegate.compare.ShareGate.root;
import static dev.flamegate.compare.ShareGate.runSd;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.ProfileSummary;
import dev.flamegate.compare.ShareGate.Candidate;
import dev.flamegate.profile.Event;
import dev.flamegate.stats.RobustStatistics;
import dev.flamegate.stats.ShiftEstimate;
import dev.flamegate.stats.YuenTest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One profile of a comparison's two sides as {@link ShareGate} reads it: each call path's share of the Java
 * work per round, and the questions asked of a path that grew or is new (is it really new, was it renamed, did
 * its caller lose the same time, did the rest of the profile change instead).
 *
 * @param event       the profile's event
 * @param before      the baseline, for its runs
 * @param b           the baseline's profile
 * @param a           this run's profile
 * @param workBefore  the Java work per baseline round, the denominator of every share
 * @param workAfter   the Java work per round of this run
 * @param javaProfile whether either side has Java threads (else every stack counts as work)
 * @param settings    the gate's settings
 */
record ShareSides(Event event, Baseline before, ProfileSummary b, ProfileSummary a, double[] workBefore,
        double[] workAfter, boolean javaProfile, CompareSettings settings) {

    /** Both sides' {@code event} profiles; empty when either side has none. */
    static Optional<ShareSides> of(Event event, Baseline before, Baseline after, CompareSettings settings) {
        ProfileSummary b = before.profiles().get(event);
        ProfileSummary a = after.profiles().get(event);
        if (b == null || a == null) {
            return Optional.empty();
        }
        boolean anyJava = hasJavaRoot(b) || hasJavaRoot(a);
        return Optional.of(new ShareSides(event, before, b, a, javaWork(b, anyJava), javaWork(a, anyJava), anyJava, settings));
    }

    /** The path's share of the work in each baseline round. */
    double[] shareBefore(String path) {
        return ratio(b.series(path).total(), workBefore);
    }

    /** The path's share of the work in each round of this run. */
    double[] shareAfter(String path) {
        return ratio(a.series(path).total(), workAfter);
    }

    /** The share of the work in each baseline round that the path's last frame did itself (stacks ending there). */
    double[] selfShareBefore(String path) {
        return ratio(b.series(path).self(), workBefore);
    }

    /** The path's own share of the work in each round of this run. */
    double[] selfShareAfter(String path) {
        return ratio(a.series(path).self(), workAfter);
    }

    /** The shortest prefix of the new {@code path} that is new itself: its caller was in the baseline. */
    String outermostNew(String path) {
        int cut = path.indexOf(';');
        while (cut > 0) {
            String prefix = path.substring(0, cut);
            if (isNew(before, shareBefore(prefix), settings)) {
                return prefix;
            }
            cut = path.indexOf(';', cut + 1);
        }
        return path;
    }

    /**
     * A path absent from the baseline that now holds a share of the work: new work, such as a method
     * that now also re-checks every rule. Tested on the share itself (its cost relative to the rest was 0);
     * only Java frames count, since JIT state alone makes interpreter and runtime frames come and go.
     */
    Optional<Candidate> newPath(String path) {
        double[] sb = shareBefore(path);
        double[] sa = shareAfter(path);
        if (!isCodeFrame(leaf(path), javaProfile) || RobustStatistics.trimmedMean(sa) < settings.newHotShare()) {
            return Optional.empty();
        }
        ShiftEstimate shift = YuenTest.withRunEffect(before.byRun(sb), sa, NEW_PATH_FLOOR, settings.confidence());
        return shift.isDefined() ? Optional.of(new Candidate(event, path, FrameChange.Basis.TOTAL, sb, sa, shift, true))
                : Optional.empty();
    }

    /**
     * Whether a Java path that the baseline had vanished with at least half the new path's share: then the
     * new one may be the old one renamed or moved, not new work.
     */
    Optional<String> vanished(Candidate candidate) {
        double gained = RobustStatistics.trimmedMean(candidate.after());
        for (var frame : b.frames()) {
            String other = frame.path();
            if (!isWork(root(other), javaProfile) || !isCodeFrame(leaf(other), javaProfile) || candidate.path().startsWith(other + ";")) {
                continue;
            }
            double was = RobustStatistics.trimmedMean(ratio(frame.total(), workBefore));
            if (was < gained / 2 || !packageOf(leaf(other)).equals(packageOf(leaf(candidate.path())))) {
                continue; // a rename or move stays in its package; library methods come and go with the JIT
            }
            // The method, not just this call chain, must be gone: chains change with the JIT.
            double now = RobustStatistics.trimmedMean(methodShare(a, leaf(other), workAfter));
            if (now < settings.minShareChange() / 2 && !addedUnderCommonCaller(candidate.path(), other, gained)) {
                return Optional.of(String.format(Locale.ROOT, "%s (%.1f %% of the work) vanished; renamed or moved?",
                        leaf(other), 100 * was));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the new path's caller lost about as much of its own time as the new path holds: the same work one
     * frame deeper, a callee the JIT did not inline in this JVM (C2's inlining differs between JVMs) or code
     * moved into a new method, not new work.
     */
    Optional<String> splitFromCaller(Candidate candidate) {
        int cut = candidate.path().lastIndexOf(';');
        if (cut < 0) {
            return Optional.empty();
        }
        String caller = candidate.path().substring(0, cut);
        double gained = RobustStatistics.trimmedMean(candidate.after());
        double lostSelf = RobustStatistics.trimmedMean(ratio(b.series(caller).self(), workBefore))
                - RobustStatistics.trimmedMean(ratio(a.series(caller).self(), workAfter));
        if (gained - lostSelf < Math.max(settings.minShareChange(), gained / 4)) {
            return Optional.of(String.format(Locale.ROOT,
                    "its caller %s lost %.1f %% of the work from its own time (a callee not inlined in this JVM, or code moved)",
                    leaf(caller), 100 * lostSelf));
        }
        // An allocation path ends in the allocated type, so the caller's own weight sits in that leaf: the same
        // bytes one frame deeper leave the caller's total where it was, where new work makes it grow. (A caller
        // that is nearly all the work cannot grow, and is not judged this way.)
        double callerBefore = RobustStatistics.trimmedMean(shareBefore(caller));
        double callerAfter = RobustStatistics.trimmedMean(shareAfter(caller));
        // Relative to the work outside the caller, which neither the split nor new work inside it changes.
        boolean grew = callerAfter >= 1 || callerAfter / (1 - callerAfter) - callerBefore / (1 - callerBefore)
                >= gained / (1 - callerAfter) / 2;
        if (callerBefore < MAX_SHARE && callerBefore >= gained / 2 && !grew) {
            return Optional.of(String.format(Locale.ROOT,
                    "its caller %s kept its share of the work (%.1f %% → %.1f %%): the same work one frame deeper (a callee"
                    + " not inlined in this JVM)", leaf(caller), 100 * callerBefore, 100 * callerAfter));
        }
        return Optional.empty();
    }

    /**
     * Whether the nearest caller that {@code newPath} and the vanished {@code oldPath} share grew, relative to
     * the work outside it, by at least half the new path's cost: then the new path is work added there, not
     * the old work under another name.
     * A rename keeps its caller's cost; a method the JIT inlined also vanishes (its cost stays in the caller),
     * and new work beside it makes the caller grow (the samples' {@code recheckRules} beside
     * {@code DiscountRule.matches}, inlined in some JVMs).
     */
    boolean addedUnderCommonCaller(String newPath, String oldPath, double gained) {
        String[] n = newPath.split(";");
        String[] o = oldPath.split(";");
        int common = 0;
        while (common < n.length && common < o.length && n[common].equals(o[common])) {
            common++;
        }
        if (common == 0) {
            return false;
        }
        String caller = String.join(";", Arrays.copyOf(n, common));
        double callerBefore = RobustStatistics.trimmedMean(shareBefore(caller));
        double callerAfter = RobustStatistics.trimmedMean(shareAfter(caller));
        if (callerBefore >= 1 || callerAfter >= 1) {
            return false; // the caller is all the work: nothing outside it to measure against
        }
        // Costs relative to the work outside the caller, which neither a rename nor new work inside it changes.
        double grewBy = callerAfter / (1 - callerAfter) - callerBefore / (1 - callerBefore);
        return grewBy >= gained / (1 - callerAfter) / 2;
    }

    /**
     * Whether a path disjoint from {@code path} lost share <em>of the rest</em> (everything outside
     * {@code path}) significantly: then its speed-up, not {@code path}'s slow-down, may explain the shift.
     */
    Optional<String> fellElsewhere(Candidate candidate, double pooledRunSd, double minEffect) {
        String path = candidate.path();
        double[] restBefore = rest(candidate.before());
        double[] restAfter = rest(candidate.after());
        TreeSet<String> others = new TreeSet<>();
        b.frames().forEach(f -> others.add(f.path()));
        for (String other : others) {
            if (!isWork(root(other), javaProfile) || other.equals(path) || other.startsWith(path + ";") || path.startsWith(other + ";")) {
                continue;
            }
            double[] ob = shareBefore(other);
            if (RobustStatistics.trimmedMean(ob) < settings.minShareChange()) {
                continue;
            }
            double[] wb = ratio(ob, restBefore);
            double[] wa = ratio(shareAfter(other), restAfter);
            ShiftEstimate shift = YuenTest.withRunEffect(before.byRun(RobustStatistics.logs(wb)), RobustStatistics.logs(wa), Math.max(floor(before, settings), pooledRunSd),
                    settings.confidence());
            if (shift.isDefined() && shift.significantlyBelow() && -Math.expm1(shift.estimate()) >= minEffect) {
                return Optional.of(String.format(Locale.ROOT, "%s's share of the rest fell %.1f %%",
                        leaf(other), -100 * Math.expm1(shift.estimate())));
            }
        }
        return Optional.empty();
    }

    /**
     * How much a path's (log-odds) share moves between whole runs beyond its rounds' own sampling noise,
     * pooled over the baseline's paths: {@code sqrt(mean over paths of max(0, s_runs^2 - mean d_run))}, the
     * method-of-moments estimate of a random run effect. One pooled figure has many degrees of freedom
     * where one path's five runs have four; 0 for a baseline of one run.
     */
    double pooledRunSd() {
        if (before.runCount() < 2) {
            return 0;
        }
        double sum = 0;
        int paths = 0;
        for (var frame : b.frames()) {
            if (!isWork(root(frame.path()), javaProfile)) {
                continue;
            }
            double[] shares = ratio(frame.total(), workBefore);
            double mean = RobustStatistics.trimmedMean(shares);
            if (mean < settings.minShareChange() || mean > MAX_SHARE) {
                continue;
            }
            double sd = runSd(before.byRun(logOdds(shares)));
            sum += sd * sd;
            paths++;
        }
        return paths == 0 ? 0 : Math.sqrt(sum / paths);
    }

    /** The frame change a regression of {@code c} reports, with its false-discovery-adjusted {@code q}. */
    FrameChange frame(Candidate c, double q) {
        boolean self = c.basis() == FrameChange.Basis.SELF;
        double[] totalBefore = self ? shareBefore(c.path()) : c.before();
        double[] totalAfter = self ? shareAfter(c.path()) : c.after();
        double[] selfBefore = self ? c.before() : selfShareBefore(c.path());
        double[] selfAfter = self ? c.after() : selfShareAfter(c.path());
        return new FrameChange(c.event(), c.path(), c.basis(), RobustStatistics.trimmedMean(totalBefore),
                RobustStatistics.trimmedMean(totalAfter), RobustStatistics.trimmedMean(selfBefore),
                RobustStatistics.trimmedMean(selfAfter), c.shift().pValue(), q);
    }
}
