package dev.flamegate.report;

import dev.flamegate.trace.Redactor;

/**
 * The redaction applied to everything the run report writes (the uploaded index and summary, the PR
 * comment): {@link Redactor#defaults() the trace redactor's defaults} (credentials in key/value form,
 * bearer tokens, JWTs, e-mail addresses, long hex and base64 secrets) plus credentials that turn up in
 * frame names, test names and messages: vendor access tokens (GitHub, GitLab, Slack, AWS, Google,
 * Stripe), passwords in URLs ({@code scheme://user:password@host}) and PEM private keys.
 */
public final class ReportRedaction {

    private static final Redactor DEFAULTS = Redactor.defaults().toBuilder()
            .add("\\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}"
                    + "|xox[abposr]-[A-Za-z0-9-]{10,}|(?:AKIA|ASIA)[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|sk_(?:live|test)_[0-9A-Za-z]{16,})",
                    Redactor.REDACTED)
            .add("(?i)\\b([a-z][a-z0-9+.-]*://[^/\\s:@]+:)[^/\\s@]+@", "$1" + Redactor.REDACTED + "@")
            .add("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)", Redactor.REDACTED)
            .build();

    private ReportRedaction() {
    }

    /** The report's default redactor. */
    public static Redactor defaults() {
        return DEFAULTS;
    }
}
