package dev.flamegate.cli;

import dev.flamegate.io.ConsolePrefix;
import dev.flamegate.InvalidInputException;
import dev.flamegate.github.GitHubApiException;
import dev.flamegate.github.GitHubCommentPoster;
import dev.flamegate.report.PrCommentRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flamegate post-comment}: creates or updates the sticky flamegate comment on a pull request. */
@Command(name = "post-comment", mixinStandardHelpOptions = true,
        header = "Post or update the flamegate comment on a pull request.",
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {" 0:The comment was posted or updated.",
        " 2:GitHub refused (401/403/404/422) or could not be reached, or bad usage; the message says what to check.",
        ExitCodes.HELP_INTERNAL}, sortOptions = false,
        description = {"Post pr-comment.md to a pull request, updating the earlier flamegate comment (found by its hidden",
                "marker, written by the token's own identity) instead of adding another. The token is read from an",
                "environment variable and never printed."})
final class PostCommentCommand implements Callable<Integer> {

    @Option(names = "--repo", required = true, paramLabel = "OWNER/NAME", description = "The repository, e.g. acme/shop.")
    String repo;

    @Option(names = "--pr", required = true, paramLabel = "N", description = "The pull-request number.")
    long pr;

    @Option(names = "--body", required = true, paramLabel = "FILE", description = "The comment body, usually target/flamegate/pr-comment.md.")
    Path body;

    @Option(names = "--api-url", paramLabel = "URL", defaultValue = "https://api.github.com",
            description = "GitHub API base URL; for GitHub Enterprise https://HOST/api/v3 (default: ${DEFAULT-VALUE}).")
    URI apiUrl;

    @Option(names = "--token-env", paramLabel = "NAME", defaultValue = "GITHUB_TOKEN",
            description = "Environment variable holding the token (default: ${DEFAULT-VALUE}).")
    String tokenEnv;

    @Option(names = "--app-login", paramLabel = "LOGIN",
            description = {"The login the token writes comments as, e.g. my-app[bot] for a GitHub App token (default: asked of",
                    "GET /user; github-actions[bot] for the GITHUB_TOKEN of GitHub Actions). Only its comment is updated."})
    String appLogin;

    @Spec
    CommandSpec spec;

    /** Where environment variables come from; tests replace it. */
    UnaryOperator<String> environment = System::getenv;

    @Override
    public Integer call() {
        String text = readBody(body);
        GitHubCommentPoster.Posted posted;
        try {
            GitHubCommentPoster poster = GitHubCommentPoster.create(apiUrl, environment.apply(tokenEnv), PrCommentRenderer.MARKER);
            if (appLogin != null) {
                poster = poster.withLogin(appLogin);
            }
            posted = poster.post(repo, pr, text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (GitHubApiException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(ConsolePrefix.PREFIX + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(ConsolePrefix.PREFIX + (posted.action() == GitHubCommentPoster.Action.CREATED ? "created" : "updated")
                + " comment " + posted.commentId() + (posted.htmlUrl().isEmpty() ? "" : " " + posted.htmlUrl()));
        out.flush();
        return ExitCodes.OK;
    }

    private static String readBody(Path file) {
        String remedy = "Write it with `flamegate report`";
        try {
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (text.isBlank()) {
                throw new InvalidInputException(file.toString(), InvalidInputException.NO_LINE, "the comment body is empty", remedy);
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file.toString(), InvalidInputException.NO_LINE, "the comment body is not UTF-8 text", remedy, e);
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), InvalidInputException.NO_LINE,
                    "cannot read the comment body (" + e.getClass().getSimpleName() + ")", remedy, e);
        }
    }
}
