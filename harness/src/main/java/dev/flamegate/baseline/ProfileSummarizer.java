package dev.flamegate.baseline;

import dev.flamegate.profile.Event;
import dev.flamegate.profile.FrameStats;
import dev.flamegate.profile.Profile;
import dev.flamegate.profile.Stack;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds {@link ProfileSummary}s: a call tree per round, then the paths that matter in any round. */
final class ProfileSummarizer {

    private static final int MAX_RECURSIVE_FRAMES = 50;

    private ProfileSummarizer() {
    }

    static ProfileSummary summarise(Event event, List<Profile> rounds, BaselineOptions options) {
        int n = rounds.size();
        List<Map<String, long[]>> trees = new ArrayList<>(n);
        double[] gcShare = new double[n];
        Map<String, int[]> recursion = new TreeMap<>();
        Profile.Builder merged = null;
        long mergedTotal = 0;
        for (int r = 0; r < n; r++) {
            Profile profile = rounds.get(r);
            if (merged == null && profile != null) {
                merged = Profile.builder(event, profile.unit()).metadata(profile.metadata());
            }
            Map<String, long[]> tree = new HashMap<>();
            long gc = 0;
            if (profile != null) {
                for (Stack stack : profile.stacks()) {
                    addPaths(tree, stack);
                    if (VmFrames.isGcOrVm(stack)) {
                        gc += stack.weight();
                    }
                    merged.add(stack.frames(), stack.weight());
                }
                mergedTotal += profile.total();
                recordRecursion(recursion, FrameStats.of(profile), r, n);
            }
            long total = profile == null ? 0 : profile.total();
            gcShare[r] = total == 0 ? 0 : roundShare(gc, total);
            trees.add(tree);
        }
        List<FrameSeries> frames = frames(trees, rounds, options);
        Profile mergedProfile = merged == null ? Profile.builder(event).build() : prune(merged.build(), mergedTotal, options);
        return new ProfileSummary(event, frames, gcShare, limitRecursion(recursion), mergedProfile);
    }

    /** path → {total weight, self weight}; each prefix of the stack counted once. */
    private static void addPaths(Map<String, long[]> tree, Stack stack) {
        StringBuilder path = new StringBuilder();
        List<String> frames = stack.frames();
        for (int i = 0; i < frames.size(); i++) {
            if (i > 0) {
                path.append(';');
            }
            path.append(frames.get(i));
            long[] weights = tree.computeIfAbsent(path.toString(), k -> new long[2]);
            weights[0] += stack.weight();
            if (i == frames.size() - 1) {
                weights[1] += stack.weight();
            }
        }
    }

    private static void recordRecursion(Map<String, int[]> recursion, FrameStats stats, int round, int rounds) {
        for (FrameStats.Frame frame : stats.byTotal()) {
            if (frame.maxRecursion() >= 2) {
                recursion.computeIfAbsent(frame.frame(), k -> new int[rounds])[round] = frame.maxRecursion();
            }
        }
    }

    private static Map<String, int[]> limitRecursion(Map<String, int[]> recursion) {
        if (recursion.size() <= MAX_RECURSIVE_FRAMES) {
            return recursion;
        }
        Map<String, int[]> kept = new TreeMap<>();
        recursion.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, int[]> e) -> -max(e.getValue())).thenComparing(Map.Entry::getKey))
                .limit(MAX_RECURSIVE_FRAMES)
                .forEach(e -> kept.put(e.getKey(), e.getValue()));
        return kept;
    }

    private static int max(int[] values) {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static List<FrameSeries> frames(List<Map<String, long[]>> trees, List<Profile> rounds, BaselineOptions options) {
        int n = trees.size();
        Map<String, Double> peak = new HashMap<>();
        for (int r = 0; r < n; r++) {
            long total = rounds.get(r) == null ? 0 : rounds.get(r).total();
            if (total == 0) {
                continue;
            }
            for (Map.Entry<String, long[]> entry : trees.get(r).entrySet()) {
                double share = (double) entry.getValue()[0] / total;
                if (share >= options.frameShare()) {
                    peak.merge(entry.getKey(), share, Math::max);
                }
            }
        }
        List<String> paths = peak.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(options.maxFramesPerEvent())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        List<FrameSeries> frames = new ArrayList<>(paths.size());
        for (String path : paths) {
            double[] total = new double[n];
            double[] self = new double[n];
            for (int r = 0; r < n; r++) {
                long roundTotal = rounds.get(r) == null ? 0 : rounds.get(r).total();
                long[] weights = trees.get(r).get(path);
                if (weights != null && roundTotal > 0) {
                    total[r] = roundShare(weights[0], roundTotal);
                    self[r] = roundShare(weights[1], roundTotal);
                }
            }
            frames.add(new FrameSeries(path, total, self));
        }
        return frames;
    }

    /** Shares are kept to six decimals: plenty for statistics, and the JSON stays readable. */
    static double roundShare(long part, long whole) {
        return Math.round(1e6 * part / whole) / 1e6;
    }

    private static Profile prune(Profile merged, long total, BaselineOptions options) {
        long min = (long) Math.ceil(options.stackShare() * total);
        if (min <= 1) {
            return merged;
        }
        return merged.withStacks(merged.stacks().stream().filter(s -> s.weight() >= min).toList());
    }
}
