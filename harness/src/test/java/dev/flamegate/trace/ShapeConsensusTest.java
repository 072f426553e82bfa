package dev.flamegate.trace;

import static dev.flamegate.trace.TestTraces.attrs;
import static io.opentelemetry.api.trace.SpanKind.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Round;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShapeConsensusTest {

    private final TestTraces traces = new TestTraces();

    @AfterEach
    void close() {
        traces.close();
    }

    /** A handler that reads through a cache: on a miss it also queries the database. */
    private List<SpanData> round(boolean cacheMiss, int renders) {
        traces.reset();
        traces.span("handle", () -> {
            traces.span("cache.get");
            if (cacheMiss) {
                traces.span("SELECT prices", CLIENT, attrs("db.system.name", "postgresql"));
            }
            for (int i = 0; i < renders; i++) {
                traces.span("render");
            }
        });
        return List.copyOf(traces.finished());
    }

    @Test
    void identicalRoundsAreDeterministic() {
        List<TraceShape> shapes = List.of(TraceShape.of(round(false, 1)), TraceShape.of(round(false, 1)),
                TraceShape.of(round(false, 1)));

        ShapeConsensus consensus = TraceShapes.consensus(shapes);

        assertThat(consensus.deterministic()).isTrue();
        assertThat(consensus.stable()).isEqualTo(shapes.get(0));
        assertThat(consensus.agreeing()).isEqualTo(3);
        assertThat(consensus.variations()).isEmpty();
        assertThat(consensus.unstableLocations()).isEmpty();
        assertThat(consensus.render()).isEmpty();
    }

    @Test
    void differingRoundsAreNondeterministicWithTheVaryingNodes() {
        List<TraceShape> shapes = List.of(
                TraceShape.of(round(true, 1)),    // first round misses the cache
                TraceShape.of(round(false, 1)),
                TraceShape.of(round(false, 1)),
                TraceShape.of(round(false, 2)));  // one round renders twice

        ShapeConsensus consensus = TraceShapes.consensus(shapes);

        assertThat(consensus.deterministic()).isFalse();
        assertThat(consensus.stable()).isEqualTo(shapes.get(1));
        assertThat(consensus.agreeing()).isEqualTo(2);
        assertThat(consensus.rounds()).isEqualTo(4);
        assertThat(consensus.unstableLocations()).containsExactly(
                List.of("handle [internal]", "SELECT prices [client]"),
                List.of("handle [internal]", "render [internal]"));
        assertThat(consensus.render()).isEqualTo("""
                nondeterministic trace shape: 2 of 4 rounds agree; the others differ in:
                  handle [internal]
                +   SELECT prices [client] {db.system.name=postgresql}
                ~   render [internal] ×1 → ×2
                """);
    }

    @Test
    void comparisonIgnoresUnstableNodesButNotRealChanges() {
        TraceShape baseline = TraceShape.of(round(false, 1));
        ShapeConsensus now = TraceShapes.consensus(List.of(
                TraceShape.of(round(true, 3)), TraceShape.of(round(false, 3)), TraceShape.of(round(false, 3))));

        ShapeDiff raw = ShapeDiff.between(baseline, now.stable());
        ShapeDiff stableOnly = raw.without(now::isUnstable);

        assertThat(raw.changes()).hasSize(1);
        assertThat(raw.changes().get(0).location()).containsExactly("handle [internal]", "render [internal]");
        assertThat(stableOnly).isEqualTo(raw); // render ×3 is stable across rounds: a real change
        ShapeConsensus flaky = TraceShapes.consensus(List.of(
                TraceShape.of(round(true, 1)), TraceShape.of(round(false, 1)), TraceShape.of(round(true, 1))));
        assertThat(ShapeDiff.between(baseline, flaky.stable()).isEmpty()).isFalse();
        assertThat(ShapeDiff.between(baseline, flaky.stable()).without(flaky::isUnstable).isEmpty()).isTrue();
    }

    @Test
    void tieGoesToTheEarliestRound() {
        TraceShape a = TraceShape.of(round(true, 1));
        TraceShape b = TraceShape.of(round(false, 1));

        assertThat(TraceShapes.consensus(List.of(a, b)).stable()).isEqualTo(a);
        assertThat(TraceShapes.consensus(List.of(b, a)).stable()).isEqualTo(b);
    }

    @Test
    void consensusOfAMeasurementUsesEachRoundsSpans() {
        List<Round> rounds = new ArrayList<>();
        rounds.add(new Round(0, 1, Map.of(), Map.of(), round(false, 1)));
        rounds.add(new Round(1, 1, Map.of(), Map.of(), round(false, 1)));
        rounds.add(new Round(2, 1, Map.of(), Map.of(), round(true, 1)));
        Measurement measurement = new Measurement("t#m", "m()", Environment.current("cpu"), rounds);

        ShapeConsensus consensus = TraceShapes.consensus(measurement, ShapeOptions.defaults());

        assertThat(consensus.agreeing()).isEqualTo(2);
        assertThat(consensus.stable().render()).isEqualTo("""
                handle [internal]
                  cache.get [internal]
                  render [internal]
                """);
    }

    @Test
    void noRoundsIsAnIllegalArgument() {
        assertThatThrownBy(() -> TraceShapes.consensus(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
