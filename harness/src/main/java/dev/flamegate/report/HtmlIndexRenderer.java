package dev.flamegate.report;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

import dev.flamegate.io.SafeText;
import dev.flamegate.report.ReportedResult.FrameShift;
import dev.flamegate.redact.Redactor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a run as one self-contained {@code index.html} (no scripts, no network): the status line,
 * one row per result sorted regressions first, then inconclusive, improvements and passes, each
 * linking to its flame diffs and {@code result.json} by relative path, and the unreadable result files.
 * Metrics that did not decide their verdict are greyed and marked {@code not gated}; the reason is said once
 * below the table.
 * Every untrusted string is HTML-escaped (commons-text); links are relative paths percent-encoded.
 */
final class HtmlIndexRenderer {

    private static final int MAX_FRAMES = 5;
    /** The metrics with a column of their own. */
    private static final List<String> SHOWN_METRICS = List.of("cpu.time", "alloc.bytes", "score");

    private final Redactor redactor;

    private HtmlIndexRenderer(Redactor redactor) {
        this.redactor = redactor;
    }

    /** A renderer that redacts with {@code redactor} before escaping (the index is uploaded). */
    public static HtmlIndexRenderer of(Redactor redactor) {
        return new HtmlIndexRenderer(redactor);
    }

    /** The whole page. */
    public String render(RunResults run) {
        StringBuilder html = new StringBuilder(4096 + run.results().size() * 1024);
        html.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>flamegate run report</title>
                <style>
                body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
                table{border-collapse:collapse;width:100%}
                th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
                th{background:#f4f4f4}
                tr.REGRESSION td:first-child,tr.ERROR td:first-child{border-left:4px solid #c62828}
                .ungated{color:#888}
                .ungated small{font-style:italic}
                tr.IMPROVEMENT td:first-child{border-left:4px solid #2e7d32}
                tr.PASS td:first-child{border-left:4px solid #9e9e9e}
                tr.other td:first-child{border-left:4px solid #f9a825}
                code{font-size:12px;word-break:break-all}
                ul{margin:0;padding-left:1.2em}
                .errors{color:#b71c1c}
                </style>
                </head>
                <body>
                """);
        html.append("<h1>flamegate run report</h1>\n<p id=\"status\">").append(escapeHtml4(run.statusLine())).append("</p>\n");
        html.append("<table id=\"results\">\n<thead><tr><th>Verdict</th><th>Test</th><th>Headline</th><th>CPU/op</th>"
                + "<th>alloc/op</th><th>Score</th><th>Span shape</th><th>Confidence</th><th>Top frames</th><th>Files</th></tr></thead>\n<tbody>\n");
        for (ReportedResult result : run.results()) {
            row(html, result);
        }
        html.append("</tbody>\n</table>\n");
        List<String> reasons = ValueFormat.notGatedReasons(run.results(), Set.copyOf(SHOWN_METRICS));
        if (!reasons.isEmpty()) {
            // Said once: a grey "+89 %" beside PASS otherwise reads as flamegate contradicting itself.
            html.append("<p id=\"not-gated\"><span class=\"ungated\"><small>").append(ValueFormat.NOT_GATED)
                    .append("</small></span>: measured and shown, but did not decide the verdict, because ")
                    .append(text(String.join("; or because ", reasons))).append(".</p>\n");
        }
        if (!run.errors().isEmpty()) {
            html.append("<h2 class=\"errors\">Unreadable result files</h2>\n<ul class=\"errors\" id=\"errors\">\n");
            for (ReportError error : run.errors()) {
                html.append("<li><code>").append(text(error.path())).append("</code>: ").append(text(error.message())).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private void row(StringBuilder html, ReportedResult result) {
        String cssClass = switch (result.verdict()) {
            case REGRESSION, ERROR, IMPROVEMENT, PASS -> result.verdict().name();
            case INCONCLUSIVE, NO_BASELINE, ENVIRONMENT_MISMATCH -> "other";
        };
        html.append("<tr class=\"").append(cssClass).append("\"><td>").append(text(result.verdict().name()))
                .append("</td><td>").append(text(result.displayName()))
                .append("<br><code>").append(text(result.id())).append("</code>")
                .append("</td><td>").append(text(result.headline()))
                .append("</td><td>").append(metric(result, "cpu.time"))
                .append("</td><td>").append(metric(result, "alloc.bytes"))
                .append("</td><td>").append(metric(result, "score"))
                .append("</td><td>").append(text(result.shapeChange()))
                .append("</td><td>").append(escapeHtml4(ValueFormat.confidence(result.confidence())))
                .append("</td><td>");
        if (!result.frames().isEmpty()) {
            html.append("<ul>");
            for (FrameShift frame : result.frames().subList(0, Math.min(MAX_FRAMES, result.frames().size()))) {
                html.append("<li><code>").append(text(frame.frame())).append("</code> ")
                        .append(escapeHtml4(ValueFormat.share(frame.shareBefore()) + " → " + ValueFormat.share(frame.shareAfter())))
                        .append("</li>");
            }
            html.append("</ul>");
        }
        html.append("</td><td><ul>");
        for (Map.Entry<String, String> artifact : result.artifacts().entrySet()) {
            link(html, artifact.getKey(), artifact.getValue());
        }
        link(html, "result.json", result.resultPath());
        html.append("</ul></td></tr>\n");
    }

    private static void link(StringBuilder html, String label, String relativePath) {
        html.append("<li><a href=\"").append(escapeHtml4(ArtifactLinks.encodePath(relativePath))).append("\">")
                .append(escapeHtml4(label)).append("</a></li>");
    }

    private String metric(ReportedResult result, String name) {
        return result.metric(name).map(m -> m.gated() ? escapeHtml4(ValueFormat.beforeAfter(m))
                : "<span class=\"ungated\" title=\"" + text(m.notGatedReason()) + "\">" + escapeHtml4(ValueFormat.beforeAfter(m))
                        + " <small>" + ValueFormat.NOT_GATED + "</small></span>")
                .orElse(ValueFormat.NOT_AVAILABLE);
    }

    private String text(String raw) {
        // Control characters carry no markup, but have no business in a page also read with cat or less.
        return escapeHtml4(SafeText.withoutControls(redactor.redact(raw)));
    }
}
