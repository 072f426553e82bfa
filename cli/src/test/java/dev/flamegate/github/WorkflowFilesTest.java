package dev.flamegate.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.flamegate.io.RepositoryRoot;
import dev.flamegate.report.PrCommentRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The GitHub Actions workflows in {@code ci/workflows}: valid YAML, the required keys, and safe for forks. */
class WorkflowFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path WORKFLOWS = RepositoryRoot.find().resolve("ci/workflows");

    static Stream<Path> workflowFiles() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".yml")).sorted().toList();
            assertThat(list).isNotEmpty();
            return list.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("workflowFiles")
    void everyWorkflowHasTheRequiredKeys(Path file) throws IOException {
        JsonNode workflow = read(file);
        assertThat(workflow.path("name").asText()).as("name of %s", file).isNotBlank();
        assertThat(workflow.path("on").isObject()).as("on: of %s", file).isTrue();
        assertThat(workflow.path("permissions").isObject()).as("explicit top-level permissions in %s", file).isTrue();
        assertThat(workflow.path("jobs").size()).as("jobs of %s", file).isPositive();
        for (JsonNode job : workflow.path("jobs")) {
            assertThat(job.path("runs-on").asText()).isNotBlank();
            assertThat(job.path("timeout-minutes").asInt()).isBetween(1, 360);
            assertThat(job.path("steps").size()).isPositive();
            for (JsonNode step : job.path("steps")) {
                assertThat(step.has("uses") ^ step.has("run")).as("step %s has exactly one of uses/run", step.path("name")).isTrue();
                if (step.has("uses")) {
                    assertThat(step.path("uses").asText()).matches("[\\w.-]+/[\\w.-]+@v\\d+");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("workflowFiles")
    void noScriptInterpolatesEventData(Path file) throws IOException {
        // ${{ github.event.* }} inside run: is script injection (PR titles, branch names); use env: instead.
        for (String script : runScripts(read(file))) {
            assertThat(script).doesNotContain("${{");
        }
    }

    @Test
    void pullRequestWorkflowRunsWithoutSecretsAndUploadsTheArtifactWithThePrNumber() throws IOException {
        Path file = WORKFLOWS.resolve("flamegate-pr.yml");
        JsonNode workflow = read(file);
        assertThat(fieldNames(workflow.path("on"))).containsExactly("pull_request");
        assertThat(Files.readString(file)).doesNotContain("secrets.", "pull_request_target");
        assertThat(workflow.path("permissions").toString()).isEqualTo("{\"contents\":\"read\"}");
        JsonNode steps = workflow.path("jobs").path("measure").path("steps");
        JsonNode checkout = find(steps, "actions/checkout@");
        assertThat(checkout.path("with").path("persist-credentials").asBoolean(true)).isFalse();
        JsonNode java = find(steps, "actions/setup-java@");
        assertThat(java.path("with").path("distribution").asText()).isEqualTo("temurin");
        assertThat(java.path("with").path("java-version").asText()).isEqualTo("17");
        assertThat(java.path("with").path("cache").asText()).isEqualTo("maven");
        JsonNode verify = stepRunning(steps, "mvn -B -ntp verify");
        assertThat(verify.path("continue-on-error").asBoolean()).isTrue();
        assertThat(stepRunning(steps, " report --root . --out target/flamegate").path("if").asText()).isEqualTo("always()");
        assertThat(stepRunning(steps, "pr-number.txt").path("env").path("PR_NUMBER").asText())
                .isEqualTo("${{ github.event.pull_request.number }}");
        JsonNode upload = find(steps, "actions/upload-artifact@");
        assertThat(upload.path("with").path("name").asText()).isEqualTo("flamegate");
        assertThat(upload.path("with").path("path").asText()).contains("**/target/flamegate/**");
        assertThat(upload.path("if").asText()).isEqualTo("always()");
        assertThat(stepRunning(steps, "exit 1").path("if").asText()).isEqualTo("steps.verify.outcome == 'failure'");
    }

    @Test
    void commentWorkflowNeverRunsThePullRequestsCode() throws IOException {
        Path file = WORKFLOWS.resolve("flamegate-comment.yml");
        JsonNode workflow = read(file);
        JsonNode trigger = workflow.path("on").path("workflow_run");
        assertThat(fieldNames(workflow.path("on"))).containsExactly("workflow_run");
        assertThat(trigger.path("workflows").get(0).asText()).isEqualTo(read(WORKFLOWS.resolve("flamegate-pr.yml")).path("name").asText());
        assertThat(trigger.path("types").get(0).asText()).isEqualTo("completed");
        assertThat(workflow.path("permissions").path("pull-requests").asText()).isEqualTo("write");
        assertThat(workflow.path("permissions").path("contents").isMissingNode()).isTrue();

        JsonNode steps = workflow.path("jobs").path("comment").path("steps");
        List<String> uses = new ArrayList<>();
        steps.forEach(s -> uses.add(s.path("uses").asText("")));
        assertThat(uses).noneMatch(u -> u.startsWith("actions/checkout")).anyMatch(u -> u.startsWith("actions/download-artifact@"));
        assertThat(Files.readString(file)).doesNotContain("head_ref", "pull_request.head.ref");

        Pattern executesSomething = Pattern.compile("(?m)(java\\s+-jar|\\bmvn\\b|\\bgradle|\\./|\\bsource\\s|^\\s*\\.\\s|bash\\s+\"?\\$|sh\\s+\"?\\$"
                + "|chmod|python|node\\s|\\beval\\b|\\$\\(cat\\b|\\bnpm\\b|\\bmake\\b)");
        for (String script : runScripts(workflow)) {
            assertThat(executesSomething.matcher(script).find()).as("executes downloaded content: %s", script).isFalse();
            // the body goes in as a JSON string built by jq, never through the shell
            assertThat(script).contains("jq -n --rawfile body \"$body_file\"", "--input \"$payload\"");
            assertThat(script).contains("[[ \"$pr\" =~ ^[0-9]{1,10}$ ]]", "$HEAD_SHA");
        }
        JsonNode post = stepRunning(steps, "gh api");
        assertThat(post.path("env").path("MARKER").asText()).isEqualTo(PrCommentRenderer.MARKER);
    }

    @Test
    void refreshWorkflowRecordsOnTheRunnerAndOpensAPullRequest() throws IOException {
        JsonNode workflow = read(WORKFLOWS.resolve("flamegate-refresh-baselines.yml"));
        assertThat(fieldNames(workflow.path("on"))).containsExactly("workflow_dispatch");
        assertThat(workflow.path("permissions").path("contents").asText()).isEqualTo("write");
        assertThat(workflow.path("permissions").path("pull-requests").asText()).isEqualTo("write");
        JsonNode steps = workflow.path("jobs").path("record").path("steps");
        JsonNode record = stepRunning(steps, "-Dflamegate.mode=record");
        assertThat(record.path("env").path("TESTS").asText()).isEqualTo("${{ inputs.tests }}");
        assertThat(stepRunning(steps, "gh pr create").path("run").asText()).contains("git add baselines/", "git push origin \"$branch\"");
    }

    @Test
    void abWorkflowMeasuresBaseAndHeadWithFlamegateAbOnOneRunnerWithoutSecrets() throws IOException {
        Path file = WORKFLOWS.resolve("flamegate-ab.yml");
        JsonNode workflow = read(file);
        assertThat(Files.readString(file)).doesNotContain("secrets.", "pull_request_target");
        assertThat(workflow.path("permissions").toString()).isEqualTo("{\"contents\":\"read\"}");
        JsonNode steps = workflow.path("jobs").path("ab").path("steps");
        String ab = stepRunning(steps, "\"$FLAMEGATE_JAR\" ab").path("run").asText();
        // flamegate ab checks base out itself and runs both sides by turns; the build command follows --
        assertThat(ab).containsSubsequence("ab --base \"$BASE_REF\"", "--out target/flamegate-ab", "-- mvn");
        assertThat(ab).doesNotContain("-Dflamegate.mode=");
        assertThat(find(steps, "actions/upload-artifact@").path("with").path("path").asText()).isEqualTo("target/flamegate-ab/**");
        assertThat(find(steps, "actions/checkout@").path("with").path("persist-credentials").asBoolean(true)).isFalse();
    }

    private static JsonNode read(Path file) throws IOException {
        JsonNode node = YAML.readTree(file.toFile());
        assertThat(node).as("YAML of %s", file).isNotNull();
        return node;
    }

    private static List<String> runScripts(JsonNode workflow) {
        List<String> scripts = new ArrayList<>();
        workflow.path("jobs").forEach(job -> job.path("steps").forEach(step -> {
            if (step.has("run")) {
                scripts.add(step.path("run").asText());
            }
        }));
        return scripts;
    }

    private static JsonNode find(JsonNode steps, String usesPrefix) {
        for (JsonNode step : steps) {
            if (step.path("uses").asText("").startsWith(usesPrefix)) {
                return step;
            }
        }
        throw new AssertionError("no step uses " + usesPrefix);
    }

    private static JsonNode stepRunning(JsonNode steps, String fragment) {
        for (JsonNode step : steps) {
            if (step.path("run").asText("").contains(fragment)) {
                return step;
            }
        }
        throw new AssertionError("no step runs " + fragment);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
