package dev.flamegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import dev.flamegate.baseline.BaselineStore;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Metric;
import dev.flamegate.measure.Round;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flamegate ab} end to end on a real git repository whose "tests" are a script: each commit holds the record
 * its side's run would make ({@code fixture/}), and the script copies it where flamegate asks.
 */
class AbCommandTest {

    private static final Environment ENV = new Environment("Acme", "17.0.9+9", "Linux", "amd64", 2, "async-profiler/cpu", "dev");
    private static final String ID = "com.example.CheckoutProfiledTest#checksOut";
    private static final String SCRIPT = """
            #!/bin/sh
            # records what this tree's fixture/ holds where flamegate asks (-Dflamegate.baselines.dir=...)
            for a in "$@"; do case "$a" in -Dflamegate.baselines.dir=*) dir="${a#*=}";; esac; done
            mkdir -p "$dir" && cp -r fixture/. "$dir"/
            """;

    @TempDir
    Path repo;

    @BeforeEach
    void baseCommit() throws IOException {
        git("init", "-q");
        Files.writeString(repo.resolve("run.sh"), SCRIPT);
        record(1_000_000);
        git("add", "-A");
        git("commit", "-q", "-m", "base");
    }

    @Test
    void aSlowerHeadIsARegressionWithItsResultReportAndRunRecord() throws IOException {
        record(1_300_000);
        git("commit", "-q", "-am", "slower");
        Path out = repo.resolve("target").resolve("ab");

        FlamegateCliTest.Run run = FlamegateCliTest.run("ab", "--base", "HEAD~1", "--head", repo.toString(), "--out", out.toString(),
                "--min-pairs", "2", "--max-pairs", "3", "--seed", "5", "--", "sh", "run.sh");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.REGRESSION);
        assertThat(run.out()).contains("REGRESSION").contains("pair 1: base").contains("pair 2: head");
        JsonNode result = new ObjectMapper().readTree(onlyResult(out).toFile());
        assertThat(result.get("verdict").asText()).isEqualTo("REGRESSION");
        JsonNode ab = new ObjectMapper().readTree(out.resolve("ab.json").toFile());
        assertThat(ab.get("seed").asLong()).isEqualTo(5);
        // two pairs of one test leave its time one degree of freedom, no interval: the third pair decides
        assertThat(ab.get("runs")).hasSize(6);
        assertThat(ab.get("runs").get(0).get("recorded").get(0).asText()).isEqualTo(ID);
        assertThat(out.resolve("report").resolve("pr-comment.md")).content().contains("REGRESSION");
        // the base checkout is gone again
        assertThat(git("worktree", "list")).doesNotContain("flamegate-ab-base");

        // the recorded pairs compare again without running anything, with other settings
        Files.delete(repo.resolve("run.sh"));
        FlamegateCliTest.Run again = FlamegateCliTest.run("ab", "--recorded", out.toString(), "--head", repo.toString(),
                "--max-regression", "40%");
        assertThat(again.exitCode()).as(again.out() + again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).doesNotContain("pair 1: base");
        assertThat(new ObjectMapper().readTree(onlyResult(out).toFile()).get("verdict").asText()).isNotEqualTo("REGRESSION");
        assertThat(new ObjectMapper().readTree(out.resolve("ab.json").toFile()).get("runs")).hasSize(6);
    }

    @Test
    void recordedWithoutAnEarlierRunNamesTheMissingFile() {
        FlamegateCliTest.Run run = FlamegateCliTest.run("ab", "--recorded", repo.toString(), "--head", repo.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("ab.json").contains("no A/B run record");
        assertThat(FlamegateCliTest.run("ab", "--head", repo.toString()).err()).contains("--recorded DIR");
    }

    @Test
    void theSameWorkInHeadIsNoRegression() throws IOException {
        Files.writeString(repo.resolve("README"), "only the text changed");
        git("add", "README");
        git("commit", "-q", "-m", "same");

        FlamegateCliTest.Run run = FlamegateCliTest.run("ab", "--base", "HEAD~1", "--head", repo.toString(), "--out",
                repo.resolve("out").toString(), "--min-pairs", "2", "--max-pairs", "2", "--", "sh", "run.sh");

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).doesNotContain("REGRESSION");
    }

    @Test
    void aTestThatFailsInHeadIsReportedNotDropped() throws IOException {
        Files.writeString(repo.resolve("run.sh"), "#!/bin/sh\necho 'CheckoutProfiledTest failed'\nexit 1\n");
        git("commit", "-q", "-am", "breaks the test");

        FlamegateCliTest.Run run = FlamegateCliTest.run("ab", "--base", "HEAD~1", "--head", repo.toString(), "--out",
                repo.resolve("out").toString(), "--min-pairs", "2", "--max-pairs", "2", "--", "sh", "run.sh");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REGRESSION);
        assertThat(run.out()).contains("head exited with 1").contains("ERROR");
    }

    @Test
    void anUnknownBaseRefIsAClearUsageError() {
        FlamegateCliTest.Run run = FlamegateCliTest.run("ab", "--base", "no-such-branch", "--head", repo.toString(), "--",
                "sh", "run.sh");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("no-such-branch").contains("pass a ref that exists").doesNotContain("\tat ");
    }

    @Test
    void badDurationsAndPairCountsAreUsageErrors() {
        assertThat(FlamegateCliTest.run("ab", "--base", "HEAD", "--budget", "soon", "--", "true").err())
                .contains("--budget soon is not a duration");
        assertThat(FlamegateCliTest.run("ab", "--base", "HEAD", "--head", repo.toString(), "--min-pairs", "1", "--", "true").err())
                .contains("at least 2 pairs");
    }

    private void record(double cpu) {
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double value = cpu * (1 + 0.01 * (i % 3));
            rounds.add(new Round(i, 10, Map.of(Metric.CPU_TIME, value, Metric.ALLOCATED_BYTES, 2048.0), Map.of(), List.of()));
        }
        BaselineStore.at(repo.resolve("fixture")).save(Baseline.from(new Measurement(ID, "CheckoutProfiledTest.checksOut",
                ENV, rounds), BaselineOptions.defaults()));
    }

    private Path onlyResult(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out.resolve("results"))) {
            return files.filter(p -> p.getFileName().toString().equals("result.json")).findFirst().orElseThrow();
        }
    }

    private String git(String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=t", "-c",
                "user.email=t@localhost", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
            return output;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
