package dev.flamegate.baseline;

import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What a {@link Baseline} keeps of one event's round profiles: per-frame share series above the prune
 * share, the per-round share of GC and VM frames, the per-round maximum depth of recursive frames, and
 * the merged (all rounds) profile pruned of tiny stacks for flame graphs. Immutable.
 *
 * <p>Call paths that only lead to one callee in every round and have no self weight (the long chains of
 * framework frames) are not kept: their numbers equal their callee's. {@link #series(String)} answers for
 * them, so callers never need to know which paths were kept.
 */
public final class ProfileSummary {

    private final Event event;
    private final List<FrameSeries> frames;
    private final double[] gcShare;
    private final Map<String, int[]> recursionDepth;
    private final Profile merged;
    private final NavigableMap<String, FrameSeries> index = new TreeMap<>();

    /**
     * @param event the profiled event
     * @param frames per-frame series, any order (kept sorted by path)
     * @param gcShare per round, the share of weight in {@linkplain VmFrames GC and VM} stacks
     * @param recursionDepth per recursive frame name, per round the largest number of times it occurs in one stack
     * @param merged the rounds' profiles merged and pruned
     */
    public ProfileSummary(Event event, List<FrameSeries> frames, double[] gcShare, Map<String, int[]> recursionDepth,
            Profile merged) {
        this.event = Objects.requireNonNull(event, "event");
        this.merged = Objects.requireNonNull(merged, "merged");
        for (FrameSeries f : frames) {
            if (f.total().length != gcShare.length) {
                throw new IllegalArgumentException("frame " + f.path() + " has " + f.total().length + " rounds, not " + gcShare.length);
            }
            index.put(f.path(), f);
        }
        this.frames = List.copyOf(index.values());
        this.gcShare = gcShare.clone();
        Map<String, int[]> copy = new LinkedHashMap<>();
        new TreeMap<>(recursionDepth).forEach((k, v) -> copy.put(k, v.clone()));
        this.recursionDepth = Collections.unmodifiableMap(copy);
    }

    /** Summarises one profile per round ({@code null} for a round without the event: all shares 0). */
    public static ProfileSummary of(Event event, List<Profile> rounds, BaselineOptions options) {
        return ProfileSummarizer.summarise(event, rounds, options);
    }

    public Event event() {
        return event;
    }

    /** The kept frame series, sorted by path. */
    public List<FrameSeries> frames() {
        return frames;
    }

    /** Per round, the share of GC and VM-thread stacks. */
    public double[] gcShare() {
        return gcShare.clone();
    }

    /** Per recursive frame name, per round its deepest recursion; sorted by name. Arrays are shared: do not modify. */
    public Map<String, int[]> recursionDepth() {
        return recursionDepth;
    }

    /** The merged, pruned profile of all rounds. */
    public Profile merged() {
        return merged;
    }

    /** Number of rounds the series cover. */
    public int rounds() {
        return gcShare.length;
    }

    /** The frame series of {@code path}, if kept as it is. */
    public Optional<FrameSeries> frame(String path) {
        return Optional.ofNullable(index.get(path));
    }

    /**
     * The shares of {@code path} in every round, whether kept or not: a kept path as stored; a chain path
     * (single callee, no self weight) has the total of its outermost kept descendant and no self weight;
     * a path below the prune share is all zeros.
     */
    public FrameSeries series(String path) {
        FrameSeries exact = index.get(path);
        if (exact != null) {
            return exact;
        }
        Map.Entry<String, FrameSeries> next = index.ceilingEntry(path + ";");
        double[] zeros = new double[rounds()];
        if (next != null && next.getKey().startsWith(path + ";")) {
            return new FrameSeries(path, next.getValue().total(), zeros);
        }
        return new FrameSeries(path, zeros, zeros);
    }

    /** Whether {@code path} or a path through it was kept: the frame carried weight above the prune share. */
    public boolean contains(String path) {
        if (index.containsKey(path)) {
            return true;
        }
        String next = index.ceilingKey(path + ";");
        return next != null && next.startsWith(path + ";");
    }

