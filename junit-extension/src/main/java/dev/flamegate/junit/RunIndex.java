package dev.flamegate.junit;

import dev.flamegate.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;

/** Refreshes the run index ({@code index.html}, {@code summary.json}, {@code pr-comment.md}) of an output directory. */
final class RunIndex {

    private RunIndex() {
    }

    /** Rewrites the index from every {@code result.json} under {@code outputDir}; returns where it is, or why not. */
    static String refresh(Path outputDir) {
        if (!Files.isDirectory(outputDir)) {
            return "no artifacts in " + outputDir;
        }
        try {
            RunReport.Outcome outcome = RunReport.builder().resultsRoot(outputDir).outputDirectory(outputDir).build().write();
            return outcome.index().toString();
        } catch (RuntimeException e) {
            return "run index not written (" + e.getMessage() + ")";
        }
    }
}
