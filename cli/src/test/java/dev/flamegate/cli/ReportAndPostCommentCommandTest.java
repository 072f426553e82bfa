package dev.flamegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.ComparisonJson;
import dev.flamegate.compare.Verdict;
import dev.flamegate.github.FakeGitHubApi;
import dev.flamegate.measure.Environment;
import dev.flamegate.report.PrCommentRenderer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportAndPostCommentCommandTest {

    private static final String TOKEN = "ghs_clitesttoken0123456789abcdef";
    private static final Environment ENV = new Environment("Eclipse Adoptium", "17.0.13", "Linux", "amd64", 2, "async-profiler/cpu", "dev");

    @TempDir
    Path project;

    private void result(String module, String id, Verdict verdict) {
        Comparison c = Comparison.builder(id, id, ENV).verdict(verdict).artifacts(Map.of("cpu.diff", "cpu.diff.html")).build();
        ComparisonJson.write(c, project.resolve(module).resolve("target/flamegate").resolve(id).resolve(ComparisonJson.FILE_NAME));
    }

    private static FlamegateCliTest.Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FlamegateCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        ((PostCommentCommand) cli.getSubcommands().get("post-comment").getCommand()).environment = env::get;
        return new FlamegateCliTest.Run(cli.execute(args), out.toString(), err.toString());
    }

    @Test
    void reportWritesTheThreeFilesAndPrintsTheStatus() {
        result("orders", "com.acme.OrdersTest#slower", Verdict.REGRESSION);
        result("pricing", "com.acme.PricingTest#same", Verdict.PASS);

        FlamegateCliTest.Run run = FlamegateCliTest.run("report", "--root", project.toString(),
                "--artifact-url", "https://github.com/acme/shop/actions/runs/5", "--max-chars", "20000");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("[flamegate] 1 regression, 0 improvements, 0 inconclusive — 2 checked");
        Path out = project.resolve("target/flamegate");
        assertThat(out.resolve("summary.json")).exists();
        assertThat(out.resolve("index.html")).exists();
        assertThat(out.resolve("pr-comment.md")).content().startsWith(PrCommentRenderer.MARKER)
                .contains("https://github.com/acme/shop/actions/runs/5");
        assertThat(FlamegateCliTest.run("report", "--root", project.toString(), "--fail-on-regression").exitCode())
                .isEqualTo(ExitCodes.REGRESSION);
    }

    @Test
    void reportExitsWith2AndNamesUnreadableResults() throws Exception {
        result("orders", "ok", Verdict.PASS);
        Path broken = project.resolve("orders/target/flamegate/broken/result.json");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, "{\"schemaVersion\":");

        FlamegateCliTest.Run run = FlamegateCliTest.run("report", "--root", project.toString(), "--out", project.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.errLines()).singleElement().asString().startsWith("[flamegate] unreadable result ../orders/target/flamegate/broken/result.json: ")
                .contains("not valid JSON");
        assertThat(project.resolve("r/pr-comment.md")).content().contains("Unreadable result files");
    }

    @Test
    void reportRejectsBadOptionsOnOneLine() {
        assertThat(FlamegateCliTest.run("report", "--root", project.toString(), "--max-chars", "10").err())
                .startsWith("[flamegate] --max-chars must be at least 1000").doesNotContain("\tat ");
        assertThat(FlamegateCliTest.run("report", "--root", project.toString(), "--artifact-url", "javascript:alert(1)").exitCode())
                .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(FlamegateCliTest.run("report", "--root", project.toString(), "--redact", "(").err())
                .contains("--redact ( is not a valid regular expression");
    }

    @Test
    void postCommentCreatesThenUpdatesThroughTheApi() throws Exception {
        Path body = Files.writeString(project.resolve("pr-comment.md"), PrCommentRenderer.MARKER + "\nfirst\n");
        try (FakeGitHubApi api = new FakeGitHubApi("acme/shop", 12)) {
            String[] args = {"post-comment", "--repo", "acme/shop", "--pr", "12", "--body", body.toString(),
                    "--api-url", api.url().toString()};
            FlamegateCliTest.Run created = run(Map.of("GITHUB_TOKEN", TOKEN), args);
            assertThat(created.exitCode()).as(created.err()).isZero();
            assertThat(created.out()).startsWith("[flamegate] created comment ");

            Files.writeString(body, PrCommentRenderer.MARKER + "\nsecond\n");
            FlamegateCliTest.Run updated = run(Map.of("GITHUB_TOKEN", TOKEN), args);
            assertThat(updated.out()).startsWith("[flamegate] updated comment ");
            assertThat(api.comments()).hasSize(1).containsValue(PrCommentRenderer.MARKER + "\nsecond\n");
        }
    }

    @Test
    void postCommentErrorsAreOneLineAndNeverShowTheToken() throws Exception {
        Path body = Files.writeString(project.resolve("pr-comment.md"), PrCommentRenderer.MARKER + "\nx\n");
        try (FakeGitHubApi api = new FakeGitHubApi("acme/shop", 12)) {
            api.failWith(403, "{\"message\":\"Resource not accessible by integration " + TOKEN + "\"}");
            FlamegateCliTest.Run forbidden = run(Map.of("MY_TOKEN", TOKEN), "post-comment", "--repo", "acme/shop", "--pr", "12",
                    "--body", body.toString(), "--api-url", api.url().toString(), "--token-env", "MY_TOKEN");
            assertThat(forbidden.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(forbidden.errLines()).singleElement().asString().contains("403", "pull-requests: write");
            assertThat(forbidden.err() + forbidden.out()).doesNotContain(TOKEN);
        }
        FlamegateCliTest.Run noToken = run(Map.of(), "post-comment", "--repo", "acme/shop", "--pr", "12", "--body", body.toString());
        assertThat(noToken.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(noToken.err()).contains("no GitHub token");
        FlamegateCliTest.Run missing = run(Map.of("GITHUB_TOKEN", TOKEN), "post-comment", "--repo", "acme/shop", "--pr", "12",
                "--body", project.resolve("nope.md").toString());
        assertThat(missing.err()).contains("nope.md: cannot read the comment body (NoSuchFileException)");
    }
}
