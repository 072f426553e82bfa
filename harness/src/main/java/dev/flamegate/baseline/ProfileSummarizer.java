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
                recordRecursion(recursion, FrameStats.of(profile), r, n, options.frameShare());
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

    /** Recursion depths of frames that matter (total share at least {@code minShare}); JIT and VM internals rarely do. */
    private static void recordRecursion(Map<String, int[]> recursion, FrameStats stats, int round, int rounds, double minShare) {
        for (FrameStats.Frame frame : stats.byTotal()) {
            if (frame.maxRecursion() >= 2 && frame.totalShare() >= minShare) {
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
        // Mean share over rounds, not the peak: with few samples a round's single sample of a path is noise.
        Map<String, Double> peak = new HashMap<>();
        int sampled = 0;
        for (int r = 0; r < n; r++) {
            long total = rounds.get(r) == null ? 0 : rounds.get(r).total();
            if (total == 0) {
                continue;
            }
            sampled++;
            for (Map.Entry<String, long[]> entry : trees.get(r).entrySet()) {
                peak.merge(entry.getKey(), (double) entry.getValue()[0] / total, Double::sum);
            }
        }
        int divisor = Math.max(1, sampled);
        peak.replaceAll((path, sum) -> sum / divisor);
        peak.values().removeIf(mean -> mean < options.frameShare());
        dropChains(peak.keySet(), trees);
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

    /**
     * Removes paths with no self weight and the same single callee in every round: their shares equal
     * the callee's, and long framework chains would otherwise dominate the baseline's size.
     */
    private static void dropChains(java.util.Set<String> paths, List<Map<String, long[]>> trees) {
        Map<String, String> onlyChild = new HashMap<>();
        java.util.Set<String> branching = new java.util.HashSet<>();
        java.util.Set<String> hasSelf = new java.util.HashSet<>();
        for (Map<String, long[]> tree : trees) {
            for (Map.Entry<String, long[]> entry : tree.entrySet()) {
                String path = entry.getKey();
                if (entry.getValue()[1] > 0) {
                    hasSelf.add(path);
                }
                int cut = path.lastIndexOf(';');
                if (cut > 0) {
                    String parent = path.substring(0, cut);
                    String previous = onlyChild.putIfAbsent(parent, path);
                    if (previous != null && !previous.equals(path)) {
                        branching.add(parent);
                    }
                }
            }
        }
        paths.removeIf(path -> onlyChild.containsKey(path) && !branching.contains(path) && !hasSelf.contains(path));
    }

    /** Shares are kept to six decimals: plenty for statistics, and the JSON stays readable. */
    static double roundShare(long part, long whole) {
        return Math.round(1e6 * part / whole) / 1e6;
    }

    /**
     * Cuts every stack of the merged profile after its deepest frame whose path still carries at least
     * the stack share; the cut-off weight stays with that frame, so totals and shares of kept paths hold.
     */
    private static Profile prune(Profile merged, long total, BaselineOptions options) {
        double min = options.stackShare() * total;
        if (min <= 1) {
            return merged;
        }
        Map<String, long[]> tree = new HashMap<>();
        merged.stacks().forEach(stack -> addPaths(tree, stack));
        Profile.Builder pruned = Profile.builder(merged.event(), merged.unit()).metadata(merged.metadata());
        StringBuilder path = new StringBuilder();
        for (Stack stack : merged.stacks()) {
            List<String> frames = stack.frames();
            path.setLength(0);
            int keep = 1;
            for (int i = 0; i < frames.size(); i++) {
                if (i > 0) {
                    path.append(';');
                }
                path.append(frames.get(i));
                if (tree.get(path.toString())[0] < min) {
                    break;
                }
                keep = i + 1;
            }
            pruned.add(frames.subList(0, keep), stack.weight());
        }
        return pruned.build();
    }
}
