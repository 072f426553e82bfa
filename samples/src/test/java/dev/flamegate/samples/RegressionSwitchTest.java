package dev.flamegate.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.samples.RegressionSwitch.Kind;
import org.junit.jupiter.api.Test;

class RegressionSwitchTest {

    @Test
    void blankOrNoneMeansNoRegression() {
        assertThat(RegressionSwitch.parse(null)).isEqualTo(RegressionSwitch.NONE);
        assertThat(RegressionSwitch.parse(" ")).isEqualTo(RegressionSwitch.NONE);
        assertThat(RegressionSwitch.parse("none")).isEqualTo(RegressionSwitch.NONE);
    }

    @Test
    void parsesEachKindAndCpuSizes() {
        assertThat(RegressionSwitch.parse("cpu")).isEqualTo(new RegressionSwitch(Kind.CPU, RegressionSwitch.DEFAULT_CPU_PERCENT));
        assertThat(RegressionSwitch.parse("cpu:10")).isEqualTo(new RegressionSwitch(Kind.CPU, 10));
        assertThat(RegressionSwitch.parse("CPU:5%")).isEqualTo(new RegressionSwitch(Kind.CPU, 5));
        assertThat(RegressionSwitch.parse("alloc").kind()).isEqualTo(Kind.ALLOC);
        assertThat(RegressionSwitch.parse("lock").kind()).isEqualTo(Kind.LOCK);
        assertThat(RegressionSwitch.parse("nplus1").kind()).isEqualTo(Kind.NPLUS1);
        assertThat(RegressionSwitch.parse("cpu:50")).hasToString("cpu:50");
        assertThat(RegressionSwitch.parse("slow:10")).isEqualTo(new RegressionSwitch(Kind.SLOW, 10)).hasToString("slow:10");
        assertThat(RegressionSwitch.parse("lock")).hasToString("lock");
    }

    @Test
    void rejectsUnknownValuesNamingThePropertyAndTheChoices() {
        for (String bad : new String[] {"fast", "slow:0", "cpu:0", "cpu:x", "alloc:10", "none:1"}) {
            assertThatThrownBy(() -> RegressionSwitch.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("-Dsamples.regression=" + bad)
                    .hasMessageContaining("cpu, cpu:N or slow:N");
        }
    }

    @Test
    void currentIsNeverNull() {
        // Surefire runs without -Dsamples.regression unless a run asks for one.
        assertThat(RegressionSwitch.current()).isEqualTo(RegressionSwitch.parse(System.getProperty(RegressionSwitch.PROPERTY)));
    }
}
