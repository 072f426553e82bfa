package dev.flamegate.junit;

import dev.flamegate.profile.Profile;
import dev.flamegate.profile.Stack;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one frame of a profile. The <em>total</em> share counts every stack the frame is on (once per
 * stack, however deep its recursion), the <em>self</em> share only stacks where it is the leaf.
 */
public class FrameAssert extends AbstractAssert<FrameAssert, Profile> {

    private final String frame;

    FrameAssert(Profile profile, String frame) {
        super(profile, FrameAssert.class);
        this.frame = frame;
    }

    /** The frame's share of the profile's total weight, counting stacks it is on. */
    double totalShare() {
        long weight = 0;
        for (Stack stack : actual.stacks()) {
            if (stack.frames().contains(frame)) {
                weight += stack.weight();
            }
        }
        return actual.total() == 0 ? 0 : (double) weight / actual.total();
    }

    double selfShare() {
        long weight = 0;
        for (Stack stack : actual.stacks()) {
            if (stack.leaf().equals(frame)) {
                weight += stack.weight();
            }
        }
        return actual.total() == 0 ? 0 : (double) weight / actual.total();
    }

    /** Verifies the frame takes less than {@code bound} (a fraction, 0.3 = 30 %) of the profile in total. */
    public FrameAssert hasTotalShareBelow(double bound) {
        checkBound(bound);
        double share = totalShare();
        if (share >= bound) {
            failWithActualExpectedAndMessage(share, bound,
                    "%nExpecting frame:%n  %s%nto take less than %.1f%% of the %s profile in total, but it takes %.1f%%",
                    frame, bound * 100, actual.event(), share * 100);
        }
        return myself;
    }

    /** Verifies the frame's self share (as the leaf) is below {@code bound}. */
    public FrameAssert hasSelfShareBelow(double bound) {
        checkBound(bound);
        double share = selfShare();
        if (share >= bound) {
            failWithActualExpectedAndMessage(share, bound,
                    "%nExpecting frame:%n  %s%nto take less than %.1f%% of the %s profile itself, but it takes %.1f%%",
                    frame, bound * 100, actual.event(), share * 100);
        }
        return myself;
    }

    /** Verifies the frame is on no sampled stack. */
    public FrameAssert isAbsent() {
        double share = totalShare();
        if (share > 0) {
            failWithMessage("%nExpecting frame:%n  %s%nnot to appear in the %s profile, but it is on %.1f%% of it",
                    frame, actual.event(), share * 100);
        }
        return myself;
    }

    private static void checkBound(double bound) {
        if (!(bound > 0 && bound <= 1)) {
            throw new IllegalArgumentException("a share bound is a fraction in (0, 1], e.g. 0.3 for 30 %, was " + bound);
        }
    }
}
