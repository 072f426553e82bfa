package dev.flamegate.report;

import dev.flamegate.compare.Verdict;
import dev.flamegate.compare.MetricChange.Status;
import dev.flamegate.report.ReportedResult.FrameShift;
import dev.flamegate.report.ReportedResult.MetricChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Report results built in code, for renderer tests. */
final class ReportFixtures {

    private ReportFixtures() {
    }

    static ReportedResult regression(String id, String displayName, String frameName) {
        return new ReportedResult(id, displayName, Verdict.REGRESSION, "CPU/op +23.4% (95% CI +18.0% … +29.1%)",
                List.of(new MetricChange("cpu.time", "ns/op", Status.REGRESSED, 1_200_000, 1_480_800, 0.234, 0.18, 0.291, 0.95, 0.002),
                        new MetricChange("alloc.bytes", "B/op", Status.UNCHANGED, 4096, 4096, 0.0, -0.01, 0.01, 0.95, 0.9)),
                List.of(new FrameShift("cpu", frameName, 0.12, 0.315),
                        new FrameShift("cpu", "com.acme.Pricing.quote", 0.40, 0.55)),
                List.of(new FrameShift("cpu", "java.lang.Thread.run", 1.0, 1.0),
                        new FrameShift("cpu", "com.acme.Pricing.quote", 0.40, 0.55),
                        new FrameShift("cpu", frameName, 0.12, 0.315)),
                List.of("GC pressure: allocation per invocation unchanged, GC CPU share 2.0% → 2.1%"),
                "SELECT ×1 → ×10 (repeated call)",
                "  GET /quote\n-   SELECT orders ×1\n+   SELECT orders ×10\n",
                "Temurin 17.0.13, Linux amd64, 2 cores, async-profiler/cpu", 0.998,
                Map.of("cpu flame diff", "junit/" + id + "/cpu-diff.html"), "junit/" + id + "/result.json");
    }

    static ReportedResult withVerdict(String id, Verdict verdict) {
        return new ReportedResult(id, id, verdict, verdict.name().toLowerCase(java.util.Locale.ROOT) + " " + id,
                List.of(new MetricChange("cpu.time", "ns/op", Status.UNCHANGED, 1000, 1010, 0.01, -0.02, 0.04, 0.95, 0.7)),
                List.of(), List.of(), List.of(), "none", "", "", 0.3,
                Map.of("cpu flame diff", "junit/" + id + "/cpu-diff.html"), "junit/" + id + "/result.json");
    }

    /** {@code regressions} regressions with large shape diffs plus {@code passes} passing results. */
    static RunResults bigRun(int regressions, int passes) {
        List<ReportedResult> results = new ArrayList<>();
        for (int i = 0; i < regressions; i++) {
            ReportedResult base = regression(String.format("com.acme.Big%04d#test", i), "Big " + i, "com.acme.Hot" + i + ".spin");
            String shapeDiff = "+ SELECT item ×" + i + "\n".repeat(1) + "  child line of a very deep shape diff\n".repeat(200);
            results.add(new ReportedResult(base.id(), base.displayName(), base.verdict(), base.headline(), base.metrics(),
                    base.frames(), base.hottestPath(), base.findings(), base.shapeChange(), shapeDiff, base.environment(),
                    base.confidence(), base.artifacts(), base.resultPath()));
        }
        for (int i = 0; i < passes; i++) {
            results.add(withVerdict(String.format("com.acme.Ok%04d#test", i), Verdict.PASS));
        }
        return RunResults.of(results, List.of());
    }
}
