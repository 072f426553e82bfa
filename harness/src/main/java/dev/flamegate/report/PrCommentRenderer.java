package dev.flamegate.report;

import dev.flamegate.compare.MetricChange.Status;
import dev.flamegate.compare.Verdict;
import dev.flamegate.redact.Redactor;
import dev.flamegate.report.ReportedResult.FrameShift;
import dev.flamegate.report.ReportedResult.MetricChange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a run as the body of the sticky pull-request comment ({@code pr-comment.md}).
 *
 * <p>The body starts with the hidden {@link #MARKER} that the poster finds the comment by, then the
 * status line, a five-column table with one row per test or benchmark (narrow enough for GitHub's comment
 * width; metrics that did not decide a verdict are marked {@code not gated}, with the reason once), the details of each regression (top frames
 * with their share before → after, the flame diff as a text tree of the changed call paths (else the hottest
 * changed path), the trace-shape diff, links to the flame
 * diffs), unreadable result files, and, when something regressed, a footer on how to accept the change.
 *
 * <p>Everything untrusted is {@linkplain Redactor redacted} and then {@linkplain MarkdownEscaper
 * escaped}. The body never exceeds {@code maxChars} (GitHub's limit is {@value #GITHUB_COMMENT_LIMIT}):
 * when it would, the most important parts are kept — regression rows, unreadable files, regression
 * details (shortened before being dropped), then the other rows — and a note says what was left out.
 * The same input always gives the same bytes.
 */
public final class PrCommentRenderer {

    /** The hidden marker the sticky comment is found by. */
    public static final String MARKER = "<!-- flamegate-report -->";
    /** GitHub's maximum comment body length. */
    public static final int GITHUB_COMMENT_LIMIT = 65_536;
    /** The smallest {@code maxChars} that still leaves room for the marker, status and a truncation note. */
    public static final int MIN_CHARS = 1_000;

    private static final int NOTE_RESERVE = 400;
    private static final int MAX_NAME = 200;
    private static final int MAX_FRAMES = 8;
    private static final int MAX_PATH_DEPTH = 12;
    private static final int MAX_SHAPE_LINES = 60;
    private static final int MAX_FLAME_LINES = 40;
    private static final int MAX_ERRORS = 50;

    private final ArtifactLinks links;
    private final int maxChars;
    private final Redactor redactor;

    private PrCommentRenderer(ArtifactLinks links, int maxChars, Redactor redactor) {
        if (maxChars < MIN_CHARS) {
            throw new IllegalArgumentException("--max-chars must be at least " + MIN_CHARS + ", was " + maxChars);
        }
        this.links = Objects.requireNonNull(links, "links");
        this.maxChars = maxChars;
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** A renderer with links under {@code links}, a length limit and a redactor. */
    public static PrCommentRenderer of(ArtifactLinks links, int maxChars, Redactor redactor) {
        return new PrCommentRenderer(links, maxChars, redactor);
    }

    /** Renders {@code run}; the result is at most {@code maxChars} long and starts with {@link #MARKER}. */
    public String render(RunResults run) {
        String head = MARKER + "\n## flamegate: " + run.statusLine() + "\n\n";
        // Accepting a change only makes sense when something regressed.
        String footer = run.count(Verdict.REGRESSION) > 0 ? footer() : "";
        Budget budget = new Budget(maxChars - head.length() - NOTE_RESERVE);
        if (!budget.take(footer.length())) {
            footer = "";
        }
        String gateNote = notGatedNote(run.results());
        if (!budget.take(gateNote.length())) {
            gateNote = "";
        }
        // What matters most takes the budget first.
        List<ReportedResult> results = run.results();
        Table table = new Table(results.size());
        table.take(results, true, budget); // 1. rows of regressions
        Section errors = Section.take("### :warning: Unreadable result files\n\n", // 2. unreadable result files
                run.errors().subList(0, Math.min(MAX_ERRORS, run.errors().size())).stream().map(this::errorLine).toList(), budget);
        Details details = Details.take(results, this, budget); // 3. regression details, shortened before left out
        Section slower = Section.take( // 4. slowdowns nothing shows: not failing, but a reviewer should know
                "### :grey_question: Slower, but nothing in the profiles or the trace shows where (not failing)\n\n",
                results.stream().filter(ReportedResult::isUnexplainedSlowdown).map(this::slowerLine).toList(), budget);
        String inconclusiveNote = inconclusiveNote(results, budget); // 5. what INCONCLUSIVE means, once
        table.take(results, false, budget); // 6. the other rows, in report order

        StringBuilder body = new StringBuilder(maxChars).append(head);
        table.appendTo(body, gateNote);
        body.append(inconclusiveNote);
        errors.appendTo(body);
        details.appendTo(body);
        slower.appendTo(body);
        body.append(truncationNote(table.leftOut(), details.shortened(), details.leftOut(),
                run.errors().size() - errors.lines().size()));
        body.append(footer);
        if (body.length() > maxChars) {
            // Cannot happen with the reserve above; never hand GitHub a body it rejects.
            throw new IllegalStateException("PR comment of " + body.length() + " characters exceeds " + maxChars);
        }
        return body.toString();
    }

    private String errorLine(ReportError error) {
        return "- " + path(links.artifactPath(error.path())) + ": " + escape(error.message(), 2 * MAX_NAME) + "\n";
    }

    private String slowerLine(ReportedResult result) {
        return "- " + escape(result.displayName(), MAX_NAME) + ": " + result.metrics().stream()
                .filter(m -> m.status() == Status.UNCERTAIN && m.ciLow() > 0).findFirst()
                .map(m -> escape(m.name(), MAX_NAME) + " " + ValueFormat.change(m.effect()) + ", interval " + ValueFormat.interval(m))
                .orElse("see the run index") + ". A fresh JVM can run this much slower; re-run to confirm.\n";
    }

    /** A yellow table on a noisy runner otherwise reads as "flamegate did nothing". */
    private static String inconclusiveNote(List<ReportedResult> results, Budget budget) {
        if (results.stream().noneMatch(r -> r.verdict() == Verdict.INCONCLUSIVE && !r.isUnexplainedSlowdown())) {
            return "";
        }
        String note = "> [!NOTE]\n> *Inconclusive*: a time total (CPU or wall time, a JMH score) was too noisy on this runner to"
                + " tell a change from how much whole runs differ. What flamegate compares within a run (allocation, call-path"
                + " shares and new work, lock waiting, trace shapes) did not fail: a change there would have made it a regression.\n\n";
        return budget.take(note.length()) ? note : "";
    }

    /** The results table: one row per result that fit, in report order, the header paid with the first row. */
    private final class Table {
        private final String header = tableHeader();
        private final String[] rows;
        private boolean started;

        Table(int size) {
            rows = new String[size];
        }

        /** Takes the rows of the regressions, or of all the others, while they fit. */
        void take(List<ReportedResult> results, boolean regressions, Budget budget) {
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).isRegression() != regressions) {
                    continue;
                }
                String row = row(results.get(i));
                if (budget.take(row.length() + (started ? 0 : header.length()))) {
                    rows[i] = row;
                    started = true;
                }
            }
        }

        int leftOut() {
            return (int) Arrays.stream(rows).filter(Objects::isNull).count();
        }

        void appendTo(StringBuilder body, String gateNote) {
            if (!started) {
                return;
            }
            body.append(header);
            Arrays.stream(rows).filter(Objects::nonNull).forEach(body::append);
            body.append('\n').append(gateNote);
        }
    }

    /** A titled list of lines, each taken while it fits; the title is paid with the first line. */
    private record Section(String header, List<String> lines) {

        static Section take(String header, List<String> candidates, Budget budget) {
            List<String> taken = new ArrayList<>();
            for (String line : candidates) {
                if (budget.take(line.length() + (taken.isEmpty() ? header.length() + 1 : 0))) {
                    taken.add(line);
                }
            }
            return new Section(header, taken);
        }

        void appendTo(StringBuilder body) {
            if (!lines.isEmpty()) {
                body.append(header);
                lines.forEach(body::append);
                body.append('\n');
            }
        }
    }

    /** The regressions' details: in full while they fit, then shortened, then left out. */
    private record Details(List<String> texts, int shortened, int leftOut) {

        static Details take(List<ReportedResult> results, PrCommentRenderer renderer, Budget budget) {
            List<String> texts = new ArrayList<>();
            int shortened = 0;
            int leftOut = 0;
            for (ReportedResult result : results) {
                if (!result.isRegression()) {
                    continue;
                }
                String full = renderer.details(result, true);
                String compact = budget.take(full.length()) ? null : renderer.details(result, false);
                if (compact == null) {
                    texts.add(full);
                } else if (budget.take(compact.length())) {
                    texts.add(compact);
                    shortened++;
                } else {
                    leftOut++;
                }
            }
            return new Details(texts, shortened, leftOut);
        }

        void appendTo(StringBuilder body) {
            texts.forEach(body::append);
        }
    }

    private String truncationNote(int rowsLeftOut, int shortened, int detailsLeftOut, int errorsLeftOut) {
        if (rowsLeftOut + shortened + detailsLeftOut + errorsLeftOut == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (rowsLeftOut > 0) {
            parts.add(rowsLeftOut + " table " + (rowsLeftOut == 1 ? "row" : "rows"));
        }
        if (detailsLeftOut > 0) {
            parts.add("the details of " + detailsLeftOut + (detailsLeftOut == 1 ? " regression" : " regressions"));
        }
        if (shortened > 0) {
            parts.add("frames, paths and shape diffs of " + shortened + (shortened == 1 ? " regression" : " regressions"));
        }
        if (errorsLeftOut > 0) {
            parts.add(errorsLeftOut + " unreadable result " + (errorsLeftOut == 1 ? "file" : "files"));
        }
        String index = links.artifactPath("index.html");
        String where = links.present() && !links.pointsToOnePage()
                ? "[" + path(index) + "](<" + links.url("index.html").orElseThrow() + ">)" : path(index);
        return "> [!NOTE]\n> Shortened to fit " + maxChars + " characters: left out " + String.join(", ", parts)
                + ". The full report is " + where + " in the flamegate artifact.\n\n";
    }

    /** Metrics the table's change column shows, in this order. */
    private static final List<String> TABLE_METRICS = List.of("score", "cpu.time", "alloc.bytes");

    /**
     * Five short columns: the table must fit GitHub's comment width (about 760 px) without scrolling, or the
     * confidence is out of sight. Values before → after are in each regression's details and in the index.
     */
    private static String tableHeader() {
        return "| | Test | Verdict | Confidence | Change |\n|---|---|---|---|---|\n";
    }

    private String row(ReportedResult result) {
        return "| " + VerdictOrder.emoji(result.verdict())
                + " | " + escape(result.displayName(), MAX_NAME)
                + " | " + escape(result.verdict().name(), MAX_NAME)
                + " | " + escape(ValueFormat.confidence(result.confidence()), MAX_NAME)
                + " | " + changeCell(result)
                + " |\n";
    }

    /** One line per shown metric and for the trace shape, e.g. {@code CPU/op +89.0% *(not gated)*}. */
    private String changeCell(ReportedResult result) {
        List<String> lines = new ArrayList<>();
        if (result.verdict() == Verdict.ERROR) {
            lines.add(escape(errorMessage(result), 2 * MAX_NAME));
        }
        for (String name : TABLE_METRICS) {
            result.metric(name).ifPresent(m -> lines.add(escape(ValueFormat.label(name), MAX_NAME) + " "
                    + (Double.isFinite(m.effect()) ? ValueFormat.change(m.effect()) : escape(ValueFormat.value(m.after(), m.unit()), MAX_NAME))
                    + (m.gated() ? "" : " *(" + ValueFormat.NOT_GATED + ")*")));
        }
        if (!"none".equals(result.shapeChange())) {
            lines.add("shape: " + escape(result.shapeChange(), MAX_NAME));
        }
        return lines.isEmpty() ? ValueFormat.NOT_AVAILABLE : String.join("<br>", lines);
    }

    /** What an {@code ERROR} result threw: its headline without the verdict and name. */
    private static String errorMessage(ReportedResult result) {
        String prefix = result.verdict() + " " + result.displayName() + ": ";
        return result.headline().startsWith(prefix) ? result.headline().substring(prefix.length()) : result.headline();
    }

    /** Says once, below the table, why the metrics marked {@code not gated} did not decide their verdicts. */
    private String notGatedNote(List<ReportedResult> results) {
        List<String> reasons = ValueFormat.notGatedReasons(results, Set.copyOf(TABLE_METRICS));
        if (reasons.isEmpty()) {
            return "";
        }
        StringBuilder note = new StringBuilder("*" + ValueFormat.NOT_GATED + "*: measured and shown, but did not decide the"
                + " verdict, because ");
        note.append(String.join("; or because ", reasons.stream().map(r -> escape(r, 2 * MAX_NAME)).toList()));
        return note.append(".\n\n").toString();
    }

    private String details(ReportedResult result, boolean full) {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(VerdictOrder.emoji(result.verdict())).append(" Regression: ")
                .append(escape(result.displayName(), MAX_NAME)).append("\n\n");
        // The heading already names verdict and test; the comparison's headline repeats them.
        String prefix = result.verdict() + " " + result.displayName() + ": ";
        String headline = result.headline().startsWith(prefix) ? result.headline().substring(prefix.length()) : result.headline();
        if (!headline.isEmpty()) {
            out.append(escape(headline, 4 * MAX_NAME)).append("\n\n");
        }
        if (!result.metrics().isEmpty()) {
            out.append("| Metric | Status | Before → after | Change (interval) | p |\n|---|---|---|---|---|\n");
            for (MetricChange m : result.metrics()) {
                out.append("| ").append(escape(m.name(), MAX_NAME))
                        .append(" | ").append(escape(m.status().name(), MAX_NAME)).append(m.gated() ? "" : " *(" + ValueFormat.NOT_GATED + ")*")
                        .append(" | ").append(escape(ValueFormat.value(m.before(), m.unit()), MAX_NAME))
                        .append(" → ").append(escape(ValueFormat.value(m.after(), m.unit()), MAX_NAME))
                        .append(" | ").append(ValueFormat.change(m.effect()))
                        .append(Double.isFinite(m.ciLow()) ? "<br>" + ValueFormat.interval(m) : "")
                        .append(" | ").append(escape(ValueFormat.pValue(m.pValue()), MAX_NAME))
                        .append(" |\n");
            }
            out.append('\n');
            List<String> reasons = ValueFormat.notGatedReasons(List.of(result), result.metrics().stream()
                    .map(MetricChange::name).collect(Collectors.toSet()));
            if (!reasons.isEmpty()) {
                out.append("*").append(ValueFormat.NOT_GATED).append("*: ")
                        .append(String.join("; ", reasons.stream().map(r -> escape(r, 2 * MAX_NAME)).toList())).append(".\n\n");
            }
        }
        for (String finding : result.findings()) {
            out.append("- ").append(escape(finding, 4 * MAX_NAME)).append('\n');
        }
        if (!result.findings().isEmpty()) {
            out.append('\n');
        }
        if (full && !result.frames().isEmpty()) {
            out.append("| Top frames | Share before → after | Change |\n|---|---|---|\n");
            for (FrameShift frame : result.frames().subList(0, Math.min(MAX_FRAMES, result.frames().size()))) {
                out.append("| ").append(escape(frame.frame(), MAX_NAME))
                        .append(" | ").append(escape(frame.event(), MAX_NAME)).append(' ')
                        .append(ValueFormat.share(frame.shareBefore())).append(" → ").append(ValueFormat.share(frame.shareAfter()))
                        .append(" | ").append(points(frame))
                        .append(" |\n");
            }
            if (result.frames().size() > MAX_FRAMES) {
                out.append("\n").append(result.frames().size() - MAX_FRAMES).append(" more frames in `result.json`.\n");
            }
            out.append('\n');
        }
        if (full && !result.flameDiff().isBlank()) {
            // The differential flame graph itself, as text: it renders in every comment, where an HTML page is a download.
            out.append("Flame diff (changed call paths, share of the profile before → after, widest change first):\n\n")
                    .append(MarkdownEscaper.codeBlock(limitLines(redactor.redact(result.flameDiff()), MAX_FLAME_LINES), "text"))
                    .append('\n');
        } else if (full && !result.hottestPath().isEmpty()) {
            out.append("Hottest changed path:\n\n").append(MarkdownEscaper.codeBlock(hottestPath(result.hottestPath()), "text")).append('\n');
        }
        if (full && !result.shapeDiff().isBlank()) {
            out.append("Trace-shape diff:\n\n").append(MarkdownEscaper.codeBlock(limitLines(redactor.redact(result.shapeDiff()), MAX_SHAPE_LINES), "diff"))
                    .append('\n');
        }
        out.append(artifactLinks(result)).append('\n');
        return out.toString();
    }

    private String artifactLinks(ReportedResult result) {
        // Pages a browser shows (flame graphs, flame diffs) and the result itself; raw profiles stay in the index.
        Map<String, String> targets = new LinkedHashMap<>();
        result.artifacts().forEach((label, path) -> {
            if (path.endsWith(".html")) {
                targets.put(label, path);
            }
        });
        targets.put("result.json", result.resultPath());
        List<String> parts = new ArrayList<>();
        boolean linkEach = links.present() && !links.pointsToOnePage();
        for (Map.Entry<String, String> target : targets.entrySet()) {
            String label = escape(target.getKey(), MAX_NAME);
            parts.add(linkEach
                    ? "[" + label + "](<" + links.url(target.getValue()).orElseThrow() + ">)"
                    : label + ": " + path(links.artifactPath(target.getValue())));
        }
        if (linkEach) {
            return "Flame graphs: " + String.join(" · ", parts) + "\n";
        }
        String artifact = links.present() ? "[flamegate artifact](<" + links.url("index.html").orElseThrow() + ">)" : "flamegate artifact";
        return "In the " + artifact + ": " + String.join(" · ", parts) + "\n";
    }

    private String hottestPath(List<FrameShift> path) {
        List<FrameShift> shown = path.size() > MAX_PATH_DEPTH ? path.subList(path.size() - MAX_PATH_DEPTH, path.size()) : path;
        StringBuilder out = new StringBuilder();
        if (shown.size() < path.size()) {
            out.append("… ").append(path.size() - shown.size()).append(" frames above\n");
        }
        for (int depth = 0; depth < shown.size(); depth++) {
            FrameShift frame = shown.get(depth);
            String name = oneLine(redactor.redact(frame.frame()), MAX_NAME);
            out.append("  ".repeat(depth)).append(depth == 0 ? "" : "└─ ").append(name);
            if (Double.isFinite(frame.shareBefore()) || Double.isFinite(frame.shareAfter())) {
                out.append("  ").append(ValueFormat.share(frame.shareBefore())).append(" → ")
                        .append(ValueFormat.share(frame.shareAfter()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String limitLines(String text, int maxLines) {
        String normalised = text.replace("\r\n", "\n");
        if (normalised.endsWith("\n")) {
            normalised = normalised.substring(0, normalised.length() - 1);
        }
        String[] lines = normalised.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int shown = Math.min(lines.length, maxLines);
        for (int i = 0; i < shown; i++) {
            out.append(cut(lines[i], 2 * MAX_NAME)).append('\n');
        }
        if (lines.length > shown) {
            out.append("… ").append(lines.length - shown).append(" more lines in the artifact\n");
        }
        return out.toString();
    }

    private static String points(FrameShift frame) {
        double delta = (frame.shareAfter() - frame.shareBefore()) * 100;
        return Double.isFinite(delta) ? String.format(Locale.ROOT, "%+.1f pp", delta) : ValueFormat.NOT_AVAILABLE;
    }

    private static String footer() {
        return "---\n"
                + "<sub>Intended change? Accept it by re-recording the baselines and committing `baselines/`: "
                + "`mvn verify -Dflamegate.mode=record` (the property works in any build). Baselines recorded on a laptop "
                + "rarely match CI machines: prefer the **flamegate refresh baselines** workflow "
                + "(Actions → flamegate refresh baselines → Run workflow), which records on the CI runner and opens "
                + "a pull request with the new `baselines/`.</sub>\n";
    }

    /** Redacted, shortened to {@code max} characters and escaped for inline Markdown. */
    private String escape(String raw, int max) {
        return MarkdownEscaper.text(cut(redactor.redact(raw), max));
    }

    /** A file path as a code span, so people can copy it; redacted and shortened like any name. */
    private String path(String raw) {
        return MarkdownEscaper.codeSpan(cut(redactor.redact(raw), 2 * MAX_NAME));
    }

    private static String oneLine(String raw, int max) {
        return cut(raw.replaceAll("[\\r\\n\\u2028\\u2029\\u0085]+", " "), max);
    }

    private static String cut(String raw, int max) {
        if (raw.length() <= max) {
            return raw;
        }
        int end = Character.isHighSurrogate(raw.charAt(max - 2)) ? max - 2 : max - 1;
        return raw.substring(0, end) + "…";
    }

    /** Characters left for optional parts. */
    private static final class Budget {
        private int left;

        Budget(int left) {
            this.left = left;
        }

        boolean take(int cost) {
            if (cost > left) {
                return false;
            }
            left -= cost;
            return true;
        }
    }
}
