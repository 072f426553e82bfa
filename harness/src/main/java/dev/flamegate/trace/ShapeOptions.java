package dev.flamegate.trace;

import static dev.flamegate.trace.KeyAttribute.ValueRule.IDENTIFIERS;
import static dev.flamegate.trace.KeyAttribute.ValueRule.STATEMENT;
import static dev.flamegate.trace.KeyAttribute.ValueRule.STATUS_CLASS;
import static dev.flamegate.trace.KeyAttribute.ValueRule.VERBATIM;
import dev.flamegate.redact.Redactor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How spans become a {@link TraceShape}: which attributes identify a node, how secrets are redacted,
 * and whether the order of children matters.
 *
 * <p>The {@link #defaults() default} key attributes follow the OpenTelemetry semantic conventions,
 * labelled by the stable names and also read from the older ones:
 * <table>
 *   <caption>Default key attributes</caption>
 *   <tr><th>label</th><th>also read from</th><th>rule</th></tr>
 *   <tr><td>db.system.name</td><td>db.system</td><td>verbatim</td></tr>
 *   <tr><td>db.operation.name</td><td>db.operation</td><td>verbatim</td></tr>
 *   <tr><td>db.collection.name</td><td>db.sql.table</td><td>identifiers</td></tr>
 *   <tr><td>db.query.summary</td><td></td><td>identifiers</td></tr>
 *   <tr><td>db.query.text</td><td>db.statement</td><td>statement (literals, numbers, IN lists → ?)</td></tr>
 *   <tr><td>http.request.method</td><td>http.method</td><td>verbatim</td></tr>
 *   <tr><td>http.route</td><td></td><td>identifiers</td></tr>
 *   <tr><td>http.response.status_code</td><td>http.status_code</td><td>class ({@code 2xx})</td></tr>
 *   <tr><td>messaging.system</td><td></td><td>verbatim</td></tr>
 *   <tr><td>messaging.operation.type</td><td>messaging.operation</td><td>verbatim</td></tr>
 *   <tr><td>messaging.destination.name</td><td></td><td>identifiers</td></tr>
 *   <tr><td>rpc.system</td><td></td><td>verbatim</td></tr>
 *   <tr><td>rpc.service</td><td></td><td>verbatim</td></tr>
 *   <tr><td>rpc.method</td><td></td><td>verbatim</td></tr>
 * </table>
 * Span names are always normalised with {@link Normalizer#identifiers(String)}. Every name and value
 * passes the {@link Redactor} first.
 *
 * @param keyAttributes the attributes that identify a node, in no particular order (labels unique)
 * @param redactor applied to span names and attribute values before normalisation
 * @param orderMatters {@code false}: children sorted by key, so that concurrency does not change the
 *     shape; {@code true}: children in order of first occurrence (start time), for order diffs
 * @param maxDepth the deepest level kept (roots are level 1); the spans below a node at this level are
 *     counted into one child named {@value #DEEPER_SPANS}, so that deep recursion neither overflows the
 *     stack nor makes baselines huge
 */
public record ShapeOptions(List<KeyAttribute> keyAttributes, Redactor redactor, boolean orderMatters, int maxDepth) {

    /** The default {@link #maxDepth()}. */
    public static final int DEFAULT_MAX_DEPTH = 200;

    /** Name of the node that stands for the spans below {@link #maxDepth()}. */
    public static final String DEEPER_SPANS = "(deeper spans)";

    private static final List<KeyAttribute> DEFAULT_KEYS = List.of(
            KeyAttribute.of("db.system.name", VERBATIM, "db.system"),
            KeyAttribute.of("db.operation.name", VERBATIM, "db.operation"),
            KeyAttribute.of("db.collection.name", IDENTIFIERS, "db.sql.table"),
            KeyAttribute.of("db.query.summary", IDENTIFIERS),
            KeyAttribute.of("db.query.text", STATEMENT, "db.statement"),
            KeyAttribute.of("http.request.method", VERBATIM, "http.method"),
            KeyAttribute.of("http.route", IDENTIFIERS),
            KeyAttribute.of("http.response.status_code", STATUS_CLASS, "http.status_code"),
            KeyAttribute.of("messaging.system", VERBATIM),
            KeyAttribute.of("messaging.operation.type", VERBATIM, "messaging.operation"),
            KeyAttribute.of("messaging.destination.name", IDENTIFIERS),
            KeyAttribute.of("rpc.system", VERBATIM),
            KeyAttribute.of("rpc.service", VERBATIM),
            KeyAttribute.of("rpc.method", VERBATIM));

    private static final ShapeOptions DEFAULTS = new ShapeOptions(DEFAULT_KEYS, Redactor.defaults(), false);

    /** Options with the {@link #DEFAULT_MAX_DEPTH default depth}. */
    public ShapeOptions(List<KeyAttribute> keyAttributes, Redactor redactor, boolean orderMatters) {
        this(keyAttributes, redactor, orderMatters, DEFAULT_MAX_DEPTH);
    }

    public ShapeOptions {
        if (maxDepth < 1 || maxDepth > 400) {
            // 400 levels keep the JSON within Jackson's default nesting limit of 1000
            throw new IllegalArgumentException("maxDepth must be between 1 and 400, was " + maxDepth);
        }
        keyAttributes = List.copyOf(keyAttributes);
        Objects.requireNonNull(redactor, "redactor");
        Set<String> labels = new HashSet<>();
        for (KeyAttribute key : keyAttributes) {
            if (!labels.add(key.label())) {
                throw new IllegalArgumentException("key attribute " + key.label() + " is listed twice");
            }
        }
    }

    /** The semantic-convention keys above, the default redactor, children sorted by key. */
    public static ShapeOptions defaults() {
        return DEFAULTS;
    }

    /** The default key attributes. */
    public static List<KeyAttribute> defaultKeyAttributes() {
        return DEFAULT_KEYS;
    }

    /** These options with other key attributes. */
    public ShapeOptions withKeyAttributes(List<KeyAttribute> keys) {
        return new ShapeOptions(keys, redactor, orderMatters, maxDepth);
    }

    /** These options with {@code extra} key attributes added to the current ones. */
    public ShapeOptions plusKeyAttributes(KeyAttribute... extra) {
        List<KeyAttribute> keys = new ArrayList<>(keyAttributes);
        keys.addAll(List.of(extra));
        return new ShapeOptions(keys, redactor, orderMatters, maxDepth);
    }

    /** These options with another redactor. */
    public ShapeOptions withRedactor(Redactor other) {
        return new ShapeOptions(keyAttributes, other, orderMatters, maxDepth);
    }

    /** These options keeping ({@code true}) or sorting away ({@code false}) the order of children. */
    public ShapeOptions withOrderMatters(boolean keepOrder) {
        return new ShapeOptions(keyAttributes, redactor, keepOrder, maxDepth);
    }

    /** These options with another {@link #maxDepth()}. */
    public ShapeOptions withMaxDepth(int depth) {
        return new ShapeOptions(keyAttributes, redactor, orderMatters, depth);
    }
}
