package dev.flamegate.profile;

import java.util.List;

/**
 * One call stack and its weight.
 *
 * @param frames frame names, root first (the thread entry) and leaf last (the frame that was running)
 * @param weight the stack's weight in the profile's {@link WeightUnit}, positive
 */
public record Stack(List<String> frames, long weight) {

    public Stack {
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("A stack has at least one frame");
        }
        if (weight <= 0) {
            throw new IllegalArgumentException("Stack weight must be positive, was " + weight);
        }
    }

    /** The frame that was running when the sample was taken. */
    public String leaf() {
        return frames.get(frames.size() - 1);
    }

    /** Number of frames. */
    public int depth() {
        return frames.size();
    }

    /** The stack in collapsed notation, {@code a;b;c}, without the weight. */
    public String collapsed() {
        return String.join(";", frames);
    }
}