    /** This summary restricted to its last {@code count} rounds (the merged profile is kept as it is). */
    public ProfileSummary lastRounds(int count) {
        int n = rounds();
        if (count < 0 || count > n) {
            throw new IllegalArgumentException("cannot keep " + count + " of " + n + " rounds");
        }
        if (count == n) {
            return this;
        }
        int from = n - count;
        List<FrameSeries> kept = frames.stream().map(f -> new FrameSeries(f.path(),
                Arrays.copyOfRange(f.total(), from, n), Arrays.copyOfRange(f.self(), from, n))).toList();
        Map<String, int[]> depths = new LinkedHashMap<>();
        recursionDepth.forEach((frame, d) -> depths.put(frame, Arrays.copyOfRange(d, from, n)));
        return new ProfileSummary(event, kept, Arrays.copyOfRange(gcShare, from, n), depths, merged);
    }

    /**
     * The rounds of this summary followed by those of {@code later} (the same event): frames kept on one
     * side only are {@linkplain #series derived} on the other; the merged profiles are added.
     */
    public ProfileSummary followedBy(ProfileSummary later) {
        if (later.event != event) {
            throw new IllegalArgumentException("cannot join a " + later.event.id() + " summary to a " + event.id() + " one");
        }
        TreeMap<String, FrameSeries> paths = new TreeMap<>(index);
        later.index.forEach(paths::putIfAbsent);
        List<FrameSeries> joined = new ArrayList<>();
        for (String path : paths.keySet()) {
            FrameSeries a = series(path);
            FrameSeries b = later.series(path);
            joined.add(new FrameSeries(path, concat(a.total(), b.total()), concat(a.self(), b.self())));
        }
        Map<String, int[]> depths = new TreeMap<>();
        recursionDepth.keySet().forEach(k -> depths.put(k, null));
        later.recursionDepth.keySet().forEach(k -> depths.put(k, null));
        depths.replaceAll((frame, unused) -> {
            int[] a = recursionDepth.getOrDefault(frame, new int[rounds()]);
            int[] b = later.recursionDepth.getOrDefault(frame, new int[later.rounds()]);
            int[] both = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        });
        Profile.Builder sum = Profile.builder(event, merged.unit()).metadata(later.merged.metadata());
        return new ProfileSummary(event, joined, concat(gcShare, later.gcShare), depths, sum.addAll(merged).addAll(later.merged).build());
    }

    /**
     * This summary with the frames {@code dropped} names taken out of every path, as if the rounds had been
     * summarised without them: paths that become equal are one path (total: the outermost of them, added up;
     * self: all of them added up); a path ending in a dropped frame becomes its caller's; a path left with a single
     * callee and no self weight is no longer kept. Paths below the prune share were not kept, so a path joined from
     * several lacks their few samples. The merged profile is kept as it is.
     */
    public ProfileSummary withoutFrames(Predicate<String> dropped) {
        return PathsWithoutFrames.of(frames, rounds(), dropped)
                .map(kept -> {
                    Map<String, int[]> depths = new LinkedHashMap<>(recursionDepth);
                    depths.keySet().removeIf(dropped);
                    return new ProfileSummary(event, kept, gcShare, depths, merged);
                })
                .orElse(this);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ProfileSummary that) || event != that.event || !frames.equals(that.frames)
                || !Arrays.equals(gcShare, that.gcShare) || !merged.equals(that.merged)
                || !recursionDepth.keySet().equals(that.recursionDepth.keySet())) {
            return false;
        }
        return recursionDepth.entrySet().stream()
                .allMatch(e -> Arrays.equals(e.getValue(), that.recursionDepth.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, frames, Arrays.hashCode(gcShare), merged);
    }

    @Override
    public String toString() {
        return "ProfileSummary[" + event + ", " + frames.size() + " frames, " + rounds() + " rounds]";
    }
}
