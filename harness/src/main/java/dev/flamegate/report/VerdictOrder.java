package dev.flamegate.report;

import static dev.flamegate.compare.Verdict.ENVIRONMENT_MISMATCH;
import static dev.flamegate.compare.Verdict.ERROR;
import static dev.flamegate.compare.Verdict.IMPROVEMENT;
import static dev.flamegate.compare.Verdict.INCONCLUSIVE;
import static dev.flamegate.compare.Verdict.NO_BASELINE;
import static dev.flamegate.compare.Verdict.PASS;
import static dev.flamegate.compare.Verdict.REGRESSION;

import dev.flamegate.compare.Verdict;
import java.util.Comparator;
import java.util.List;

/**
 * How the run report orders verdicts: what needs a person's attention first. Regressions, then tests that
 * threw (errors), then the results flamegate could not judge (inconclusive, no baseline, environment mismatch),
 * then improvements, then passes.
 */
final class VerdictOrder {

    /** Every verdict, most urgent first. */
    public static final List<Verdict> RANKED = List.of(REGRESSION, ERROR, INCONCLUSIVE, NO_BASELINE, ENVIRONMENT_MISMATCH,
            IMPROVEMENT, PASS);

    /** Results ordered by verdict rank, then id, then display name: a total, deterministic order. */
    public static final Comparator<ReportedResult> RESULTS = Comparator
            .comparingInt((ReportedResult r) -> rank(r.verdict()))
            .thenComparing(ReportedResult::id)
            .thenComparing(ReportedResult::displayName)
            .thenComparing(ReportedResult::resultPath);

    private VerdictOrder() {
    }

    /** 0 for the most urgent verdict. */
    public static int rank(Verdict verdict) {
        return RANKED.indexOf(verdict);
    }

    /** A GitHub emoji short code for the verdict, ASCII so the comment's bytes stay predictable. */
    public static String emoji(Verdict verdict) {
        return switch (verdict) {
            case REGRESSION -> ":red_circle:";
            case ERROR -> ":x:";
            case IMPROVEMENT -> ":green_circle:";
            case PASS -> ":white_check_mark:";
            case INCONCLUSIVE, NO_BASELINE, ENVIRONMENT_MISMATCH -> ":yellow_circle:";
        };
    }
}
