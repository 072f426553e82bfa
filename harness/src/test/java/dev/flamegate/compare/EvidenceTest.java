package dev.flamegate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EvidenceTest {

    private static Verdict verdict(boolean shape, boolean metric, boolean path, boolean mismatch, boolean improved,
            boolean uncertain, boolean nothingGated) {
        return new Evidence(shape, metric, path, mismatch, improved, uncertain, nothingGated).verdict();
    }

    @Test
    void aChangedTraceShapeIsARegressionEvenAcrossEnvironments() {
        assertThat(verdict(true, false, false, true, true, true, true)).isEqualTo(Verdict.REGRESSION);
    }

    @Test
    void aRegressedMetricOrPathIsARegressionOnlyInAComparableEnvironment() {
        assertThat(verdict(false, true, false, false, true, true, false)).isEqualTo(Verdict.REGRESSION);
        assertThat(verdict(false, false, true, false, false, false, false)).isEqualTo(Verdict.REGRESSION);
        assertThat(verdict(false, true, true, true, false, false, false)).isEqualTo(Verdict.ENVIRONMENT_MISMATCH);
    }

    @Test
    void thenAnImprovementThenWhatIsNotKnownThenPass() {
        assertThat(verdict(false, false, false, false, true, true, false)).isEqualTo(Verdict.IMPROVEMENT);
        assertThat(verdict(false, false, false, false, false, true, false)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(verdict(false, false, false, false, false, false, true)).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(verdict(false, false, false, false, false, false, false)).isEqualTo(Verdict.PASS);
    }
}
