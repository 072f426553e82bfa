package dev.flamegate.report;

import dev.flamegate.compare.Verdict;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.flamegate.redact.Redactor;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable run summary ({@code summary.json}): schema version, status line, counts per
 * verdict, each result's id, display name, verdict, headline and link to its {@code result.json}, and
 * the unreadable result files. Pretty-printed and deterministic.
 */
final class SummaryJson {

    /** Version of the {@code summary.json} layout; bumped on incompatible changes. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** The document as written. */
    public record Summary(int schemaVersion, String status, int checked, Map<Verdict, Integer> counts,
            List<Entry> results, List<ReportError> errors) {
    }

    /** One result in the summary; {@code link} is the path of its {@code result.json} relative to the summary. */
    public record Entry(String id, String displayName, Verdict verdict, String headline, String link) {
    }

    private final Redactor redactor;

    private SummaryJson(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Redacts display names and headlines with {@code redactor} (the summary is uploaded). */
    public static SummaryJson of(Redactor redactor) {
        return new SummaryJson(redactor);
    }

    /** The summary of {@code run}. */
    public Summary summarise(RunResults run) {
        List<Entry> entries = run.results().stream()
                .map(r -> new Entry(redactor.redact(r.id()), redactor.redact(r.displayName()), r.verdict(),
                        redactor.redact(r.headline()), r.resultPath()))
                .toList();
        List<ReportError> errors = run.errors().stream()
                .map(e -> new ReportError(e.path(), redactor.redact(e.message())))
                .toList();
        // Counts keep rank order (not alphabetical) so a person reads the urgent ones first.
        return new Summary(SCHEMA_VERSION, run.statusLine(), run.results().size(), run.countsByVerdict(), entries, errors);
    }

    /** {@code summary.json}'s text, ending in a newline. */
    public String render(RunResults run) {
        try {
            return MAPPER.writeValueAsString(summarise(run)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the run summary", e);
        }
    }
}
