package dev.flamegate.cli;

import dev.flamegate.io.ConsolePrefix;
import dev.flamegate.io.AtomicFiles;
import dev.flamegate.report.MarkdownEscaper;
import dev.flamegate.stats.ModeratedVariance;
import dev.flamegate.stats.SequentialRule;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flamegate jmh-compare base.json new.json}: compares two JMH result files ({@code -rf json}) benchmark
 * by benchmark, each {@code @Param} combination and mode on its own, and prints score ± error before and
 * after, the change, and a verdict. Throughput is better higher; average, sample and single-shot time lower.
 * The statistics run on the raw fork data in the files (see {@link JmhScoreComparison}).
 *
 * <p>Exit codes: 0 no regression found (every row PASS, IMPROVEMENT or INCONCLUSIVE; the closing line says which),
 * 1 at least one regression, 2 unusable input (unreadable or malformed
 * file, or no benchmark in common).
 */
@Command(name = "jmh-compare", mixinStandardHelpOptions = true,
        header = "Compare two JMH result files (-rf json) benchmark by benchmark.",
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {" 0:No regression (every row PASS, IMPROVEMENT or INCONCLUSIVE).",
        " 1:At least one benchmark REGRESSION.",
        " 2:Unusable input or usage: missing or malformed file, a score that is zero, negative or not a number, bad option.",
        ExitCodes.HELP_INTERNAL},
        description = {"Compare two JMH result files (-rf json): score, error, change and verdict per benchmark.",
            "Forks are the replicates; see the exit codes below."})
