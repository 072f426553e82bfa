package dev.flamegate.junit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Counts the outcomes of all profiled tests of one engine run and, when the run ends (the root store closes
 * it), prints one summary line and refreshes the run index under the output directory.
 */
final class RunSummary implements AutoCloseable, ExtensionContext.Store.CloseableResource {

    private final Path outputDir;
    private final Map<String, Integer> counts = new TreeMap<>();
    private final PrintStream out;
    private int tests;

    private RunSummary(Path outputDir, PrintStream out) {
        this.outputDir = outputDir;
        this.out = out;
    }

    static RunSummary of(ExtensionContext context, ProfilingConfig config) {
        return context.getRoot().getStore(FlamegateExtension.NAMESPACE).getOrComputeIfAbsent(RunSummary.class,
                k -> new RunSummary(config.outputDir(), System.out), RunSummary.class);
    }

    synchronized void add(Verdicts.Outcome outcome, String engine) {
        tests++;
        counts.merge(outcome.label(), 1, Integer::sum);
    }

    @Override
    public synchronized void close() {
        if (tests == 0) {
            return;
        }
        StringBuilder line = new StringBuilder(Verdicts.PREFIX).append(tests).append(tests == 1 ? " profiled test: " : " profiled tests: ");
        counts.forEach((label, n) -> line.append(n).append(' ').append(label).append(", "));
        line.setLength(line.length() - 2);
        String index = RunIndex.refresh(outputDir);
        out.println(line.append(" — ").append(index));
    }
}
