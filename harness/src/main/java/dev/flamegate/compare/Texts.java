package dev.flamegate.compare;

import dev.flamegate.baseline.RecordInstructions;
import dev.flamegate.io.ConsolePrefix;
import dev.flamegate.io.SafeText;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/** Plain-text formatting of comparisons for consoles and failure messages. */
final class Texts {

    private static final int MAX_FRAMES = 8;
    private static final int MAX_NAME = 200;

    private Texts() {
    }

    static String percent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    static String signedPercent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }

    static String share(double fraction) {
        return percent(fraction);
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        if (abs >= 100 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, abs >= 1 ? "%.2f" : "%.4g", value);
    }

    /** A confidence level without needless digits: 99%, 99.5%, 99.75%. */
    static String level(double confidence) {
        return new BigDecimal(confidence * 100).round(new MathContext(4)).stripTrailingZeros()
                .toPlainString() + "%";
    }

    static String p(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    /**
     * A frame or span name made safe for one console line: control characters shown as {@code ?}, bidirectional
     * controls as their escape ({@link dev.flamegate.io.SafeText#visibleBidi}), shortened.
     */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_NAME + 3));
        text.codePoints().limit(MAX_NAME).forEach(cp -> {
            if (cp < Character.MIN_SUPPLEMENTARY_CODE_POINT && SafeText.isBidiControl((char) cp)) {
                out.append(SafeText.visibleBidi(String.valueOf((char) cp)));
            } else {
                out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp);
            }
        });
        if (text.codePointCount(0, text.length()) > MAX_NAME) {
            out.append("...");
        }
        return out.toString();
    }

    static String metricSummary(MetricChange m) {
        if (m.status() == MetricChange.Status.NOT_COMPARED || Double.isNaN(m.relativeChange())) {
            return m.metric().name() + " " + number(m.after()) + " " + m.metric().unit();
        }
        if (Double.isNaN(m.ciLower())) {
            return String.format(Locale.ROOT, "%s %s (too few rounds for an interval): %s → %s %s", m.metric().name(),
                    signedPercent(m.relativeChange()), number(m.before()), number(m.after()), m.metric().unit());
        }
        return String.format(Locale.ROOT, "%s %s (%s CI %s to %s, p=%s): %s → %s %s", m.metric().name(),
                signedPercent(m.relativeChange()), level(m.confidence()), signedPercent(m.ciLower()), signedPercent(m.ciUpper()),
                p(m.pValue()), number(m.before()), number(m.after()), m.metric().unit());
    }

    static String describe(Comparison c, RecordInstructions instructions) {
        StringBuilder out = new StringBuilder();
        out.append(ConsolePrefix.PREFIX).append(c.verdict()).append(" for ").append(oneLine(c.displayName()))
                .append(" (").append(oneLine(c.id())).append(")\n");
        switch (c.verdict()) {
            case NO_BASELINE -> out.append("  No baseline recorded. ")
                    .append(instructions.firstRecord(c.id())).append(".\n");
            case ENVIRONMENT_MISMATCH -> out.append("  Environment differs from the baseline (now vs baseline): ")
                    .append(String.join(", ", c.environmentMismatches()))
                    .append(". Metrics are shown but do not decide; re-record the baseline on this kind of machine.\n");
            default -> {
            }
        }
        if (!c.metrics().isEmpty()) {
            out.append("  Metrics (trimmed means over rounds; change with confidence interval):\n");
            for (MetricChange m : c.metrics()) {
                out.append("    ").append(statusMark(m)).append(' ').append(metricSummary(m));
                if (m.status() == MetricChange.Status.UNCERTAIN) {
                    out.append(" - too noisy: smallest detectable change ").append(percent(m.smallestDetectable()));
                }
                if (m.status() != MetricChange.Status.NOT_COMPARED) {
                    out.append(String.format(Locale.ROOT, " [%d vs %d rounds, min effect %s%s]", m.roundsBefore(),
                            m.roundsAfter(), percent(m.minEffect()), m.gated() ? "" : ", informational"));
                }
                out.append('\n');
            }
        }
        if (!c.frames().isEmpty()) {
            out.append("  Frames that explain it (deepest first):\n");
            List<FrameChange> frames = c.frames();
            for (FrameChange f : frames.subList(0, Math.min(MAX_FRAMES, frames.size()))) {
                out.append(String.format(Locale.ROOT, "    [%s] %s  %s %s → %s (total %s → %s, q=%s)%n", f.event().id(),
                        oneLine(f.site()), f.basis().name().toLowerCase(Locale.ROOT),
                        share(f.basis() == FrameChange.Basis.SELF ? f.selfBefore() : f.totalBefore()),
                        share(f.basis() == FrameChange.Basis.SELF ? f.selfAfter() : f.totalAfter()),
                        share(f.totalBefore()), share(f.totalAfter()), p(f.qValue())));
                out.append("        at ").append(oneLine(f.frame())).append('\n');
            }
            if (frames.size() > MAX_FRAMES) {
                out.append("    ... and ").append(frames.size() - MAX_FRAMES).append(" more in result.json\n");
            }
        }
        if (!c.findings().isEmpty()) {
            out.append("  Findings:\n");
            for (Finding f : c.findings()) {
                out.append("    ").append(f.kind()).append(": ").append(oneLine(f.summary())).append('\n');
            }
        }
        if (c.shapeChanged()) {
            out.append("  Trace shape changed:\n");
            for (String line : c.shapeDiff().split("\n", -1)) {
                if (!line.isEmpty()) {
                    out.append("    ").append(line).append('\n');
                }
            }
        }
        for (String note : c.notes()) {
            out.append("  Note: ").append(oneLine(note)).append('\n');
        }
        if (!c.artifacts().isEmpty()) {
            out.append("  Artifacts:\n");
            c.artifacts().forEach((k, v) -> out.append("    ").append(k).append(": ").append(v).append('\n'));
        }
        if (c.verdict() == Verdict.REGRESSION) {
            out.append("  If this change is intended: ").append(instructions.reRecord(c.id())).append(".\n");
        }
        return out.toString();
    }

    private static String statusMark(MetricChange m) {
        return switch (m.status()) {
            case REGRESSED -> "WORSE ";
            case IMPROVED -> "BETTER";
            case UNCHANGED -> "same  ";
            case UNCERTAIN -> "noisy ";
            case NOT_COMPARED -> "only  ";
        };
    }
}
