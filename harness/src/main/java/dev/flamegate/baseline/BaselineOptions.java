package dev.flamegate.baseline;

import dev.flamegate.trace.ShapeOptions;
import java.util.Objects;

/**
 * How much of a measurement a {@link Baseline} keeps.
 *
 * @param frameShare call paths whose total share, averaged over rounds, is below this are not kept
 *     as per-frame series (default 0.5 %)
 * @param stackShare stacks of the merged profile are cut after their deepest frame whose path carries
 *     at least this share of the total, the weight staying with that frame (default 0.5 %); the stored
 *     collapsed file stays small and reviewable
 * @param maxFramesPerEvent at most this many call paths per event, the largest first (default 2,000)
 * @param shapeOptions how trace shapes are built from the rounds' spans (key attributes, redaction)
 */
public record BaselineOptions(double frameShare, double stackShare, int maxFramesPerEvent, ShapeOptions shapeOptions) {

    /** 0.5 % frames, 0.5 % stacks, 2,000 frames per event, default shape options. */
    public static final BaselineOptions DEFAULTS = new BaselineOptions(0.005, 0.005, 2000, ShapeOptions.defaults());

    /** Options with the default shape options. */
    public BaselineOptions(double frameShare, double stackShare, int maxFramesPerEvent) {
        this(frameShare, stackShare, maxFramesPerEvent, ShapeOptions.defaults());
    }

    public BaselineOptions {
        Objects.requireNonNull(shapeOptions, "shapeOptions");
        if (!(frameShare >= 0 && frameShare < 1)) {
            throw new IllegalArgumentException("frameShare must be in [0, 1), was " + frameShare);
        }
        if (!(stackShare >= 0 && stackShare < 1)) {
            throw new IllegalArgumentException("stackShare must be in [0, 1), was " + stackShare);
        }
        if (maxFramesPerEvent < 1) {
            throw new IllegalArgumentException("maxFramesPerEvent must be positive, was " + maxFramesPerEvent);
        }
    }

    public static BaselineOptions defaults() {
        return DEFAULTS;
    }

    /** These options with other shape options. */
    public BaselineOptions withShapeOptions(ShapeOptions options) {
        return new BaselineOptions(frameShare, stackShare, maxFramesPerEvent, options);
    }
}
