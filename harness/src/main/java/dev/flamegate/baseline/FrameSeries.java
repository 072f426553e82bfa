package dev.flamegate.baseline;

import java.util.Arrays;
import java.util.Objects;

/**
 * Per-round shares of one call path ("frame") of one event's profile.
 *
 * @param path the call path in collapsed notation, root first ({@code main;work;parse})
 * @param total per round, the share of the round's weight in stacks passing through this path (0..1)
 * @param self per round, the share of the round's weight in stacks ending exactly at this path (0..1)
 */
public record FrameSeries(String path, double[] total, double[] self) {

    public FrameSeries {
        Objects.requireNonNull(path, "path");
        total = total.clone();
        self = self.clone();
        if (total.length != self.length) {
            throw new IllegalArgumentException("total and self shares of " + path + " cover different rounds");
        }
    }

    @Override
    public double[] total() {
        return total.clone();
    }

    @Override
    public double[] self() {
        return self.clone();
    }

    /** The leaf of the path: the frame's own name. */
    public String leaf() {
        int cut = path.lastIndexOf(';');
        return cut < 0 ? path : path.substring(cut + 1);
    }

    /** The path of the caller, or empty for a root frame. */
    public String parentPath() {
        int cut = path.lastIndexOf(';');
        return cut < 0 ? "" : path.substring(0, cut);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FrameSeries that && path.equals(that.path)
                && Arrays.equals(total, that.total) && Arrays.equals(self, that.self);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, Arrays.hashCode(total), Arrays.hashCode(self));
    }

    @Override
    public String toString() {
        return "FrameSeries[" + path + ", total=" + Arrays.toString(total) + ", self=" + Arrays.toString(self) + "]";
    }
}
