package dev.flamegate.report;

import dev.flamegate.compare.Verdict;
import dev.flamegate.compare.MetricChange.Status;
import dev.flamegate.redact.Redactor;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlIndexRendererTest {

    private final HtmlIndexRenderer renderer = HtmlIndexRenderer.of(Redactor.defaults());

    @Test
    void escapesNamesAndSortsRegressionsFirst() {
        String nasty = "<script>alert('x')</script>\"onmouseover=\"y";
        RunResults run = RunResults.of(List.of(
                ReportFixtures.withVerdict("com.acme.P#pass", Verdict.PASS),
                ReportFixtures.withVerdict("com.acme.I#better", Verdict.IMPROVEMENT),
                ReportFixtures.regression("com.acme.R#worse", nasty, nasty),
                ReportFixtures.withVerdict("com.acme.N#noisy", Verdict.INCONCLUSIVE)),
                List.of(new ReportError("x/<b>/result.json", "bad <i>json</i>")));
        String html = renderer.render(run);
        assertThat(html).doesNotContain("<script>", "<b>", "<i>", "\"onmouseover")
                .contains("&lt;script&gt;alert('x')&lt;/script&gt;&quot;onmouseover=&quot;y", "x/&lt;b&gt;/result.json");
        assertThat(html).doesNotContain("http://", "https://", "<link", "<script");
        int regression = html.indexOf("com.acme.R#worse");
        int inconclusive = html.indexOf("com.acme.N#noisy");
        int improvement = html.indexOf("com.acme.I#better");
        int pass = html.indexOf("com.acme.P#pass");
        assertThat(List.of(regression, inconclusive, improvement, pass)).isSorted().doesNotContain(-1);
        assertThat(html).contains("<a href=\"junit/com.acme.R%23worse/cpu-diff.html\">cpu flame diff</a>",
                "<a href=\"junit/com.acme.R%23worse/result.json\">result.json</a>");
    }

    @Test
    void metricsThatDidNotDecideAreGreyedWithTheReasonOnce() {
        String reason = "the work ran mostly on other threads and cpu.time counts the calling thread only";
        ReportedResult base = ReportFixtures.withVerdict("com.acme.P#pass", Verdict.PASS);
        ReportedResult pass = new ReportedResult(base.id(), base.displayName(), base.verdict(), base.headline(),
                List.of(new ReportedResult.MetricChange("cpu.time", "ns/op", Status.REGRESSED, 1000, 1890, 0.89, 0.7, 1.1, 0.95, 0.001,
                        false, reason)),
                List.of(), List.of(), List.of(), "none", "", "", 0.3, java.util.Map.of(), base.resultPath());
        String html = renderer.render(RunResults.of(List.of(pass, ReportFixtures.withVerdict("com.acme.Q#pass", Verdict.PASS)),
                List.of()));
        assertThat(html).contains("<span class=\"ungated\" title=\"" + reason + "\">1 &micro;s/op &rarr; 1.89 &micro;s/op (+89.0%)"
                + " <small>not gated</small></span>", "<p id=\"not-gated\">");
        assertThat(html.split(reason, -1)).as("in the cell's title and once below the table").hasSize(3);
        assertThat(renderer.render(RunResults.of(List.of(base), List.of()))).doesNotContain("not gated");
    }

    @Test
    void redactsPlantedSecrets() {
        RunResults run = RunResults.of(List.of(ReportFixtures.regression("com.acme.S#t", "user bob@acme.io", "Db.connect(password=hunter2)")),
                List.of());
        assertThat(renderer.render(run)).doesNotContain("bob@acme.io", "hunter2").contains("[REDACTED]");
    }
}
