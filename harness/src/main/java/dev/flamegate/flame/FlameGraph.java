package dev.flamegate.flame;

import dev.flamegate.profile.Profile;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A plain flame graph of one profile as one self-contained, interactive HTML page: the same page as
 * {@link DiffFlameGraph} (zoom, search with summed share, tooltip) with frames coloured by kind
 * instead of by change.
 */
public final class FlameGraph {

    private FlameGraph() {
    }

    /**
     * Writes the flame graph of {@code profile} to {@code out} atomically.
     *
     * @param title page title; {@code null} or blank uses {@link FlameOptions#title()}
     * @throws java.io.UncheckedIOException when {@code out} cannot be written (no partial file is left)
     */
    public static void writeHtml(Profile profile, FlameOptions options, String title, Path out) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(out, "out");
        FlamePage.write(FlameDiff.single(profile, options.minWidth()), FlamePage.Mode.PLAIN, profile, options, title, out);
    }
}
