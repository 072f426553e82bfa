package dev.flamegate.samples;

import dev.flamegate.jmh.FlamegateJmh;
import dev.flamegate.jmh.JmhSettings;
import dev.flamegate.profile.Event;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link PricingBenchmark} as a gate from {@code mvn verify}: JMH forks under the flamegate profiler,
 * compared with the baselines under {@code baselines/} ({@code -Dflamegate.jmh.profile=quick|thorough},
 * default quick).
 */
class SamplesBenchmarksTest {

    @Test
    void pricingBenchmarksDoNotRegress() {
        JmhSettings.Builder settings = JmhSettings.fromSystemProperties()
                .include(PricingBenchmark.class)
                .events(Event.CPU, Event.ALLOC)
                .quiet(true);
        String regression = System.getProperty(RegressionSwitch.PROPERTY);
        if (regression != null && !regression.isBlank()) {
            // JMH forks start from the JVM's command line, not from properties set inside it (Surefire's).
            settings.jvmArgs("-D" + RegressionSwitch.PROPERTY + "=" + regression);
        }
        FlamegateJmh.run(settings.build()).assertNoRegression();
    }
}
