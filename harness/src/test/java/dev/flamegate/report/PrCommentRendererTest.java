package dev.flamegate.report;

import dev.flamegate.compare.Verdict;
import dev.flamegate.compare.MetricChange.Status;
import dev.flamegate.redact.Redactor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

class PrCommentRendererTest {

    private static final Parser GFM = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private static final String NASTY = "Evil|Pipe.<script>alert(1)</script>`tick`*bold*_u_[x](http://e)#1";

    private final PrCommentRenderer renderer = PrCommentRenderer.of(
            ArtifactLinks.of("https://ci.example.com/artifacts/run-7/"), PrCommentRenderer.GITHUB_COMMENT_LIMIT, Redactor.defaults());

    private RunResults mixedRun() {
        return RunResults.of(List.of(
                ReportFixtures.withVerdict("com.acme.B#passes", Verdict.PASS),
                ReportFixtures.regression("com.acme.A#slower", NASTY, NASTY),
                ReportFixtures.withVerdict("com.acme.C#faster", Verdict.IMPROVEMENT),
                ReportFixtures.withVerdict("com.acme.D#noisy", Verdict.INCONCLUSIVE)),
                List.of(new ReportError("junit/broken/result.json", "invalid JSON at line 3")));
    }

    @Test
    void startsWithMarkerAndStatusLine() {
        String md = renderer.render(mixedRun());
        assertThat(md.lines().limit(2)).containsExactly(PrCommentRenderer.MARKER,
                "## flamegate: 1 regression, 1 improvement, 1 inconclusive — 4 checked, 1 result file unreadable");
    }

