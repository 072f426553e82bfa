package dev.flamegate.compare;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import java.util.Locale;
import java.util.Optional;

/**
 * Seeded simulation of many baseline-vs-run comparisons drawn from {@link SyntheticRuns}: how often
 * does flamegate say {@code REGRESSION}? With {@code effect = 1.0} that rate is the false-positive rate;
 * otherwise it is the detection rate of a slowdown by {@code effect}.
 *
 * <p>{@link #main} prints the table in {@code BENCHMARKS.md}:
 * {@code mvn -q -o -pl harness test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.flamegate.compare.Simulation}
 */
public final class Simulation {

    /** The noise model of one scenario. */
    public record Scenario(double cv, double runSd, double outlierRate, int rounds) {
    }

    /** Outcome rates of one scenario and effect. */
    public record Rates(double regression, double inconclusive, double improvement) {
    }

    private Simulation() {
    }

    /** Runs {@code trials} independent comparisons (fresh baseline and fresh run each) and counts verdicts. */
    public static Rates run(Scenario s, double effect, int trials, long seed, CompareSettings settings) {
        SyntheticRuns runs = new SyntheticRuns(seed).cv(s.cv()).runSd(s.runSd()).outlierRate(s.outlierRate()).rounds(s.rounds());
        int regressions = 0;
        int inconclusive = 0;
        int improvements = 0;
        for (int t = 0; t < trials; t++) {
            Baseline before = Baseline.from(runs.run(), BaselineOptions.defaults());
            Verdict v = BaselineComparator.compare(Optional.of(before), runs.run(effect, null), settings).verdict();
            switch (v) {
                case REGRESSION -> regressions++;
                case INCONCLUSIVE -> inconclusive++;
                case IMPROVEMENT -> improvements++;
                default -> {
                }
            }
        }
        return new Rates((double) regressions / trials, (double) inconclusive / trials, (double) improvements / trials);
    }

    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        CompareSettings settings = CompareSettings.defaults().withOverrides(k -> System.getProperty("flamegate." + k));
        double[] effects = {1.0, 1.05, 1.10, 1.20, 1.30, 1.50};
        System.out.printf(Locale.ROOT, "Settings: %s%n%d trials per cell, seed 2026; run offset sd 2 %%; one round in 20 an outlier slowed 1.3-2x%n%n",
                settings, trials);
        System.out.println("Share of comparisons that say REGRESSION (the first column is the false-positive rate):");
        System.out.println();
        System.out.println("| round CV | rounds | no change | +5 % | +10 % | +20 % | +30 % | +50 % | INCONCLUSIVE at no change |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (double cv : new double[] {0.03, 0.05, 0.10}) {
            for (int rounds : new int[] {5, 10, 20}) {
                Scenario s = new Scenario(cv, 0.02, 0.05, rounds);
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %.0f %% | %d |", cv * 100, rounds));
                double inconclusiveAtZero = 0;
                for (double effect : effects) {
                    Rates r = run(s, effect, trials, 2026, settings);
                    row.append(String.format(Locale.ROOT, " %.1f %% |", r.regression() * 100));
                    if (effect == 1.0) {
                        inconclusiveAtZero = r.inconclusive();
                    }
                }
                row.append(String.format(Locale.ROOT, " %.1f %% |", inconclusiveAtZero * 100));
                System.out.println(row);
            }
        }
        System.out.println();
        System.out.println("Rounds per side needed for >= 95 % detection (smallest of 5, 10, 15, 20, 30; '> 30' if none):");
        System.out.println();
        System.out.println("| round CV | +10 % | +20 % | +30 % | +50 % |");
        System.out.println("|---|---|---|---|---|");
        for (double cv : new double[] {0.03, 0.05, 0.10}) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %.0f %% |", cv * 100));
            for (double effect : new double[] {1.10, 1.20, 1.30, 1.50}) {
                String needed = "> 30";
                for (int rounds : new int[] {5, 10, 15, 20, 30}) {
                    if (run(new Scenario(cv, 0.02, 0.05, rounds), effect, trials / 2, 2027, settings).regression() >= 0.95) {
                        needed = Integer.toString(rounds);
                        break;
                    }
                }
                row.append(' ').append(needed).append(" |");
            }
            System.out.println(row);
        }
        System.out.println();
        System.out.println("Sensitivity: false-positive rate when the real run-to-run offset exceeds the 2 % noise floor (CV 5 %, 10 rounds):");
        System.out.println();
        System.out.println("| run offset sd | no change | +20 % |");
        System.out.println("|---|---|---|");
        for (double runSd : new double[] {0.0, 0.01, 0.02, 0.03, 0.04}) {
            Scenario s = new Scenario(0.05, runSd, 0.05, 10);
            System.out.printf(Locale.ROOT, "| %.0f %% | %.1f %% | %.1f %% |%n", runSd * 100,
                    run(s, 1.0, trials, 2028, settings).regression() * 100, run(s, 1.2, trials, 2028, settings).regression() * 100);
        }
    }
}
