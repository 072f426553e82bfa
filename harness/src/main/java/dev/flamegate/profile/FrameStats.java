package dev.flamegate.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-frame weights of a profile: for each distinct frame name, its self weight (stacks where it is the
 * leaf), its total weight (stacks that contain it, counted once per stack even when the frame recurses,
 * pprof's "cum"), their shares of the profile total, and the deepest recursion seen.
 */
public final class FrameStats {

    /**
     * One frame's numbers.
     *
     * @param frame the frame name
     * @param self weight of the stacks whose leaf is this frame
     * @param total weight of the stacks containing this frame at least once
     * @param selfShare {@code self} as a fraction of the profile total, 0 for an empty profile
     * @param totalShare {@code total} as a fraction of the profile total, 0 for an empty profile
     * @param maxRecursion the most times this frame occurs in one stack (1 when it never recurses;
     *     indirect recursion counts too, {@code a;b;a} gives 2 for {@code a})
     */
    public record Frame(String frame, long self, long total, double selfShare, double totalShare, int maxRecursion) {
    }

    private static final Comparator<Frame> BY_TOTAL =
            Comparator.comparingLong(Frame::total).reversed().thenComparing(Frame::frame);

    private final Profile profile;
    private final Map<String, Frame> frames;
    private final List<Frame> byTotal;

    private FrameStats(Profile profile, Map<String, Frame> frames) {
        this.profile = profile;
        this.frames = frames;
        List<Frame> sorted = new ArrayList<>(frames.values());
        sorted.sort(BY_TOTAL);
        this.byTotal = Collections.unmodifiableList(sorted);
    }

    /** Computes the numbers of every frame of {@code profile}. */
    public static FrameStats of(Profile profile) {
        Map<String, long[]> sums = new HashMap<>(); // self, total, maxRecursion
        Map<String, Integer> seen = new HashMap<>();
        for (Stack stack : profile.stacks()) {
            seen.clear();
            for (String frame : stack.frames()) {
                seen.merge(frame, 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> occurrence : seen.entrySet()) {
                long[] sum = sums.computeIfAbsent(occurrence.getKey(), k -> new long[3]);
                sum[1] += stack.weight();
                sum[2] = Math.max(sum[2], occurrence.getValue());
            }
            sums.get(stack.leaf())[0] += stack.weight();
        }
        double total = profile.total();
        Map<String, Frame> frames = new HashMap<>(sums.size() * 2);
        sums.forEach((name, sum) -> frames.put(name, new Frame(name, sum[0], sum[1],
                total == 0 ? 0 : sum[0] / total, total == 0 ? 0 : sum[1] / total, (int) sum[2])));
        return new FrameStats(profile, Collections.unmodifiableMap(frames));
    }

    /** The profile these numbers describe. */
    public Profile profile() {
        return profile;
    }

    /** The profile's total weight. */
    public long total() {
        return profile.total();
    }

    /** The numbers of {@code frame}, empty when no stack contains it. */
    public Optional<Frame> get(String frame) {
        return Optional.ofNullable(frames.get(frame));
    }

    /** Every frame, largest total first (ties by name); unmodifiable. */
    public List<Frame> byTotal() {
        return byTotal;
    }

    /** Every frame, largest self weight first (ties by name). */
    public List<Frame> bySelf() {
        List<Frame> sorted = new ArrayList<>(frames.values());
        sorted.sort(Comparator.comparingLong(Frame::self).reversed().thenComparing(Frame::frame));
        return Collections.unmodifiableList(sorted);
    }

    /**
     * The frames of either profile ordered by how much their total share changed, largest absolute change
     * first (ties by name). Frames present on one side only have share 0 on the other.
     */
    public static List<FrameChange> changes(FrameStats before, FrameStats after) {
        Map<String, FrameChange> changes = new HashMap<>();
        for (Frame frame : before.frames.values()) {
            changes.put(frame.frame(), new FrameChange(frame.frame(), Optional.of(frame), after.get(frame.frame())));
        }
        for (Frame frame : after.frames.values()) {
            changes.computeIfAbsent(frame.frame(), name -> new FrameChange(name, Optional.empty(), Optional.of(frame)));
        }
        List<FrameChange> sorted = new ArrayList<>(changes.values());
        sorted.sort(Comparator.comparingDouble((FrameChange c) -> -Math.abs(c.totalShareDelta()))
                .thenComparing(FrameChange::frame));
        return Collections.unmodifiableList(sorted);
    }

    /**
     * How one frame's shares moved between two profiles.
     *
     * @param frame the frame name
     * @param before its numbers in the first profile, empty when absent there
     * @param after its numbers in the second profile, empty when absent there
     */
    public record FrameChange(String frame, Optional<Frame> before, Optional<Frame> after) {

        public double beforeTotalShare() {
            return before.map(Frame::totalShare).orElse(0.0);
        }

        public double afterTotalShare() {
            return after.map(Frame::totalShare).orElse(0.0);
        }

        /** After minus before total share, as a fraction (0.05 is five percentage points). */
        public double totalShareDelta() {
            return afterTotalShare() - beforeTotalShare();
        }

        public double selfShareDelta() {
            return after.map(Frame::selfShare).orElse(0.0) - before.map(Frame::selfShare).orElse(0.0);
        }

        /** After minus before deepest recursion (0 for a frame absent on one side counts as depth 0). */
        public int recursionDelta() {
            return after.map(Frame::maxRecursion).orElse(0) - before.map(Frame::maxRecursion).orElse(0);
        }
    }
}
