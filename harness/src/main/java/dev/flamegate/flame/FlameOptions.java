package dev.flamegate.flame;

import java.util.Objects;

/**
 * How a flame graph is rendered: immutable, changed through withers.
 *
 * <pre>{@code
 * FlameOptions options = FlameOptions.defaults().withMinWidth(0.001).withWidths(FlameOptions.Widths.OLD);
 * }</pre>
 */
public final class FlameOptions {

    /** Frames narrower than this share of the total (in both profiles) are pruned by default: 0.05 %. */
    public static final double DEFAULT_MIN_WIDTH = 0.0005;

    /** Title used when neither the options nor the caller give one. */
    public static final String DEFAULT_TITLE = "Flame graph";

    /** Which profile's weights a differential flame graph uses for frame widths when the page opens. */
    public enum Widths {
        /** Widths of the new ("after") profile, coloured by what did happen ({@code difffolded.pl before after}). */
        NEW,
        /** Widths of the old ("before") profile, coloured by what will happen ({@code difffolded.pl after before | flamegraph.pl --negate}). */
        OLD
    }

    private static final FlameOptions DEFAULTS = new FlameOptions(DEFAULT_MIN_WIDTH, Widths.NEW, DEFAULT_TITLE);

    private final double minWidth;
    private final Widths widths;
    private final String title;

    private FlameOptions(double minWidth, Widths widths, String title) {
        if (!(minWidth >= 0 && minWidth < 1)) {
            throw new IllegalArgumentException("minWidth must be a fraction in [0, 1), was " + minWidth);
        }
        this.minWidth = minWidth;
        this.widths = Objects.requireNonNull(widths, "widths");
        this.title = Objects.requireNonNull(title, "title");
    }

    /** Minimum width {@value #DEFAULT_MIN_WIDTH}, widths of the new profile, title {@value #DEFAULT_TITLE}. */
    public static FlameOptions defaults() {
        return DEFAULTS;
    }

    /** Frames whose share of the total is below this fraction in every profile shown are pruned; 0 keeps all. */
    public double minWidth() {
        return minWidth;
    }

    /** The widths a differential flame graph opens with; the page has a switch to the other one. */
    public Widths widths() {
        return widths;
    }

    /** The page title, used when the caller of {@code writeHtml} passes {@code null}. */
    public String title() {
        return title;
    }

    /**
     * @param fraction minimum frame width as a fraction of the total, in {@code [0, 1)}
     * @throws IllegalArgumentException when out of range
     */
    public FlameOptions withMinWidth(double fraction) {
        return new FlameOptions(fraction, widths, title);
    }

    public FlameOptions withWidths(Widths newWidths) {
        return new FlameOptions(minWidth, newWidths, title);
    }

    public FlameOptions withTitle(String newTitle) {
        return new FlameOptions(minWidth, widths, newTitle);
    }

    /** The title to show: {@code explicit} unless it is null or blank, else {@link #title()}. */
    String titleOr(String explicit) {
        return explicit == null || explicit.isBlank() ? title : explicit;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlameOptions that
                && Double.compare(minWidth, that.minWidth) == 0
                && widths == that.widths
                && title.equals(that.title);
    }

    @Override
    public int hashCode() {
        return Objects.hash(minWidth, widths, title);
    }

    @Override
    public String toString() {
        return "FlameOptions[minWidth=" + minWidth + ", widths=" + widths + ", title=" + title + "]";
    }
}
