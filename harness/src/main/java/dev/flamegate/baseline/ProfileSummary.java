package dev.flamegate.baseline;

import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Baseline} keeps of one event's round profiles: per-frame share series above the prune
 * share, the per-round share of GC and VM frames, the per-round maximum depth of recursive frames, and
 * the merged (all rounds) profile pruned of tiny stacks for flame graphs.
 *
 * @param event the profiled event
 * @param frames per-frame series, sorted by path
 * @param gcShare per round, the share of weight in {@linkplain VmFrames GC and VM} stacks
 * @param recursionDepth per recursive frame name, per round the largest number of times it occurs in one stack
 * @param merged the rounds' profiles merged and pruned
 */
public record ProfileSummary(Event event, List<FrameSeries> frames, double[] gcShare,
        Map<String, int[]> recursionDepth, Profile merged) {

    public ProfileSummary {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(merged, "merged");
        frames = List.copyOf(frames);
        gcShare = gcShare.clone();
        Map<String, int[]> copy = new LinkedHashMap<>();
        recursionDepth.forEach((k, v) -> copy.put(k, v.clone()));
        recursionDepth = Collections.unmodifiableMap(copy);
    }

    @Override
    public double[] gcShare() {
        return gcShare.clone();
    }

    /** The frame series of {@code path}, if kept. */
    public java.util.Optional<FrameSeries> frame(String path) {
        return frames.stream().filter(f -> f.path().equals(path)).findFirst();
    }

    /** Number of rounds the series cover. */
    public int rounds() {
        return gcShare.length;
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

    /**
     * Summarises one profile per round (rounds without the event contribute an empty profile: all
     * shares 0).
     */
    public static ProfileSummary of(Event event, List<Profile> rounds, BaselineOptions options) {
        return ProfileSummarizer.summarise(event, rounds, options);
    }
}
