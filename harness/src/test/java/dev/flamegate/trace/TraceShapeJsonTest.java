package dev.flamegate.trace;

import static dev.flamegate.trace.TestTraces.attrs;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static io.opentelemetry.api.trace.SpanKind.SERVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceShapeJsonTest {

    private final TestTraces traces = new TestTraces();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        traces.close();
    }

    private TraceShape sample() {
        for (int request = 1; request <= 2; request++) {
            int queries = request * 2;
            traces.newTrace(() -> traces.span("GET /orders/7", SERVER, attrs("http.request.method", "GET"), () -> {
                for (int q = 0; q < queries; q++) {
                    traces.span("SELECT", CLIENT, attrs("db.system.name", "postgresql", "db.query.text", "SELECT \"x\" FROM t"));
                }
                traces.span("render\ttemplate ✓");
            }));
        }
        return traces.shape();
    }

    @Test
    void writesPrettyDeterministicJson() {
        assertThat(TraceShapeJson.write(sample())).isEqualTo("""
                {
                  "version": 1,
                  "ordered": false,
                  "roots": [
                    {
                      "name": "GET /orders/{n}",
                      "kind": "SERVER",
                      "attributes": {
                        "http.request.method": "GET"
                      },
                      "count": 2,
                      "children": [
                        {
                          "name": "SELECT",
                          "kind": "CLIENT",
                          "attributes": {
                            "db.query.text": "SELECT \\"x\\" FROM t",
                            "db.system.name": "postgresql"
                          },
                          "count": 6,
                          "minPerParent": 2,
                          "maxPerParent": 4
                        },
                        {
                          "name": "render\\ttemplate ✓",
                          "kind": "INTERNAL",
                          "count": 2,
                          "minPerParent": 1,
                          "maxPerParent": 1
                        }
                      ]
                    }
                  ]
                }
                """);
    }

    @Test
    void roundTripsExactly() throws IOException {
        TraceShape shape = sample();
        Path file = dir.resolve("shape.json");
        Files.writeString(file, TraceShapeJson.write(shape));

        TraceShape read = TraceShapeJson.read(file);

        assertThat(read).isEqualTo(shape);
        assertThat(TraceShapeJson.write(read)).isEqualTo(TraceShapeJson.write(shape));
        assertThat(TraceShapeJson.fromJson(TraceShapeJson.toJson(shape), "tree")).isEqualTo(shape);
    }

    @Test
    void orderedShapeKeepsItsOrderThroughJson() {
        traces.span("root", () -> {
            traces.span("zeta");
            traces.span("alpha");
        });
        TraceShape ordered = traces.shape(ShapeOptions.defaults().withOrderMatters(true));

        TraceShape read = TraceShapeJson.read(TraceShapeJson.write(ordered), "x");

        assertThat(read).isEqualTo(ordered);
        assertThat(read.roots().get(0).children()).extracting(ShapeNode::name).containsExactly("zeta", "alpha");
    }

    @Test
    void malformedJsonNamesTheFileAndLine() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\n  \"version\": 1,\n  \"ordered\": false,\n  \"roots\": [ {\n}");

        assertThatThrownBy(() -> TraceShapeJson.read(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ":5: trace shape is not valid JSON")
                .hasMessageEndingWith("Re-record the baseline with -Dflamegate.mode=record, or fix the file by hand")
                .satisfies(e -> assertThat(((InvalidInputException) e).source()).isEqualTo(file.toString()));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            ~~                                                              | trace shape file is empty
            ~[]~                                                            | invalid trace shape: the document is not a JSON object
            ~{"version":1,"ordered":false}~                                 | invalid trace shape: roots is missing or not an array
            ~{"version":2,"ordered":false,"roots":[]}~                      | trace shape has format version 2 but this flamegate reads versions 1 to 1
            ~{"version":1,"ordered":false,"roots":[],"extra":1}~            | invalid trace shape: the document has an unknown member "extra"
            ~{"version":1,"ordered":false,"roots":[{"name":"a","kind":"SERVER","count":0}]}~ | invalid trace shape: roots[0]: inconsistent counts of a: total 0, per parent 0..0
            ~{"version":1,"ordered":false,"roots":[{"name":"a","kind":"WEIRD","count":1}]}~  | invalid trace shape: roots[0].kind is "WEIRD", not one of [INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER]
            ~{"version":1,"ordered":false,"roots":[{"name":"a","kind":"SERVER","count":1,"children":[{"kind":"SERVER","count":1}]}]}~ | invalid trace shape: roots[0].children[0].name is missing or not a string
            ~{"version":1,"ordered":false,"roots":[{"name":"a","kind":"SERVER","count":"1"}]}~ | invalid trace shape: roots[0].count is missing or not an integer
            ~{"version":1,"version":1,"ordered":false,"roots":[]}~          | trace shape is not valid JSON: Duplicate field 'version'
            ~{"version":1,"ordered":false,"roots":[]} trailing~             | trace shape is not valid JSON
            """)
    void invalidDocumentsAreRejectedWithTheSourceName(String json, String problem) {
        assertThatThrownBy(() -> TraceShapeJson.read(json, "baselines/x/trace.json"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("baselines/x/trace.json")
                .hasMessageContaining(": " + problem);
    }

    @Test
    void missingAndBinaryFilesAreInvalidInput() throws IOException {
        Path missing = dir.resolve("none.json");
        Path binary = dir.resolve("binary.json");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});

        assertThatThrownBy(() -> TraceShapeJson.read(missing))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(missing + ": trace shape file does not exist. Record the baseline with -Dflamegate.mode=record");
        assertThatThrownBy(() -> TraceShapeJson.read(binary))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(binary + ": trace shape file is not UTF-8 text");
        assertThat(new String(Files.readAllBytes(binary), StandardCharsets.ISO_8859_1)).hasSize(5);
    }
}
