package dev.flamegate.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor = Redactor.defaults();

    @Test
    void redactsTokensPasswordsAndEmails() {
        String planted = "login(user=bob, password=hunter2) token: ghp_abcdefghijklmnopqrstuvwxyz0123456789 mail alice@example.com"
                + " Authorization: Bearer abc.def-ghi_jklmnop AKIAABCDEFGHIJKLMNOP jdbc:postgresql://app:s3cr3t@db:5432/x";
        String redacted = redactor.redact(planted);
        assertThat(redacted).doesNotContain("hunter2", "ghp_abcdef", "alice@example.com", "abc.def-ghi_jklmnop",
                "AKIAABCDEFGHIJKLMNOP", "s3cr3t");
        assertThat(redacted).contains("password=[REDACTED]", "login(user=bob", "mail [REDACTED]");
    }

    @Test
    void leavesOrdinaryFrameNamesAlone() {
        String frames = "com.acme.TokenBucket.take;auth::Login::check;java.util.HashMap.get;Foo.<init>;secretSauce()";
        assertThat(redactor.redact(frames)).isEqualTo(frames);
    }

    @Test
    void isIdempotentAndConfigurable() {
        String once = redactor.redact("password=x1");
        assertThat(redactor.redact(once)).isEqualTo(once);
        Redactor custom = redactor.with(Pattern.compile("ACME-\\d{6}"), Pattern.compile("customer=(?<secret>\\w+)"));
        assertThat(custom.redact("id ACME-123456 customer=bob")).isEqualTo("id [REDACTED] customer=[REDACTED]");
        assertThat(Redactor.none().redact("password=x1")).isEqualTo("password=x1");
    }

    @Test
    void redactsPrivateKeys() {
        String key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
        assertThat(redactor.redact("k " + key + " end")).isEqualTo("k [REDACTED] end");
    }
}