    @Test
    void resultTableParsesAsGfmTableWithOneRowPerResultInReportOrder() {
        Node document = GFM.parse(renderer.render(mixedRun()));
        List<TableBlock> tables = tables(document);
        TableBlock results = tables.get(0);
        List<List<String>> rows = rows(results);
        assertThat(rows).hasSize(5); // header + 4 results
        // Five short columns fit GitHub's comment width: the verdict's confidence never scrolls out of sight.
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSize(5));
        assertThat(rows.get(0)).containsExactly("", "Test", "Verdict", "Confidence", "Change");
        assertThat(rows.subList(1, 5)).extracting(row -> row.get(2))
                .containsExactly("REGRESSION", "INCONCLUSIVE", "IMPROVEMENT", "PASS");
        assertThat(rows.get(1).get(1)).isEqualTo(NASTY);
        assertThat(rows.get(1).get(3)).isEqualTo("99.8%");
        assertThat(rows.get(1).get(4)).isEqualTo("CPU/op +23.4%{html:<br>}alloc/op +0.0%{html:<br>}shape: SELECT ×1 → ×10 (repeated call)");
        // Apart from the test's name, no line of a cell is wider than a short phrase.
        assertThat(rows).allSatisfy(row -> java.util.stream.IntStream.of(0, 2, 3, 4).forEach(i ->
                assertThat(row.get(i).split("\\{html:<br>}")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(45))));
    }

    @Test
    void escapedNamesStayTextEverywhere() {
        Node document = GFM.parse(renderer.render(mixedRun()));
        List<String> html = new ArrayList<>();
        List<String> linkTargets = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlInline node) {
                html.add(node.getLiteral());
            }

            @Override
            public void visit(HtmlBlock node) {
                html.add(node.getLiteral().strip());
            }

            @Override
            public void visit(Link node) {
                linkTargets.add(node.getDestination());
                visitChildren(node);
            }
        });
        assertThat(html).containsOnly(PrCommentRenderer.MARKER, "<sub>", "</sub>", "<br>");
        assertThat(linkTargets).allSatisfy(target -> assertThat(target).startsWith("https://ci.example.com/artifacts/run-7/"));
        assertThat(linkTargets).contains("https://ci.example.com/artifacts/run-7/junit/com.acme.A%23slower/cpu-diff.html");
        // The frame table of the regression holds the hostile frame name as one text cell.
        List<List<String>> frameRows = rows(tables(document).stream()
                .filter(t -> rows(t).get(0).get(0).equals("Top frames")).findFirst().orElseThrow());
        assertThat(frameRows).hasSize(3);
        assertThat(frameRows.get(1)).containsExactly(NASTY, "cpu 12.0% → 31.5%", "+19.5 pp");
        assertThat(headingTexts(document)).contains(":red_circle: Regression: " + NASTY);
    }

    @Test
    void regressionDetailsHaveHottestPathAndShapeDiffInCodeBlocks() {
        String md = renderer.render(mixedRun());
        List<FencedCodeBlock> blocks = new ArrayList<>();
        GFM.parse(md).accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock node) {
                blocks.add(node);
            }
        });
        assertThat(blocks).extracting(FencedCodeBlock::getInfo).containsExactly("text", "diff");
        assertThat(blocks.get(0).getLiteral()).isEqualTo("java.lang.Thread.run  100.0% → 100.0%\n"
                + "  └─ com.acme.Pricing.quote  40.0% → 55.0%\n"
                + "    └─ " + NASTY + "  12.0% → 31.5%\n");
        assertThat(blocks.get(1).getLiteral()).isEqualTo("  GET /quote\n-   SELECT orders ×1\n+   SELECT orders ×10\n");
        assertThat(md).contains("`mvn verify -Dflamegate.mode=record`", "flamegate refresh baselines")
                .doesNotContain("-Pflamegate-record");
    }

    @Test
    void aSlowdownNothingShowsGetsALineButNoFailureDetails() {
        ReportedResult slower = new ReportedResult("com.acme.X#render", "X.render <b>", Verdict.INCONCLUSIVE,
                "INCONCLUSIVE X.render <b>: cpu.time +34 % (99.67 % CI +10 % to +62 %); " + dev.flamegate.compare.Comparison.UNEXPLAINED
                        + ", so not a regression on its own (see the notes)",
                List.of(new ReportedResult.MetricChange("cpu.time", "ns/op", Status.UNCERTAIN, 1_000_000, 1_340_000, 0.34, 0.10, 0.62,
                        0.9967, 0.001)),
                List.of(), List.of(), List.of(), "none", "", "", 0.999, Map.of(), "junit/x/result.json");
        ReportedResult noisy = ReportFixtures.withVerdict("com.acme.Y#noisy", Verdict.INCONCLUSIVE);
        String md = renderer.render(RunResults.of(List.of(slower, noisy), List.of()));

        assertThat(md).contains("> *Inconclusive*: a time total (CPU or wall time, a JMH score) was too noisy on this runner");
        assertThat(renderer.render(RunResults.of(List.of(slower), List.of()))).as("a slowdown alone has its own section")
                .doesNotContain("*Inconclusive*");
        assertThat(slower.isUnexplainedSlowdown()).isTrue();
        assertThat(noisy.isUnexplainedSlowdown()).isFalse();
        assertThat(headingTexts(GFM.parse(md))).contains(
                ":grey_question: Slower, but nothing in the profiles or the trace shows where (not failing)");
        assertThat(md).contains("- X.render &lt;b&gt;: cpu.time +34.0%, interval +10.0% … +62.0% (99.67%). A fresh JVM can run"
                + " this much slower; re-run to confirm.").doesNotContain("- com.acme.Y#noisy").doesNotContain("Regression: X.render");
    }

    @Test
    void shapeDiffWithBacktickFencesCannotBreakOut() {
        ReportedResult base = ReportFixtures.regression("com.acme.X#y", "x", "f");
        String hostile = "```\n# Heading injected\n<img src=x onerror=alert(1)>\n```\n";
        ReportedResult result = new ReportedResult(base.id(), base.displayName(), base.verdict(), base.headline(), base.metrics(),
                base.frames(), List.of(), List.of(), base.shapeChange(), hostile, "", base.confidence(), base.artifacts(),
                base.resultPath());
        Node document = GFM.parse(renderer.render(RunResults.of(List.of(result), List.of())));
        assertThat(headingTexts(document)).noneMatch(h -> h.contains("injected"));
        List<String> literals = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock node) {
                literals.add(node.getLiteral());
            }
        });
        assertThat(literals).containsExactly(hostile);
    }

    @Test
    void secretsInNamesNeverReachTheComment() {
        ReportedResult planted = ReportFixtures.regression("com.acme.S#t", "login password=hunter2 for ops@acme.io",
                "com.acme.Db.connect(token=ghp_abcdefghijklmnopqrstuvwxyz0123456789)");
        String md = renderer.render(RunResults.of(List.of(planted), List.of()));
        assertThat(md).doesNotContain("hunter2", "ops@acme.io", "ghp_abcdefghijklmnopqrstuvwxyz0123456789")
                .contains("\\[REDACTED\\]");
    }

    @Test
    void sameInputGivesSameBytes() {
        byte[] first = renderer.render(mixedRun()).getBytes(StandardCharsets.UTF_8);
        List<ReportedResult> shuffled = new ArrayList<>(mixedRun().results());
        java.util.Collections.reverse(shuffled);
        byte[] second = renderer.render(RunResults.of(shuffled, mixedRun().errors())).getBytes(StandardCharsets.UTF_8);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void truncatesMostImportantFirstAndStaysWithinTheLimit() {
        RunResults run = ReportFixtures.bigRun(60, 2_000);
        String md = renderer.render(run);
        assertThat(md.length()).isLessThanOrEqualTo(PrCommentRenderer.GITHUB_COMMENT_LIMIT);
        assertThat(md).startsWith(PrCommentRenderer.MARKER + "\n## flamegate: 60 regressions, 0 improvements, 0 inconclusive — 2060 checked\n");
        assertThat(md).contains("Shortened to fit 65536 characters: left out", "table rows", "mvn verify -Dflamegate.mode=record");
        // every regression keeps its table row before any passing test gets one
        List<List<String>> rows = rows(tables(GFM.parse(md)).get(0));
        assertThat(rows.subList(1, 61)).allSatisfy(row -> assertThat(row.get(2)).isEqualTo("REGRESSION"));
        assertThat(rows.size() - 1).isLessThan(2_060);
    }

    @Test
    void tinyLimitStillKeepsMarkerStatusAndNote() {
        PrCommentRenderer tiny = PrCommentRenderer.of(ArtifactLinks.of(null), PrCommentRenderer.MIN_CHARS, Redactor.defaults());
        String md = tiny.render(ReportFixtures.bigRun(5, 50));
        assertThat(md.length()).isLessThanOrEqualTo(PrCommentRenderer.MIN_CHARS);
        assertThat(md).startsWith(PrCommentRenderer.MARKER + "\n## flamegate: 5 regressions").contains("Shortened to fit 1000 characters");
        assertThatThrownBy(() -> PrCommentRenderer.of(ArtifactLinks.of(null), 999, Redactor.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--max-chars must be at least 1000");
    }

    @Test
    void runPageArtifactUrlLinksThePageAndNamesThePath() {
        PrCommentRenderer onePage = PrCommentRenderer.of(ArtifactLinks.of("https://github.com/acme/shop/actions/runs/42"),
                PrCommentRenderer.GITHUB_COMMENT_LIMIT, Redactor.defaults());
        String md = onePage.render(mixedRun());
        assertThat(md).contains("In the [flamegate artifact](<https://github.com/acme/shop/actions/runs/42>): "
                + "cpu flame diff: `junit/com.acme.A#slower/cpu-diff.html` · result.json: `junit/com.acme.A#slower/result.json`");
        String none = PrCommentRenderer.of(ArtifactLinks.of(null), PrCommentRenderer.GITHUB_COMMENT_LIMIT, Redactor.defaults())
                .render(mixedRun());
        assertThat(none).contains("In the flamegate artifact: cpu flame diff: `junit/com.acme.A#slower/cpu-diff.html`");
    }

    @Test
    void theFlameDiffTreeIsShownAsTextThatNoFrameNameCanBreakOutOf() {
        ReportedResult base = ReportFixtures.regression("com.acme.X#y", "x", "f");
        String tree = "all  100.0% → 100.0%\n└─ com.acme.Evil```\n# injected.run  0.0% → 50.0%  +50.0 pp\n";
        ReportedResult result = new ReportedResult(base.id(), base.displayName(), base.verdict(), base.headline(), base.metrics(),
                base.frames(), base.hottestPath(), List.of(), base.shapeChange(), "", "", base.confidence(), base.artifacts(),
                base.resultPath(), tree);
        String md = renderer.render(RunResults.of(List.of(result), List.of()));
        List<FencedCodeBlock> blocks = new ArrayList<>();
        GFM.parse(md).accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock node) {
                blocks.add(node);
            }
        });
        assertThat(blocks).singleElement().satisfies(b -> {
            assertThat(b.getInfo()).isEqualTo("text");
            assertThat(b.getLiteral()).isEqualTo(tree);
        });
        assertThat(md).contains("Flame diff (changed call paths").doesNotContain("Hottest changed path");
        assertThat(headingTexts(GFM.parse(md))).noneMatch(h -> h.contains("injected"));
    }

    @Test
    void acceptFooterOnlyWhenSomethingRegressed() {
        RunResults calm = RunResults.of(List.of(ReportFixtures.withVerdict("com.acme.B#passes", Verdict.PASS),
                ReportFixtures.withVerdict("com.acme.C#faster", Verdict.IMPROVEMENT)), List.of());
        assertThat(renderer.render(calm)).doesNotContain("Intended change?", "flamegate.mode=record");
        assertThat(renderer.render(mixedRun())).contains("Intended change?");
    }

    @Test
    void metricsThatDidNotDecideAreMarkedAndTheReasonIsSaidOnce() {
        String reason = "this runner's speed differs from the baseline machine's";
        ReportedResult base = ReportFixtures.withVerdict("com.acme.P#passes", Verdict.PASS);
        List<ReportedResult.MetricChange> metrics = List.of(
                new ReportedResult.MetricChange("cpu.time", "ns/op", Status.REGRESSED, 1000, 1890, 0.89, 0.7, 1.1, 0.95, 0.001, false, reason),
                new ReportedResult.MetricChange("alloc.bytes", "B/op", Status.UNCHANGED, 100, 100, 0, -0.01, 0.01, 0.95, 0.9));
        ReportedResult fastMachine = new ReportedResult(base.id(), base.displayName(), base.verdict(), base.headline(), metrics,
                List.of(), List.of(), List.of(), "none", "", "", 0.3, Map.of(), base.resultPath());
        ReportedResult other = new ReportedResult("com.acme.Q#passes", "Q", Verdict.IMPROVEMENT, "", metrics, List.of(), List.of(),
                List.of(), "none", "", "", 0.3, Map.of(), "junit/q/result.json");
        String md = renderer.render(RunResults.of(List.of(fastMachine, other), List.of()));
        List<List<String>> rows = rows(tables(GFM.parse(md)).get(0));
        assertThat(rows.get(1).get(4)).isEqualTo("CPU/op +89.0% (not gated){html:<br>}alloc/op +0.0%");
        assertThat(md.split(java.util.regex.Pattern.quote(reason), -1)).as("the reason, once").hasSize(2);
        assertThat(md).contains("*not gated*: measured and shown, but did not decide the verdict, because " + reason);
        String gatedOnly = renderer.render(RunResults.of(List.of(base), List.of()));
        assertThat(gatedOnly).doesNotContain("not gated");
    }

    static List<TableBlock> tables(Node document) {
        List<TableBlock> tables = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(CustomBlock node) {
                if (node instanceof TableBlock table) {
                    tables.add(table);
                }
                visitChildren(node);
            }
        });
        return tables;
    }

    static List<List<String>> rows(TableBlock table) {
        List<List<String>> rows = new ArrayList<>();
        table.accept(new AbstractVisitor() {
            @Override
            public void visit(CustomNode node) {
                if (node instanceof TableRow) {
                    List<String> cells = new ArrayList<>();
                    for (Node cell = node.getFirstChild(); cell != null; cell = cell.getNext()) {
                        cells.add(textOf((TableCell) cell));
                    }
                    rows.add(cells);
                    return;
                }
                visitChildren(node);
            }
        });
        return rows;
    }

    static List<String> headingTexts(Node document) {
        List<String> headings = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Heading node) {
                headings.add(textOf(node));
            }
        });
        return headings;
    }

    /** The plain text of a node: text and code literals, HTML kept verbatim so injected tags would show. */
    static String textOf(Node node) {
        StringBuilder text = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text t) {
                text.append(t.getLiteral());
            }

            @Override
            public void visit(Code c) {
                text.append('`').append(c.getLiteral()).append('`');
            }

            @Override
            public void visit(HtmlInline h) {
                text.append("{html:").append(h.getLiteral()).append('}');
            }
        });
        return text.toString().replace("\u200B", "");
    }
}
