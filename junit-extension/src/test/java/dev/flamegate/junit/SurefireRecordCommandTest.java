package dev.flamegate.junit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SurefireRecordCommandTest {

    @Test
    void aTestsIdBecomesTheSurefireSelectorOfItsClassAndMethod() {
        assertThat(SurefireRecordCommand.INSTANCE.reRecord("a.B#m(int)[1]"))
                .isEqualTo("Re-record the baseline with mvn verify -Dflamegate.mode=record -Dtest='B#m' and commit it");
    }

    @Test
    void anIdWithoutAMethodFallsBackToTheWholeBuild() {
        assertThat(SurefireRecordCommand.INSTANCE.firstRecord("com.acme.bench.PricingBench.quote[size=10]"))
                .isEqualTo("Record the baseline with mvn verify -Dflamegate.mode=record and commit it");
        assertThat(SurefireRecordCommand.INSTANCE.command(null)).isEqualTo("mvn verify -Dflamegate.mode=record");
    }

    @Test
    void quotesAndSpacesInAParameterisedNameDoNotReachTheShellCommand() {
        assertThat(SurefireRecordCommand.INSTANCE.command("com.acme.PricingTest#quotes(java.lang.String)['a b'; rm]"))
                .isEqualTo("mvn verify -Dflamegate.mode=record -Dtest='PricingTest#quotes'");
    }
}
