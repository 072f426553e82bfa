package dev.flamegate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The promises of the defaults, checked by seeded simulation (see {@link Simulation} and BENCHMARKS.md).
 * Noise model throughout: lognormal round noise with the given CV, a between-run offset of 2 % (equal to
 * the default noise floor), and one round in twenty an outlier slowed 1.3–2×.
 */
class SimulationTest {

    /**
     * The defaults but for {@code timeAlone}: these tests are about the statistics of the workload's totals, so
     * any significant growth counts; the time-alone rule has its own tests ({@link TimeTotalsAcrossMachinesTest}).
     */
    private static final CompareSettings DEFAULTS = CompareSettings.defaults().toBuilder().timeAlone(0).build();

    @ParameterizedTest(name = "CV {0}, {1} rounds: at most 1 % false alarms over 1,000 unchanged runs")
    @CsvSource({"0.03, 5", "0.05, 5", "0.10, 5", "0.05, 10", "0.10, 20"})
    void falsePositiveRateIsAtMostOnePercent(double cv, int rounds) {
        Simulation.Rates rates = Simulation.run(new Simulation.Scenario(cv, 0.02, 0.05, rounds), 1.0, 1000, 11, DEFAULTS);

        assertThat(rates.regression()).isLessThanOrEqualTo(0.01);
        assertThat(rates.improvement()).isLessThanOrEqualTo(0.01);
    }

    @ParameterizedTest(name = "CV {0}, {1} rounds: +{2} CPU detected in at least {3} of 1,000 runs")
    @CsvSource({"0.03, 10, 0.20, 0.95", "0.05, 20, 0.20, 0.95", "0.05, 10, 0.30, 0.95", "0.10, 20, 0.30, 0.95",
            "0.05, 5, 0.50, 0.90"})
    void detectsTheStatedEffect(double cv, int rounds, double effect, double promised) {
        Simulation.Rates rates = Simulation.run(new Simulation.Scenario(cv, 0.02, 0.05, rounds), 1 + effect, 1000, 12, DEFAULTS);

        assertThat(rates.regression()).isGreaterThanOrEqualTo(promised);
    }

    @ParameterizedTest(name = "a trivial {0} shift never fails the build")
    @CsvSource({"0.01", "0.02", "0.03"})
    void trivialShiftsNeverFail(double effect) {
        Simulation.Rates rates = Simulation.run(new Simulation.Scenario(0.01, 0.0, 0.0, 20), 1 + effect, 300, 13, DEFAULTS);

        assertThat(rates.regression()).isZero();
    }
}
