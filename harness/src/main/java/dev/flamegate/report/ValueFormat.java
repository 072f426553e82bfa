package dev.flamegate.report;

import dev.flamegate.report.ReportedResult.MetricChange;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Locale-independent number formatting shared by the Markdown and HTML renderings. */
final class ValueFormat {

    static final String NOT_AVAILABLE = "—";

    private ValueFormat() {
    }

    /** A value in its unit, scaled for reading: {@code 1.23 ms/op}, {@code 4.0 KiB/op}, {@code 812 ops/s}. */
    static String value(double value, String unit) {
        if (!Double.isFinite(value)) {
            return NOT_AVAILABLE;
        }
        String perOp = unit.endsWith("/op") ? "/op" : "";
        String base = perOp.isEmpty() ? unit : unit.substring(0, unit.length() - perOp.length());
        double nanos = switch (base) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            default -> 0;
        };
        if (nanos > 0) {
            return scaled(value * nanos, new double[] {1, 1e3, 1e6, 1e9}, new String[] {"ns", "µs", "ms", "s"}) + perOp;
        }
        if (base.equals("B")) {
            return scaled(value, new double[] {1, 1024, 1024 * 1024.0, 1024 * 1024 * 1024.0},
                    new String[] {"B", "KiB", "MiB", "GiB"}) + perOp;
        }
        return number(value) + (unit.isEmpty() ? "" : " " + unit);
    }

    private static String scaled(double value, double[] factors, String[] names) {
        int i = 0;
        while (i + 1 < factors.length && Math.abs(value) >= factors[i + 1]) {
            i++;
        }
        return number(value / factors[i]) + " " + names[i];
    }

    /** Three significant digits, no exponent for everyday magnitudes. */
    static String number(double value) {
        double abs = Math.abs(value);
        if (abs >= 100 || value == Math.rint(value) && abs < 1e15) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 0.01) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    /** A relative change as a signed percentage: {@code +23.4%}, {@code -5.0%}. */
    static String change(double effect) {
        if (!Double.isFinite(effect)) {
            return NOT_AVAILABLE;
        }
        return String.format(Locale.ROOT, "%+.1f%%", effect * 100);
    }

    /** A share 0…1 as a percentage: {@code 31.5%}. */
    static String share(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", share * 100) : NOT_AVAILABLE;
    }

    /** A confidence 0…1 as a percentage, e.g. {@code 99.2%}, {@code >99.9%}, or a dash. */
    static String confidence(double confidence) {
        if (!Double.isFinite(confidence)) {
            return NOT_AVAILABLE;
        }
        return confidence > 0.999 ? ">99.9%" : String.format(Locale.ROOT, "%.1f%%", confidence * 100);
    }

    /** {@code before → after (change)} for a table cell. */
    static String beforeAfter(MetricChange metric) {
        if (!Double.isFinite(metric.before())) {
            return value(metric.after(), metric.unit());
        }
        return value(metric.before(), metric.unit()) + " → " + value(metric.after(), metric.unit())
                + " (" + change(metric.effect()) + ")";
    }

    /** What people call a metric in a table: {@code CPU/op}, {@code alloc/op}, {@code score}; other names as they are. */
    static String label(String metric) {
        return switch (metric) {
            case "cpu.time" -> "CPU/op";
            case "wall.time" -> "wall/op";
            case "alloc.bytes" -> "alloc/op";
            default -> metric;
        };
    }

    /** The marker shown beside a metric that was measured but did not decide the verdict. */
    static final String NOT_GATED = "not gated";

    /** The distinct reasons, in first-seen order, why the shown metrics of {@code results} were not gated. */
    static List<String> notGatedReasons(List<ReportedResult> results, Set<String> shown) {
        Set<String> reasons = new LinkedHashSet<>();
        for (ReportedResult result : results) {
            result.metrics().stream().filter(m -> !m.gated() && shown.contains(m.name())).forEach(m -> reasons.add(m.notGatedReason()));
        }
        return List.copyOf(reasons);
    }

    /** The confidence interval of a metric's effect with its level, e.g. {@code +18.0% … +29.1% (95%)}. */
    static String interval(MetricChange metric) {
        if (!Double.isFinite(metric.ciLow()) || !Double.isFinite(metric.ciHigh())) {
            return NOT_AVAILABLE;
        }
        String level = Double.isFinite(metric.ciLevel())
                ? " (" + String.format(Locale.ROOT, "%.4g", metric.ciLevel() * 100).replaceAll("\\.?0+$", "") + "%)" : "";
        return change(metric.ciLow()) + " … " + change(metric.ciHigh()) + level;
    }

    /** A p-value: {@code 0.0004}, {@code <0.0001}, or a dash. */
    static String pValue(double p) {
        if (!Double.isFinite(p)) {
            return NOT_AVAILABLE;
        }
        return p < 0.0001 ? "<0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }
}
