package dev.flamegate.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.InvalidInputException;
import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonJsonTest {

    @TempDir
    Path dir;

    private static Comparison regression() {
        SyntheticRuns runs = new SyntheticRuns(3).withProfiles(4000).cv(0.03);
        Baseline before = Baseline.from(runs.run(), BaselineOptions.defaults());
        return BaselineComparator.compare(Optional.of(before), runs.run(1.4, "main;a;<init>$\"x\";slow"), CompareSettings.defaults())
                .withArtifacts(Map.of("cpu.diff", "cpu.diff.html"));
    }

    @Test
    void roundTripsExactlyAndDeterministically() {
        Comparison c = regression();
        Path file = dir.resolve("x/result.json");
        ComparisonJson.write(c, file);

        assertThat(ComparisonJson.read(file)).isEqualTo(c);
        assertThat(ComparisonJson.toJson(ComparisonJson.read(file))).isEqualTo(ComparisonJson.toJson(c));
        assertThat(file).content().contains("\"schemaVersion\" : 1").contains("\"verdict\" : \"REGRESSION\"")
                .contains("\"cpu.diff\" : \"cpu.diff.html\"");
    }

    @Test
    void undefinedNumbersAreNull() {
        Comparison c = BaselineComparator.compare(Optional.empty(), new SyntheticRuns(1).run(), CompareSettings.defaults());

        assertThat(ComparisonJson.toJson(c)).contains("\"before\" : null").contains("\"baselineEnvironment\" : null");
        Path file = dir.resolve("result.json");
        ComparisonJson.write(c, file);
        assertThat(ComparisonJson.read(file)).isEqualTo(c);
    }

    @Test
    void futureVersionAndGarbageAreRefused() throws IOException {
        Path file = dir.resolve("result.json");
        Files.writeString(file, "{\"schemaVersion\": 2}");
        assertThatThrownBy(() -> ComparisonJson.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": schema version 2 is not supported (this build reads version 1). "
                        + "Use the flamegate version that wrote it, or re-run the tests");
        Files.writeString(file, "{\"schemaVersion\": 1, \"id\": ");
        assertThatThrownBy(() -> ComparisonJson.read(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ":1: not valid JSON");
    }
}
