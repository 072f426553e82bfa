package dev.flamegate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.trace.Redactor;
import org.junit.jupiter.api.Test;

/** What the report redacts before anything is uploaded or commented. */
class ReportRedactionTest {

    private final Redactor redactor = ReportRedaction.defaults();

    @Test
    void redactsTokensPasswordsAndEmails() {
        String planted = "login(user=bob, password=hunter2) token: ghp_abcdefghijklmnopqrstuvwxyz0123456789 mail alice@example.com"
                + " Authorization: Bearer abc.def-ghi_jklmnop AKIAABCDEFGHIJKLMNOP jdbc:postgresql://app:s3cr3t@db:5432/x"
                + " see ghp_zyxwvutsrqponmlkjihgfedcba9876543210 later";
        String redacted = redactor.redact(planted);
        assertThat(redacted).doesNotContain("hunter2", "ghp_abcdef", "ghp_zyxw", "alice@example.com", "abc.def-ghi_jklmnop",
                "AKIAABCDEFGHIJKLMNOP", "s3cr3t");
        assertThat(redacted).contains("password=[REDACTED]", "login(user=bob", "mail [EMAIL]", "postgresql://app:[REDACTED]@db");
    }

    @Test
    void leavesOrdinaryFrameNamesAlone() {
        String frames = "com.acme.TokenBucket.take;auth::Login::check;token::Parser::next;java.util.HashMap.get;Foo.<init>;secretSauce()";
        assertThat(redactor.redact(frames)).isEqualTo(frames);
    }

    @Test
    void isIdempotent() {
        String once = redactor.redact("password=x1 and ghp_abcdefghijklmnopqrstuvwxyz0123456789");
        assertThat(redactor.redact(once)).isEqualTo(once);
    }

    @Test
    void redactsPrivateKeys() {
        String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
        assertThat(redactor.redact("k " + key + " end")).isEqualTo("k [REDACTED] end");
    }
}
