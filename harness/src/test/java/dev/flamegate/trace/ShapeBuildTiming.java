package dev.flamegate.trace;

import static dev.flamegate.trace.TestTraces.attrs;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Arrays;
import java.util.List;

/**
 * Times {@link TraceShape#of} on a large synthetic trace list (N requests × 99 distinct SQL statements
 * each): not a test, run by hand for BENCHMARKS.md.
 *
 * <pre>mvn -B -q -pl harness test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.flamegate.trace.ShapeBuildTiming</pre>
 */
public final class ShapeBuildTiming {

    private ShapeBuildTiming() {
    }

    public static void main(String[] args) {
        for (int requests : new int[] {100, 1_000}) {
            try (TestTraces traces = new TestTraces()) {
                for (int r = 0; r < requests; r++) {
                    int id = r;
                    traces.span("GET /orders/" + r, SpanKind.SERVER,
                            attrs("http.request.method", "GET", "http.route", "/orders/{id}"), () -> {
                                for (int q = 0; q < 99; q++) {
                                    traces.span("SELECT order_lines", SpanKind.CLIENT, attrs("db.system.name", "postgresql",
                                            "db.query.text", "SELECT * FROM order_lines WHERE order_id = " + id
                                                    + " AND line = " + q + " AND note = 'x" + q + "'"));
                                }
                            });
                }
                List<SpanData> spans = traces.finished();
                long[] millis = new long[7];
                for (int i = 0; i < millis.length; i++) {
                    long start = System.nanoTime();
                    TraceShape.of(spans);
                    millis[i] = (System.nanoTime() - start) / 1_000_000;
                }
                long first = millis[0];
                Arrays.sort(millis);
                System.out.printf("| %,d | %d | %d |%n", spans.size(), first, millis[millis.length / 2]);
            }
        }
    }
}
