package dev.flamegate.artifacts;

import static org.apache.commons.text.StringEscapeUtils.escapeXml10;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small self-contained SVG time series of a run's rounds, warm-up then measured, so a reader sees whether the
 * run settled: per-round time per invocation (log scale), warm-up rounds hollow, measured rounds filled, rounds
 * during which the JIT compiled or a garbage collection ran ringed, and the warm-up/measured boundary drawn.
 * No script and no external resource; every text is escaped.
 */
public final class RoundChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 200;
    private static final int LEFT = 60;
    private static final int RIGHT = 10;
    private static final int TOP = 24;
    private static final int BOTTOM = 30;

    /**
     * One round's point.
     *
     * @param nanosPerInvocation time per invocation
     * @param warmUp             whether the round was a warm-up round
     * @param disturbed          whether the JIT compiled, classes loaded, a GC ran or the heap grew onto fresh memory during the round
     */
    public record Point(double nanosPerInvocation, boolean warmUp, boolean disturbed) {
    }

    private RoundChart() {
    }

    /** The chart of {@code points} (warm-up rounds first) titled {@code title}, as an SVG document. */
    public static String svg(String title, String metric, List<Point> points) {
        List<Point> shown = points.stream().filter(p -> p.nanosPerInvocation() > 0 && Double.isFinite(p.nanosPerInvocation())).toList();
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<title>").append(escapeXml10(title)).append("</title>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\">%s per invocation by round: warm-up (hollow), measured "
                + "(filled), JIT, GC or heap growth (ringed red)</text>%n", LEFT, escapeXml10(metric)));
        if (shown.isEmpty()) {
            return svg.append("</svg>\n").toString();
        }
        double min = shown.stream().mapToDouble(Point::nanosPerInvocation).min().orElseThrow();
        double max = shown.stream().mapToDouble(Point::nanosPerInvocation).max().orElseThrow();
        double lo = Math.log(min) - 0.05;
        double hi = Math.log(max) + 0.05;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double step = shown.size() > 1 ? (double) plotWidth / (shown.size() - 1) : 0;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n", LEFT, HEIGHT - BOTTOM,
                WIDTH - RIGHT, HEIGHT - BOTTOM));
        svg.append(axisLabel(TOP + 4, max)).append(axisLabel(HEIGHT - BOTTOM, min));
        long warmUps = shown.stream().filter(Point::warmUp).count();
        if (warmUps > 0 && warmUps < shown.size()) {
            double x = LEFT + step * (warmUps - 0.5);
            svg.append(String.format(Locale.ROOT, "<line class=\"boundary\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                    + "stroke=\"#555\" stroke-dasharray=\"4 3\"/>%n", x, TOP, x, HEIGHT - BOTTOM));
        }
        List<String> path = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            Point p = shown.get(i);
            double x = LEFT + step * i;
            double y = TOP + plotHeight * (hi - Math.log(p.nanosPerInvocation())) / (hi - lo);
            path.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            svg.append(String.format(Locale.ROOT, "<circle class=\"%s%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\" "
                    + "stroke=\"%s\" stroke-width=\"%s\"><title>round %d: %s</title></circle>%n",
                    p.warmUp() ? "warm-up" : "measured", p.disturbed() ? " disturbed" : "", x, y,
                    p.warmUp() ? "white" : "#3366cc", p.disturbed() ? "#cc2222" : "#3366cc", p.disturbed() ? "2" : "1",
                    i + 1, escapeXml10(duration(p.nanosPerInvocation()))));
        }
        svg.append("<polyline fill=\"none\" stroke=\"#3366cc\" stroke-opacity=\"0.4\" points=\"")
                .append(String.join(" ", path)).append("\"/>\n");
        return svg.append("</svg>\n").toString();
    }

    private static String axisLabel(int y, double nanos) {
        return String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LEFT - 4, y, escapeXml10(duration(nanos)));
    }

    private static String duration(double nanos) {
        if (nanos >= 1e9) {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        if (nanos >= 1e6) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return nanos >= 1e3 ? String.format(Locale.ROOT, "%.1f µs", nanos / 1e3) : String.format(Locale.ROOT, "%.0f ns", nanos);
    }
}
