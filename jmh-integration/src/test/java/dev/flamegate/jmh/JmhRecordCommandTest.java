package dev.flamegate.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JmhRecordCommandTest {

    @Test
    void aBenchmarksIdSelectsItAloneThroughOnly() {
        assertThat(JmhRecordCommand.INSTANCE.firstRecord("com.acme.PricingBench.quote[size=100]")).isEqualTo(
                "Record the baseline with mvn verify -Dflamegate.mode=record -Dflamegate.only='com.acme.PricingBench.quote[size=100]'"
                        + " and commit it");
    }

    @Test
    void aQuoteInTheIdCannotEndTheShellWord() {
        assertThat(JmhRecordCommand.INSTANCE.command("com.acme.B.m[s=it's]"))
                .isEqualTo("mvn verify -Dflamegate.mode=record -Dflamegate.only='com.acme.B.m[s=its]'");
    }
}
