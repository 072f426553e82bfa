package dev.flamegate.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.junit.fixtures.PassingFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A baseline that cannot be saved (its directory would be under a regular file) is reported as ERROR with the
 * reason, in the report entry, the console line and the run summary; never as RECORDED.
 */
class BaselineSaveFailureTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"record", "verify"})
    void aBaselineThatCannotBeSavedIsAnErrorNotRecorded(String mode) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("not-a-directory"), "x");
        Path baselines = notADirectory.resolve("baselines");

        ForkedEngineRun.Outcome child = ForkedEngineRun.run(PassingFixture.class, List.of(), List.of(
                ProfiledTest.BASELINES_DIR_KEY + "=" + baselines, ProfiledTest.OUTPUT_DIR_KEY + "=" + dir.resolve("out"),
                ProfilingConfig.CI_KEY + "=false", ProfiledTest.MODE_KEY + "=" + mode), 120);

        assertThat(child.entries("flamegate.verdict")).as(child.lines().toString()).containsExactly("ERROR");
        assertThat(child.entries("flamegate.headline")).singleElement().asString()
                .startsWith("ERROR PassingFixture.steadyWork: could not record the baseline in " + baselines);
        assertThat(child.lines()).noneSatisfy(line -> assertThat(line).contains("RECORDED"))
                .anySatisfy(line -> assertThat(line).startsWith(Verdicts.PREFIX + "1 profiled test: 1 ERROR"));
        // Record mode promises a baseline, so not writing one fails the test; verify mode only warns.
        assertThat(child.tests(mode.equals("record") ? "FAILED" : "SUCCESSFUL")).hasSize(1);
    }
}
