package dev.flamegate.report;

import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.ComparisonJson;
import dev.flamegate.compare.Finding;
import dev.flamegate.compare.FrameChange;
import dev.flamegate.compare.MetricChange;
import dev.flamegate.compare.Verdict;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Metric;
import dev.flamegate.profile.Event;
import java.nio.file.Path;
import java.util.Map;

/** Real {@code result.json} files written with {@link ComparisonJson}, as the front ends write them. */
final class ResultJsonFixtures {

    static final Environment ENVIRONMENT = new Environment("Eclipse Adoptium", "17.0.13+11", "Linux", "amd64", 2,
            "async-profiler/cpu", "0.1.0");

    private ResultJsonFixtures() {
    }

    /** A CPU regression with an N+1 query in the trace shape. */
    static Comparison regression(String id, String displayName) {
        return Comparison.builder(id, displayName, ENVIRONMENT)
                .verdict(Verdict.REGRESSION)
                .metric(metric(Metric.CPU_TIME, MetricChange.Status.REGRESSED, 1_184_000, 1_461_000, 0.234, 0.151, 0.322, 0.0004))
                .metric(metric(Metric.ALLOCATED_BYTES, MetricChange.Status.REGRESSED, 48_200, 302_600, 5.278, 4.9, 5.7, 0.0001))
                .metric(metric(Metric.WALL_TIME, MetricChange.Status.UNCERTAIN, 1_310_000, 1_600_000, 0.221, -0.05, 0.49, 0.08))
                .frame(new FrameChange(Event.CPU, "java.lang.Thread.run;com.acme.shop.PricingService.quote;"
                        + "com.acme.shop.TaxTable.lookup;java.util.regex.Pattern.compile", FrameChange.Basis.SELF,
                        0.021, 0.262, 0.02, 0.259, 0.00002, 0.0004))
                .frame(new FrameChange(Event.CPU, "java.lang.Thread.run;com.acme.shop.PricingService.quote;"
                        + "com.acme.shop.OrderRepository.findItems", FrameChange.Basis.TOTAL, 0.11, 0.19, 0.01, 0.012, 0.001, 0.01))
                .frame(new FrameChange(Event.ALLOC, "java.lang.Thread.run;com.acme.shop.PricingService.quote;"
                        + "com.acme.shop.TaxTable.lookup;java.util.regex.Pattern.<init>", FrameChange.Basis.SELF,
                        0.003, 0.71, 0.003, 0.71, 0.00001, 0.0002))
                .finding(new Finding(Finding.Kind.NEW_HOT_FRAME, "cpu", "java.util.regex.Pattern.compile", 0.02, 0.259,
                        "java.util.regex.Pattern.compile is new and hot: self 2.0% → 25.9% of cpu"))
                .finding(new Finding(Finding.Kind.GC_PRESSURE, "alloc.bytes", "allocation per invocation", 48_200, 302_600,
                        "allocation per invocation grew 6.3× (47 KiB → 296 KiB); GC threads 1.2% → 4.8% of cpu"))
                .shapeDiff("  GET /quote [SERVER]\n    SELECT shop.tax_rates\n-   SELECT shop.items ×1\n+   SELECT shop.items ×12  "
                        + "(repeated call: N+1)\n", true)
                .baselineEnvironment(ENVIRONMENT)
                .artifacts(Map.of("cpu.diff", "cpu.diff.html", "alloc.diff", "alloc.diff.html", "cpu.flame", "cpu.html",
                        "cpu.collapsed", "cpu.collapsed", "shape.diff", "shape.diff.txt", "cpu.diff.text", "cpu.diff.txt"))
                .build();
    }

