package dev.flamegate.redact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The one redactor for everything flamegate writes or prints: trace shapes (which end up in committed baselines),
 * frame names, test and display names, {@code result.json}, artifact pages, the run report and the PR comment.
 * All of these are public for public repositories.
 *
 * <p>A redactor is an ordered list of rules, each a regular expression and a replacement in
 * {@link Matcher#replaceAll(String)} syntax ({@code $1} refers to a group). {@link #defaults()} covers:
 * <ul>
 *   <li>{@code Bearer …}, {@code Basic …} and {@code Token …} credentials;</li>
 *   <li>{@code password=…}, {@code secret: …}, {@code api_key=…}, {@code token=…}, {@code passphrase=…},
 *       {@code credentials=…} and similar key/value pairs, also as the last word of a longer key
 *       ({@code DB_PASSWORD=…}, {@code MY_SECRET=…}, {@code api.key=…}); the key stays, the value goes,
 *       a {@code ?} or {@code $1} placeholder stays;</li>
 *   <li>vendor access tokens (GitHub, GitLab, Slack, AWS, Google, Stripe), JSON web tokens ({@code eyJ….….…}),
 *       passwords in URLs ({@code scheme://user:password@host}) and PEM private keys;</li>
 *   <li>e-mail addresses;</li>
 *   <li>hex strings of 32 or more digits and base64/base64url runs of 32 or more characters that mix
 *       upper case, lower case and at least three digits (keys, hashes, session ids). Runs containing
 *       {@code /} are split there, so that URL paths stay readable; add a rule if your secrets use
 *       standard base64 with {@code /}.</li>
 * </ul>
 * Instances are immutable and thread-safe.
 */
public final class Redactor {

    /** What a redacted secret is replaced with. */
    public static final String REDACTED = "[REDACTED]";

    /** What a redacted e-mail address is replaced with. */
    public static final String EMAIL = "[EMAIL]";

    private static final String KEYS = "password|passwd|pwd|passphrase|pass|secret|client[_.-]?secret|credentials?"
            + "|token|access[_.-]?token|refresh[_.-]?token|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|auth"
            + "|authorization|session[_.-]?id";

    /** Not after a letter or digit: {@code DB_PASSWORD} and {@code api.key} are keys, {@code mypassword} is not. */
    private static final String START = "(?<![A-Za-z0-9])";

    private static final Redactor DEFAULTS = builder()
            .add("(?i)" + START + "(" + KEYS + ")(\\s*(?:=|:(?!:))\\s*)(?:(?:bearer|basic|token)\\s+)?(\"[^\"]*\"|'[^']*'|(?![?$]\\d*(?:[\\s,)]|$))[^\\s&;,'\"]+)",
                    "$1$2" + REDACTED, Hint.containsAny("pass", "pwd", "secret", "credential", "token", "key", "auth", "session"))
            .add("(?i)\\b(bearer|basic|token)\\s+[A-Za-z0-9._~+/=-]{8,}", "$1 " + REDACTED,
                    Hint.containsAny("bearer", "basic", "token"))
            .add(START + "(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}"
                    + "|xox[abposr]-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}"
                    + "|[sr]k_(?:live|test)_[0-9A-Za-z]{16,})",
                    REDACTED, Hint.containsAny("gh", "glpat-", "xox", "akia", "asia", "aiza", "k_live_", "k_test_"))
            .add("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*", REDACTED, Hint.containsAny("eyj"))
            .add("(?i)\\b([a-z][a-z0-9+.-]*://[^/\\s:@]+:)[^/\\s@]+@", "$1" + REDACTED + "@", Hint.containsAny("://"))
            .add("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", REDACTED,
                    Hint.containsAny("private key"))
            .add("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}", EMAIL, Hint.containsAny("@"))
            .add("(?<![A-Za-z0-9])[0-9a-fA-F]{32,}(?![A-Za-z0-9])", REDACTED, Hint.run(32, Redactor::isHex))
            .add("(?<![A-Za-z0-9+_-])(?=[A-Za-z0-9+_-]*[a-z])(?=[A-Za-z0-9+_-]*[A-Z])"
                    + "(?=(?:[A-Za-z+_-]*[0-9]){3})[A-Za-z0-9+_-]{32,}={0,2}", REDACTED, Hint.run(32, Redactor::isBase64))
            .build();

    private static final Redactor NONE = new Redactor(List.of());

    private final List<Rule> rules;

    private Redactor(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The default rules described above. */
    public static Redactor defaults() {
        return DEFAULTS;
    }

    /** A redactor that changes nothing; for tests of data known to be harmless. */
    public static Redactor none() {
        return NONE;
    }

    /** An empty builder; start from {@link #toBuilder()} of {@link #defaults()} to extend the defaults. */
    public static Builder builder() {
        return new Builder(List.of());
    }

    /** A builder holding this redactor's rules, to add more. */
    public Builder toBuilder() {
        return new Builder(rules);
    }

    /** {@code text} with every rule applied in order; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        String lower = text.toLowerCase(Locale.ROOT);
        for (Rule rule : rules) {
            if (rule.hint.mayMatch(result, lower)) {
                String replaced = rule.pattern.matcher(result).replaceAll(rule.replacement);
                if (!replaced.equals(result)) {
                    result = replaced;
                    lower = result.toLowerCase(Locale.ROOT);
                }
            }
        }
        return result;
    }

    /**
     * A copy of the JSON {@code tree} with every string value and field name redacted; numbers, booleans and
     * nulls stay. For files that carry names and messages from users' code, such as {@code result.json}.
     */
    public JsonNode redact(JsonNode tree) {
        if (rules.isEmpty()) {
            return tree;
        }
        if (tree.isTextual()) {
            return TextNode.valueOf(redact(tree.textValue()));
        }
        if (tree.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(tree.size());
            tree.forEach(element -> copy.add(redact(element)));
            return copy;
        }
        if (tree.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            tree.fields().forEachRemaining(field -> copy.set(redact(field.getKey()), redact(field.getValue())));
            return copy;
        }
        return tree;
    }

    /** How many rules this redactor applies. */
    public int ruleCount() {
        return rules.size();
    }

    @Override
    public String toString() {
        return "Redactor" + rules.stream().map(r -> r.pattern.pattern()).toList();
    }

    private record Rule(Pattern pattern, String replacement, Hint hint) {
    }

    /** A cheap test that must be true wherever the rule's pattern matches; skips most regex work. */
    @FunctionalInterface
    private interface Hint {
        Hint ALWAYS = (text, lower) -> true;

        boolean mayMatch(String text, String lower);

        /** Some needle (lower case) occurs in the lower-cased text. */
        static Hint containsAny(String... needles) {
            return (text, lower) -> {
                for (String needle : needles) {
                    if (lower.contains(needle)) {
                        return true;
                    }
                }
                return false;
            };
        }

        /** The text has a run of at least {@code length} characters of a class. */
        static Hint run(int length, IntPredicate inClass) {
            return (text, lower) -> {
                int run = 0;
                for (int i = 0; i < text.length(); i++) {
                    run = inClass.test(text.charAt(i)) ? run + 1 : 0;
                    if (run >= length) {
                        return true;
                    }
                }
                return false;
            };
        }
    }

    private static boolean isHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean isBase64(int c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '_' || c == '-');
    }

    /** Collects rules; not thread-safe. */
    public static final class Builder {
        private final List<Rule> rules;

        private Builder(List<Rule> rules) {
            this.rules = new ArrayList<>(rules);
        }

        /**
         * Adds a rule applied after the ones already added.
         *
         * @param regex a {@link Pattern} expression
         * @param replacement the replacement, {@code $n} refers to group n
         * @throws IllegalArgumentException when the expression does not compile
         */
        public Builder add(String regex, String replacement) {
            return add(regex, replacement, Hint.ALWAYS);
        }

        private Builder add(String regex, String replacement, Hint hint) {
            Objects.requireNonNull(replacement, "replacement");
            try {
                rules.add(new Rule(Pattern.compile(regex), replacement, hint));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("redaction pattern does not compile: " + e.getMessage(), e);
            }
            return this;
        }

        public Redactor build() {
            return new Redactor(rules);
        }
    }
}
