package dev.flamegate.flame;

import dev.flamegate.profile.Profile;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A differential flame graph of two profiles as one self-contained, interactive HTML page.
 *
 * <p>Both profiles are normalised to their totals. Frames are red where their share grew, blue where
 * it shrank, saturated by the size of the change, and hatched when they occur in one profile only.
 * Widths follow the new profile (or the old one, see {@link FlameOptions#withWidths}); the page has a
 * switch between the two, click-to-zoom, search with the summed share of matches, and a tooltip with
 * before, after and delta. Frames narrower than {@link FlameOptions#minWidth()} in both profiles are
 * pruned and the page says how much was.
 */
public final class DiffFlameGraph {

    private DiffFlameGraph() {
    }

    /**
     * Diffs {@code before} against {@code after} and writes the page to {@code out} atomically.
     *
     * @param title page title; {@code null} or blank uses {@link FlameOptions#title()}
     * @throws IllegalArgumentException when the profiles measure different events or units
     * @throws java.io.UncheckedIOException when {@code out} cannot be written (no partial file is left)
     */
    public static void writeHtml(Profile before, Profile after, FlameOptions options, String title, Path out) {
        Objects.requireNonNull(options, "options");
        writeHtml(FlameDiff.pruned(before, after, options.minWidth()), after, options, title, out);
    }

    /** Writes the page of an already computed diff; {@code reference} supplies the event and unit shown. */
    public static void writeHtml(FlameDiff diff, Profile reference, FlameOptions options, String title, Path out) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(out, "out");
        FlamePage.write(diff, FlamePage.Mode.DIFF, reference, options, title, out);
    }
}
