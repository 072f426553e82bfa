package dev.flamegate.trace;

import dev.flamegate.redact.Redactor;
import static dev.flamegate.trace.TestTraces.attrs;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {

    private static final String PLANTED_TOKEN = "ghp_Z9x8Y7w6V5u4T3s2R1q0PpOoNnMmLlKk";
    private static final String PLANTED_PASSWORD = "hunter2-Very-Secret";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            Authorization: Bearer abc.DEF-123_xyz987654               | Authorization: [REDACTED]
            call with bearer AbCdEf0123456789                          | call with bearer [REDACTED]
            jdbc:postgresql://db/test?user=app&password=s3cr3t&ssl=1   | jdbc:postgresql://db/test?user=app&password=[REDACTED]&ssl={n}
            login pwd: 'top secret'                                    | login pwd: [REDACTED]
            api_key=AKIA1234 and client_secret="x y"                   | api_key=[REDACTED] and client_secret=[REDACTED]
            mail alice.smith+test@example.co.uk now                    | mail [EMAIL] now
            sha 0123456789abcdef0123456789abcdef01                     | sha [REDACTED]
            key Zm9vYmFyMTIzNDU2Nzg5MGFiY2RlZmdoaWprbG1ub3A=           | key [REDACTED]
            WHERE password = ? AND pwd= ?                              | WHERE password = ? AND pwd= ?
            jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc   | jwt [REDACTED]
            AbstractHttp2ConnectionHandlerBuilderImpl.build            | AbstractHttp2ConnectionHandlerBuilderImpl.build
            GET /api/v1/Orders/123/items/456/details/789/history      | GET /api/v1/Orders/{n}/items/{n}/details/{n}/history
            """)
    void defaultPatternsThenNormalisation(String raw, String expected) {
        assertThat(Normalizer.identifiers(Redactor.defaults().redact(raw))).isEqualTo(expected);
    }

    @Test
    void plantedSecretsNeverReachTheShapeOrItsJson() {
        try (TestTraces traces = new TestTraces()) {
            traces.span("login bob@example.com token=" + PLANTED_TOKEN, CLIENT, attrs(
                    "db.statement", "SELECT * FROM users WHERE password = '" + PLANTED_PASSWORD + "'",
                    "http.route", "/reset?password=" + PLANTED_PASSWORD,
                    "messaging.destination.name", "inbox-carol@example.org"));

            TraceShape shape = traces.shape();
            String everything = shape.render() + TraceShapeJson.write(shape);

            assertThat(everything).doesNotContain(PLANTED_TOKEN, PLANTED_PASSWORD, "hunter2", "bob@", "carol@");
            assertThat(shape.render()).isEqualTo("login [EMAIL] token=[REDACTED] [client] "
                    + "{db.query.text=SELECT * FROM users WHERE password = ?, http.route=/reset?password=[REDACTED], "
                    + "messaging.destination.name=[EMAIL]}\n");
        }
    }

    @Test
    void customRulesExtendTheDefaults() {
        Redactor redactor = Redactor.defaults().toBuilder().add("customer-\\d+", "customer-[ID]").build();

        assertThat(redactor.redact("order for customer-991 by x@y.io")).isEqualTo("order for customer-[ID] by [EMAIL]");
        assertThat(redactor.ruleCount()).isEqualTo(Redactor.defaults().ruleCount() + 1);
        assertThat(Redactor.none().redact("password=1")).isEqualTo("password=1");
    }

    @Test
    void badPatternIsAnIllegalArgument() {
        assertThatThrownBy(() -> Redactor.builder().add("(", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("redaction pattern does not compile");
    }
}