final class JmhCompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE", description = "JMH JSON result of the baseline run.")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW", description = "JMH JSON result of the new run.")
    Path head;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the table as Markdown to FILE.")
    Path markdown;

    @Option(names = "--min-effect", paramLabel = "FRACTION", converter = FractionConverter.class, defaultValue = "5%",
            description = "Smallest change that counts, e.g. 5%% or 0.05 (default 5%%).")
    double minEffect;

    @Option(names = "--confidence", paramLabel = "LEVEL", converter = FractionConverter.class, defaultValue = "99%",
            description = "Confidence level of the change's interval (default 99%%).")
    double confidence;

    @Option(names = "--max-detectable", paramLabel = "FRACTION", converter = FractionConverter.class, defaultValue = "25%",
            description = "Above this smallest detectable change a benchmark is INCONCLUSIVE (default 25%%).")
    double maxDetectable;

    /** One line of the table. */
    record Row(String benchmark, String params, String mode, String before, String after, String change, String verdict,
            JmhScoreComparison.Verdict outcome, double detectable) {
    }

    /**
     * @throws dev.flamegate.InvalidInputException for an unusable file; {@link ExitCodes} prints it on one line (exit 2)
     * @throws IOException when the Markdown file cannot be written (exit 2)
     */
    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        OutputFiles.requireNoInput(spec.commandLine(), "--markdown", markdown, base, head);
        if (confidence <= 0 || confidence >= 1) {
            err.println(ConsolePrefix.PREFIX + "--confidence must be between 0 and 100%, was " + confidence);
            return ExitCodes.INVALID_INPUT;
        }
        List<Row> rows = rows(JmhResultFile.read(base), JmhResultFile.read(head),
                new JmhScoreComparison.Settings(minEffect, confidence, maxDetectable));
        if (rows.stream().allMatch(r -> r.outcome() == JmhScoreComparison.Verdict.NO_BASELINE
                || r.outcome() == JmhScoreComparison.Verdict.REMOVED)) {
            err.println(ConsolePrefix.PREFIX + base + " and " + head
                    + " have no benchmark (name, params and mode) in common. Compare results of the same suite");
            return ExitCodes.INVALID_INPUT;
        }
        out.print(textTable(rows));
        long regressions = rows.stream().filter(r -> r.outcome().fails()).count();
        out.println(summary(rows));
        out.flush();
        if (markdown != null) {
            AtomicFiles.writeString(markdown, markdownTable(rows));
        }
        return regressions == 0 ? ExitCodes.OK : ExitCodes.REGRESSION;
    }

    static List<Row> rows(List<JmhResultFile.Entry> before, List<JmhResultFile.Entry> after, JmhScoreComparison.Settings settings) {
        Map<String, JmhResultFile.Entry> baseByKey = new LinkedHashMap<>();
        before.forEach(e -> baseByKey.putIfAbsent(e.key(), e));
        Map<String, JmhScoreComparison.Pair> pairs = new LinkedHashMap<>();
        for (JmhResultFile.Entry now : after) {
            JmhResultFile.Entry then = baseByKey.get(now.key());
            if (then != null) {
                pairs.putIfAbsent(now.key(), new JmhScoreComparison.Pair(then, now));
            }
        }
        // every benchmark of the run tells how large fork-to-fork noise is on this machine
        ModeratedVariance prior = JmhScoreComparison.prior(List.copyOf(pairs.values()));
        List<Row> rows = new ArrayList<>();
        for (JmhResultFile.Entry now : after) {
            JmhScoreComparison.Pair pair = pairs.get(now.key());
            if (pair == null || pair.after() != now || baseByKey.remove(now.key()) == null) {
                rows.add(row(now, "—", score(now), "—", JmhScoreComparison.Verdict.NO_BASELINE.name(), JmhScoreComparison.Verdict.NO_BASELINE));
                continue;
            }
            JmhResultFile.Entry then = pair.before();
            JmhScoreComparison c = JmhScoreComparison.compare(pair, now.higherIsBetter(), prior, settings);
            String verdict = switch (c.verdict()) {
                case INCONCLUSIVE -> "INCONCLUSIVE (could detect ±" + percent(c.detectable()) + moreForks(c, pair) + ")";
                case REGRESSION, IMPROVEMENT -> c.verdict() + " (" + pText(c.pValue()) + ")";
                default -> c.verdict().name();
            };
            if (!"forks".equals(c.basis())) {
                verdict += " [1 fork: iterations]";
            }
            rows.add(row(now, score(then), score(now), signedPercent(c.change()), verdict, c.verdict(), c.detectable()));
        }
        for (JmhResultFile.Entry gone : baseByKey.values()) {
            rows.add(row(gone, score(gone), "—", "—", JmhScoreComparison.Verdict.REMOVED.name(), JmhScoreComparison.Verdict.REMOVED));
        }
        return rows;
    }

    /** The sequential rule's "not yet known": how many more forks a side would settle the row. */
    private static String moreForks(JmhScoreComparison c, JmhScoreComparison.Pair pair) {
        if (c.forksNeeded() <= 0) {
            return "";
        }
        if (c.forksNeeded() >= SequentialRule.REPLICATE_LIMIT) {
            return "; not known: more than " + SequentialRule.REPLICATE_LIMIT + " forks a side needed";
        }
        int have = Math.min(pair.before().forkMeans().length, pair.after().forkMeans().length);
        return "; not yet known: run " + Math.max(1, c.forksNeeded() - have) + " more fork(s) a side";
    }

    /**
     * The closing line: never "No regression" while a row could not tell, since an unresolved row is no evidence
     * that nothing got slower.
     */
    static String summary(List<Row> rows) {
        long regressions = rows.stream().filter(r -> r.outcome().fails()).count();
        List<Row> open = rows.stream().filter(r -> r.outcome() == JmhScoreComparison.Verdict.INCONCLUSIVE).toList();
        StringBuilder text = new StringBuilder();
        if (regressions > 0) {
            text.append(regressions).append(" regression(s).");
        }
        if (!open.isEmpty()) {
            double best = open.stream().mapToDouble(Row::detectable).min().orElse(Double.POSITIVE_INFINITY);
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(open.size()).append(" benchmark(s) INCONCLUSIVE (smallest detectable change ±").append(percent(best))
                    .append("): no verdict on them; run more forks.");
        }
        if (text.isEmpty()) {
            text.append("No regression.");
        }
        return text.toString();
    }

    private static Row row(JmhResultFile.Entry e, String before, String after, String change, String verdict,
            JmhScoreComparison.Verdict outcome) {
        return row(e, before, after, change, verdict, outcome, Double.NaN);
    }

    private static Row row(JmhResultFile.Entry e, String before, String after, String change, String verdict,
            JmhScoreComparison.Verdict outcome, double detectable) {
        String params = e.paramsText();
        return new Row(e.benchmark(), params.isEmpty() ? "" : params.substring(1, params.length() - 1), e.mode(),
                before, after, change, verdict, outcome, detectable);
    }

    private static final String[] HEADERS = {"Benchmark", "Params", "Mode", "Before", "After", "Change", "Verdict"};

    private static String[] cells(Row r) {
        return new String[] {r.benchmark(), r.params(), r.mode(), r.before(), r.after(), r.change(), r.verdict()};
    }

    /** A plain-text table with aligned columns. */
    static String textTable(List<Row> rows) {
        int[] widths = new int[HEADERS.length];
        for (int i = 0; i < HEADERS.length; i++) {
            widths[i] = HEADERS[i].length();
        }
        for (Row row : rows) {
            String[] cells = cells(row);
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        appendLine(text, HEADERS, widths);
        for (Row row : rows) {
            appendLine(text, cells(row), widths);
        }
        return text.toString();
    }

    private static void appendLine(StringBuilder text, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", cells[i]));
            if (i < cells.length - 1) {
                line.append("  ");
            }
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    /** A GitHub-flavoured Markdown table; every cell escaped, so benchmark and param names cannot break it. */
    static String markdownTable(List<Row> rows) {
        StringBuilder md = new StringBuilder("| ").append(String.join(" | ", HEADERS)).append(" |\n|");
        md.append("---|".repeat(HEADERS.length)).append('\n');
        for (Row row : rows) {
            md.append('|');
            for (String cell : cells(row)) {
                md.append(' ').append(MarkdownEscaper.text(cell)).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String score(JmhResultFile.Entry e) {
        String error = Double.isFinite(e.error()) ? " ± " + number(e.error()) : "";
        return number(e.score()) + error + " " + e.unit();
    }

    private static String number(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 1 || value == 0) {
            return String.format(Locale.ROOT, "%.3f", value);
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static String pText(double p) {
        return p < 1e-4 ? "p<0.0001" : String.format(Locale.ROOT, "p=%.2g", p);
    }

    private static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", 100 * fraction) : "∞";
    }

    private static String signedPercent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", 100 * fraction);
    }

    /** Reads {@code 5%} or {@code 0.05}. */
    static final class FractionConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String text = value.trim();
            double fraction = text.endsWith("%")
                    ? Double.parseDouble(text.substring(0, text.length() - 1).trim()) / 100
                    : Double.parseDouble(text);
            if (!Double.isFinite(fraction) || fraction < 0) {
                throw new IllegalArgumentException("'" + value + "' is not a non-negative fraction like 5% or 0.05");
            }
            return fraction;
        }
    }
}
