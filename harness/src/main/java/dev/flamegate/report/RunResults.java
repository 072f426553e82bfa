package dev.flamegate.report;

import dev.flamegate.compare.Verdict;
import dev.flamegate.io.SafeText;
import dev.flamegate.redact.Redactor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Everything one run produced, as the report shows it: the results in {@linkplain VerdictOrder report
 * order} and the result files that could not be read.
 */
public final class RunResults {

    private final List<ReportedResult> results;
    private final List<ReportError> errors;

    private RunResults(List<ReportedResult> results, List<ReportError> errors) {
        List<ReportedResult> sorted = new ArrayList<>(results);
        sorted.sort(VerdictOrder.RESULTS);
        List<ReportError> sortedErrors = new ArrayList<>(errors);
        Collections.sort(sortedErrors);
        this.results = List.copyOf(sorted);
        this.errors = List.copyOf(sortedErrors);
    }

    /** The results (any order; they are sorted) and errors of one run. */
    public static RunResults of(List<ReportedResult> results, List<ReportError> errors) {
        return new RunResults(results, errors);
    }

    /**
     * These results and errors with {@link ReportedResult#redacted redacted} text and bidirectional controls shown as
     * escapes, for writing once redacted.
     */
    public RunResults redacted(Redactor redactor) {
        // Frame names, environments and findings repeat across a run's results: redact each distinct string once.
        Map<String, String> memo = new HashMap<>();
        // Bidirectional controls are made visible here too: every output of the report (JSON, HTML, Markdown) reads these strings.
        UnaryOperator<String> redact = text -> text == null ? null
                : memo.computeIfAbsent(text, t -> SafeText.visibleBidi(redactor.redact(t)));
        return new RunResults(results.stream().map(r -> r.redacted(redact)).toList(),
                errors.stream().map(e -> new ReportError(redact.apply(e.path()), redact.apply(e.message()))).toList());
    }

    /** Results, regressions first (see {@link VerdictOrder#RESULTS}). */
    public List<ReportedResult> results() {
        return results;
    }

    /** Unreadable result files, sorted by path. */
    public List<ReportError> errors() {
        return errors;
    }

    /** How many results have {@code verdict}. */
    public int count(Verdict verdict) {
        return (int) results.stream().filter(r -> r.verdict() == verdict).count();
    }

    /** Verdict → number of results, in {@linkplain VerdictOrder#RANKED rank} order, every verdict present. */
    public Map<Verdict, Integer> countsByVerdict() {
        Map<Verdict, Integer> counts = new LinkedHashMap<>();
        VerdictOrder.RANKED.forEach(v -> counts.put(v, 0));
        results.forEach(r -> counts.merge(r.verdict(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    /**
     * The one-line status, e.g. {@code 2 regressions, 1 improvement, 3 inconclusive (1 without baseline) — 40
     * checked}; tests that threw are counted as errors (and "0 regressions" is then not said); results without a baseline or with a mismatched environment count as inconclusive and are
     * named in brackets, unreadable result files are counted.
     */
    public String statusLine() {
        int regressions = count(Verdict.REGRESSION);
        int improvements = count(Verdict.IMPROVEMENT);
        int failed = count(Verdict.ERROR);
        int inconclusive = results.size() - regressions - failed - improvements - count(Verdict.PASS);
        StringBuilder line = new StringBuilder();
        // "0 regressions" would read as all clear: a test that threw was not compared at all.
        if (regressions > 0 || failed == 0) {
            line.append(plural(regressions, "regression", "regressions")).append(", ");
        }
        if (failed > 0) {
            line.append(plural(failed, "error (threw before it could be compared)", "errors (threw before they could be compared)"))
                    .append(", ");
        }
        line.append(plural(improvements, "improvement", "improvements")).append(", ")
                .append(inconclusive).append(" inconclusive").append(undecided())
                .append(" — ")
                .append(results.size()).append(" checked");
        if (!errors.isEmpty()) {
            line.append(", ").append(plural(errors.size(), "result file", "result files")).append(" unreadable");
        }
        return line.toString();
    }

    /** Which of the inconclusive results had no baseline or a mismatched environment, e.g. {@code  (2 without baseline)}. */
    private String undecided() {
        List<String> parts = new ArrayList<>();
        int noBaseline = count(Verdict.NO_BASELINE);
        int mismatch = count(Verdict.ENVIRONMENT_MISMATCH);
        if (noBaseline > 0) {
            parts.add(noBaseline + " without baseline");
        }
        if (mismatch > 0) {
            parts.add(mismatch + " environment " + (mismatch == 1 ? "mismatch" : "mismatches"));
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
