package dev.flamegate.trace;

import dev.flamegate.redact.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One attribute that belongs to a node's identity in a {@link TraceShape}.
 *
 * <p>The value is read from the first of {@code sources} a span has, so the current and the older
 * OpenTelemetry semantic-convention names map to one {@code label}: a baseline recorded with
 * {@code db.statement} still matches spans that carry {@code db.query.text}.
 *
 * @param label the name the attribute has in shapes, renderings and baselines
 * @param sources span attribute keys to read, first present wins
 * @param rule how the raw value is made independent of data
 */
public record KeyAttribute(String label, List<String> sources, ValueRule rule) {

    /** How a key attribute's value is normalised; values are {@link Redactor redacted} too. */
    public enum ValueRule {
        /** As it is, e.g. {@code db.system.name=postgresql}. */
        VERBATIM,
        /** Ids and numbers replaced, see {@link Normalizer#identifiers(String)}. */
        IDENTIFIERS,
        /** A database statement with literals replaced, see {@link Normalizer#statement(String)}. */
        STATEMENT,
        /** An HTTP status code reduced to its class, {@code 404 → 4xx}. */
        STATUS_CLASS
    }

    public KeyAttribute {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(rule, "rule");
        sources = List.copyOf(sources);
        if (label.isBlank()) {
            throw new IllegalArgumentException("key attribute label must not be blank");
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("key attribute " + label + " needs at least one source attribute");
        }
    }

    /** An attribute read from {@code key} alone and labelled with it. */
    public static KeyAttribute of(String key, ValueRule rule) {
        return new KeyAttribute(key, List.of(key), rule);
    }

    /** An attribute labelled {@code label}, read from {@code label} or else from the older {@code aliases}. */
    public static KeyAttribute of(String label, ValueRule rule, String... aliases) {
        List<String> sources = new ArrayList<>();
        sources.add(label);
        sources.addAll(List.of(aliases));
        return new KeyAttribute(label, sources, rule);
    }

    /**
     * {@code raw} redacted and normalised by this attribute's rule. Statements are normalised first,
     * because replacing every literal by {@code ?} is the surest redaction of what they hold.
     */
    String value(String raw, Redactor redactor) {
        return rule == ValueRule.STATEMENT ? redactor.redact(normalise(raw)) : normalise(redactor.redact(raw));
    }

    private String normalise(String raw) {
        return switch (rule) {
            case VERBATIM -> raw;
            case IDENTIFIERS -> Normalizer.identifiers(raw);
            case STATEMENT -> Normalizer.statement(raw);
            case STATUS_CLASS -> statusClass(raw);
        };
    }

    private static String statusClass(String raw) {
        String trimmed = raw.strip();
        if (trimmed.length() == 3 && trimmed.chars().allMatch(Character::isDigit)) {
            return trimmed.charAt(0) + "xx";
        }
        return trimmed;
    }
}