    static Comparison withVerdict(String id, String displayName, Verdict verdict) {
        MetricChange.Status status = switch (verdict) {
            case IMPROVEMENT -> MetricChange.Status.IMPROVED;
            case INCONCLUSIVE -> MetricChange.Status.UNCERTAIN;
            case NO_BASELINE -> MetricChange.Status.NOT_COMPARED;
            default -> MetricChange.Status.UNCHANGED;
        };
        double change = verdict == Verdict.IMPROVEMENT ? -0.18 : 0.012;
        Comparison.Builder builder = Comparison.builder(id, displayName, ENVIRONMENT).verdict(verdict)
                .metric(metric(Metric.CPU_TIME, status, 820_000, 820_000 * (1 + change), change, change - 0.04, change + 0.04,
                        verdict == Verdict.IMPROVEMENT ? 0.001 : 0.61))
                .metric(metric(Metric.ALLOCATED_BYTES, MetricChange.Status.UNCHANGED, 12_288, 12_288, 0, -0.001, 0.001, 0.97))
                .artifacts(Map.of("cpu.diff", "cpu.diff.html"));
        if (verdict != Verdict.NO_BASELINE) {
            builder.baselineEnvironment(ENVIRONMENT);
        }
        return builder.build();
    }

    /** A JMH benchmark result with a primary score. */
    static Comparison benchmark(String id, Verdict verdict) {
        return Comparison.builder(id, id, ENVIRONMENT).verdict(verdict)
                .metric(metric(Metric.score("ops/ms", Metric.Better.HIGHER), verdict == Verdict.PASS
                        ? MetricChange.Status.UNCHANGED : MetricChange.Status.IMPROVED, 412.5, 498.1, 0.2075, 0.15, 0.26, 0.002))
                .baselineEnvironment(ENVIRONMENT)
                .artifacts(Map.of("cpu.diff", "cpu.diff.html"))
                .build();
    }

    static MetricChange metric(Metric metric, MetricChange.Status status, double before, double after, double change,
            double low, double high, double p) {
        return new MetricChange(metric, status, true, 5, 5, before, after, change, low, high, 0.975, p, p * 2, 0.06, 0.05);
    }

    /**
     * Writes {@code cpu.diff.txt} beside a {@link #regression} result, as the front ends do: the text tree of a
     * flame diff in which {@code TaxTable.lookup} started compiling a regex on every call.
     */
    static void writeFlameDiffText(Path directory) {
        String quote = "java.lang.Thread.run;com.acme.shop.PricingTest.quotesAnOrder;com.acme.shop.PricingService.quote;";
        String[][] stacks = {
            {quote + "com.acme.shop.TaxTable.lookup;java.util.HashMap.get", "21", "21"},
            {quote + "com.acme.shop.TaxTable.lookup;java.util.regex.Pattern.compile", "0", "259"},
            {quote + "com.acme.shop.TaxTable.lookup;java.util.regex.Pattern.matcher", "0", "24"},
            {quote + "com.acme.shop.OrderRepository.findItems;org.h2.command.query.Select.queryFlat", "110", "190"},
            {quote + "com.acme.shop.Money.round", "40", "40"},
            {"C2 CompilerThread0;C2Compiler::compile_method", "30", "30"}};
        dev.flamegate.profile.Profile.Builder before = dev.flamegate.profile.Profile.builder(Event.CPU);
        dev.flamegate.profile.Profile.Builder after = dev.flamegate.profile.Profile.builder(Event.CPU);
        for (String[] stack : stacks) {
            if (Long.parseLong(stack[1]) > 0) {
                before.add(stack[0], Long.parseLong(stack[1]));
            }
            after.add(stack[0], Long.parseLong(stack[2]));
        }
        try {
            java.nio.file.Files.createDirectories(directory);
            java.nio.file.Files.writeString(directory.resolve("cpu.diff.txt"),
                    dev.flamegate.flame.FlameDiffText.defaults().render(before.build(), after.build()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes {@code comparison} to {@code directory/result.json}. */
    static Path write(Comparison comparison, Path directory) {
        Path file = directory.resolve(ComparisonJson.FILE_NAME);
        ComparisonJson.write(comparison, file);
        return file;
    }
}
