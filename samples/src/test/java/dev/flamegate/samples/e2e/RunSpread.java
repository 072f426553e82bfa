package dev.flamegate.samples.e2e;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineStore;
import dev.flamegate.stats.RobustStatistics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * How far fresh-JVM runs of the samples stray from the committed baselines: for each test and time metric,
 * each run's (trimmed, geometric) mean relative to the mean of the committed baseline's runs, and the
 * committed runs' own spread. Input: the committed baselines directory and a directory of runs, each
 * a directory of one-run baselines ({@code samples/run-spread.sh} makes them).
 */
public final class RunSpread {

    private static final List<String> METRICS = List.of("cpu.time", "wall.time", "alloc.bytes");

    private RunSpread() {
    }

    public static void main(String[] args) throws IOException {
        Path committed = Path.of(args[0]);
        Path runs = Path.of(args[1]);
        List<Path> runDirs;
        try (Stream<Path> s = Files.list(runs)) {
            runDirs = s.filter(Files::isDirectory).sorted().toList();
        }
        Map<String, Baseline> baselines = new TreeMap<>();
        try (Stream<Path> s = Files.list(committed)) {
            s.filter(d -> Files.isRegularFile(d.resolve("baseline.json"))).map(BaselineStore::loadDirectory)
                    .forEach(b -> baselines.put(b.id(), b));
        }
        for (Baseline base : baselines.values()) {
            for (String metric : METRICS) {
                if (base.metric(metric).isEmpty()) {
                    continue;
                }
                double[] own = runMeans(base, metric);
                double centre = mean(own);
                List<String> strays = new ArrayList<>();
                for (Path dir : runDirs) {
                    BaselineStore.at(dir).load(base.id()).flatMap(b -> b.metric(metric).map(v -> mean(runMeans(b, metric))))
                            .ifPresent(m -> strays.add(String.format(Locale.ROOT, "%+.0f", 100 * Math.expm1(m - centre))));
                }
                if (strays.isEmpty()) {
                    continue;
                }
                System.out.printf(Locale.ROOT, "%-48s %-11s committed %d runs, sd %.3f (log); fresh runs vs committed, %%: %s%n",
                        base.displayName(), metric, own.length, sd(own), String.join(" ", strays));
            }
        }
    }

    /** The trimmed mean of the logs of each run's rounds. */
    private static double[] runMeans(Baseline b, String metric) {
        double[][] byRun = b.byRun(b.metric(metric).orElseThrow());
        double[] means = new double[byRun.length];
        for (int i = 0; i < byRun.length; i++) {
            means[i] = RobustStatistics.trimmedMean(RobustStatistics.logs(byRun[i]));
        }
        return means;
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    private static double sd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        return Math.sqrt(ss / (v.length - 1));
    }
}
