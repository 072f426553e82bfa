package dev.flamegate.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default rules: vendor tokens, keys as the last word of longer keys, URLs with passwords, private keys. */
class VendorTokenRedactionTest {

    private final Redactor redactor = Redactor.defaults();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            aws AKIAIOSFODNN7EXAMPLE end                              | aws [REDACTED] end
            Frames.ghp_Z9x8Y7w6V5u4T3s2R1q0PpOo                        | Frames.[REDACTED]
            github_pat_11ABCDEFG0123456789_abcdefghij                  | [REDACTED]
            glpat-abcdefghij0123456789xy                               | [REDACTED]
            slack xoxb-1234567890-abcdefghij                           | slack [REDACTED]
            pay sk_live_4eC39HqLyjWDarjtT1zdp7dc                       | pay [REDACTED]
            jwt eyJhbGciOi.eyJzdWIiOiIx.SflKxwRJSMeKKF2QT4fw           | jwt [REDACTED]
            DB_PASSWORD=hunter2                                        | DB_PASSWORD=[REDACTED]
            MY_SECRET=swordfish                                        | MY_SECRET=[REDACTED]
            api.key=abc123                                             | api.key=[REDACTED]
            -Dpayment.api.key=abc123                                   | -Dpayment.api.key=[REDACTED]
            passphrase=open sesame                                     | passphrase=[REDACTED] sesame
            credentials=alice:wonderland                               | credentials=[REDACTED]
            client.secret: s3cr3t                                      | client.secret: [REDACTED]
            mypassword=visible                                         | mypassword=visible
            """)
    void eachDefaultRuleRedactsItsPattern(String planted, String expected) {
        assertThat(redactor.redact(planted)).isEqualTo(expected);
    }

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
