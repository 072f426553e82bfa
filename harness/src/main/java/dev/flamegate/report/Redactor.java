package dev.flamegate.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secrets in text that leaves the machine (PR comments, uploaded reports) with
 * {@value #REPLACEMENT}: access tokens, passwords in {@code key=value} form or URLs, bearer
 * credentials, private keys and e-mail addresses. Extra patterns can be added; a pattern with a
 * group named {@code secret} redacts only that group and keeps the rest (e.g. the key name).
 *
 * <p>Immutable and thread-safe.
 */
public final class Redactor {

    /** What a redacted secret is replaced with. */
    public static final String REPLACEMENT = "[REDACTED]";

    private static final List<Pattern> DEFAULTS = List.of(
            // Authorization: Bearer/Basic credentials (before key=value, which would stop at the scheme)
            Pattern.compile("(?i)\\b(?:bearer|basic)\\s+(?<secret>[A-Za-z0-9._~+/=-]{8,})"),
            // key=value and key: value forms (password=..., "api_key": "...", token ...)
            Pattern.compile("(?i)(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|auth(?:orization)?|credentials?|private[_-]?key)"
                    + "[\"']?\\s*(?:=|:(?!:))\\s*[\"']?(?<secret>[^\\s\"',;&}]+)"),
            // user:password@host in URLs
            Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^/\\s:@]+:(?<secret>[^/\\s@]+)@"),
            // GitHub, GitLab, Slack, AWS, Google, Stripe-style tokens
            Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}"
                    + "|xox[abposr]-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|sk_(?:live|test)_[0-9A-Za-z]{16,})"),
            // JSON Web Tokens
            Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
            // PEM private keys
            Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)"),
            // e-mail addresses
            Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"));

    private static final Redactor DEFAULT = new Redactor(DEFAULTS);
    private static final Redactor NONE = new Redactor(List.of());

    private final List<Pattern> patterns;

    private Redactor(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The built-in patterns: tokens, passwords, bearer credentials, private keys, e-mail addresses. */
    public static Redactor defaults() {
        return DEFAULT;
    }

    /** Redacts nothing; for users who opt out explicitly. */
    public static Redactor none() {
        return NONE;
    }

    /** This redactor plus {@code extra} patterns (applied after the existing ones). */
    public Redactor with(Pattern... extra) {
        List<Pattern> all = new ArrayList<>(patterns);
        for (Pattern pattern : extra) {
            all.add(Objects.requireNonNull(pattern, "pattern"));
        }
        return new Redactor(all);
    }

    /** {@code text} with every match replaced by {@value #REPLACEMENT}; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Pattern pattern : patterns) {
            result = apply(pattern, result);
        }
        return result;
    }

    private static String apply(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        boolean hasSecretGroup = pattern.pattern().contains("(?<secret>");
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            int start = hasSecretGroup ? matcher.start("secret") : matcher.start();
            int end = hasSecretGroup ? matcher.end("secret") : matcher.end();
            if (start < 0) {
                continue;
            }
            out.append(text, last, start).append(REPLACEMENT);
            last = end;
        } while (matcher.find());
        return out.append(text, last, text.length()).toString();
    }
}
