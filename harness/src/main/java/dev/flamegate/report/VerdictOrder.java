package dev.flamegate.report;

import java.util.Comparator;
import java.util.List;

/**
 * How the run report orders verdicts: what needs a person's attention first. Regressions, then tests that
 * threw (errors), then the
 * results flamegate could not judge (inconclusive, no baseline, environment mismatch), then
 * improvements, then passes; unknown verdict names (from a newer flamegate) come last but are shown.
 */
public final class VerdictOrder {

    public static final String REGRESSION = "REGRESSION";
    /** The test or benchmark threw before it could be compared. */
    public static final String ERROR = "ERROR";
    public static final String INCONCLUSIVE = "INCONCLUSIVE";
    public static final String NO_BASELINE = "NO_BASELINE";
    public static final String ENVIRONMENT_MISMATCH = "ENVIRONMENT_MISMATCH";
    public static final String IMPROVEMENT = "IMPROVEMENT";
    public static final String PASS = "PASS";

    /** Known verdicts, most urgent first. */
    public static final List<String> RANKED = List.of(REGRESSION, ERROR, INCONCLUSIVE, NO_BASELINE, ENVIRONMENT_MISMATCH,
            IMPROVEMENT, PASS);

    /** Results ordered by verdict rank, then id, then display name: a total, deterministic order. */
    public static final Comparator<ReportedResult> RESULTS = Comparator
            .comparingInt((ReportedResult r) -> rank(r.verdict()))
            .thenComparing(ReportedResult::verdict)
            .thenComparing(ReportedResult::id)
            .thenComparing(ReportedResult::displayName)
            .thenComparing(ReportedResult::resultPath);

    private VerdictOrder() {
    }

    /** 0 for the most urgent verdict; unknown names rank after all known ones. */
    public static int rank(String verdict) {
        int index = RANKED.indexOf(verdict);
        return index < 0 ? RANKED.size() : index;
    }

    /** A GitHub emoji short code for the verdict, ASCII so the comment's bytes stay predictable. */
    public static String emoji(String verdict) {
        return switch (verdict) {
            case REGRESSION -> ":red_circle:";
            case ERROR -> ":x:";
            case IMPROVEMENT -> ":green_circle:";
            case PASS -> ":white_check_mark:";
            default -> ":yellow_circle:";
        };
    }
}
