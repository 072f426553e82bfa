package dev.flamegate.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Posts or updates the one sticky flamegate comment on a pull request through the GitHub REST API.
 *
 * <p>The comment is found by a hidden marker at the start of its body: the poster pages through
 * {@code GET /repos/{owner}/{repo}/issues/{pr}/comments?per_page=100} (following {@code Link: rel="next"}
 * only to the same API host), updates the first match with {@code PATCH /repos/{owner}/{repo}/issues/comments/{id}}
 * or, when there is none, creates one with {@code POST /repos/{owner}/{repo}/issues/{pr}/comments}.
 * Only a comment written by the token's own identity is updated: anyone can write the marker, and updating
 * their comment would let them choose where the report appears. The identity is {@link #withLogin given},
 * or asked of {@code GET /user}; a token that may not ask (the {@code GITHUB_TOKEN} of GitHub Actions) is
 * {@value #ACTIONS_LOGIN}.
 *
 * <p>Failures are {@link GitHubApiException}s with one line saying what to check. The token is sent
 * only in the {@code Authorization} header to the configured API host and never appears in a message,
 * not even when it is malformed. Each call to the API, connection, headers and body, ends within the
 * timeout (60 s), so a server that stalls or trickles its answer cannot hang a build.
 */
public final class GitHubCommentPoster {

    /** The public GitHub API. */
    public static final URI DEFAULT_API_URL = URI.create("https://api.github.com");
    /** GitHub's maximum comment body length. */
    public static final int MAX_BODY_CHARS = 65_536;

    /** Who writes comments with the {@code GITHUB_TOKEN} of GitHub Actions. */
    public static final String ACTIONS_LOGIN = "github-actions[bot]";

    /** What a token can be made of: visible ASCII characters, no spaces, line breaks or control characters. */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]+");
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    private static final int MAX_PAGES = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI apiUrl;
    private final String token;
    private final String marker;
    private final Duration timeout;
    private final String login;

    private GitHubCommentPoster(HttpClient client, URI apiUrl, String token, String marker, Duration timeout, String login) {
        this.client = Objects.requireNonNull(client, "client");
        String base = Objects.requireNonNull(apiUrl, "apiUrl").toString();
        this.apiUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        if (this.apiUrl.getScheme() == null || this.apiUrl.getHost() == null
                || !this.apiUrl.getScheme().matches("(?i)https?")) {
            throw new IllegalArgumentException("--api-url must be an http(s) URL, was " + apiUrl);
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no GitHub token: set the environment variable named by --token-env "
                    + "(default GITHUB_TOKEN), e.g. env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}");
        }
        if (!TOKEN.matcher(token.strip()).matches()) {
            // Never echo it: a malformed token is still most of a secret.
            throw new IllegalArgumentException("the GitHub token (" + token.strip().length() + " characters) contains"
                    + " spaces, line breaks or other characters a token cannot have; check the secret passed in --token-env");
        }
        this.token = token.strip();
        this.marker = Objects.requireNonNull(marker, "marker");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.login = login;
    }

    /**
     * A poster for the API at {@code apiUrl} (e.g. {@link #DEFAULT_API_URL} or a GitHub Enterprise
     * {@code https://ghe.example.com/api/v3}), authenticating with {@code token}, finding the comment
     * by {@code marker}.
     */
    public static GitHubCommentPoster create(URI apiUrl, String token, String marker) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new GitHubCommentPoster(client, apiUrl, token, marker, Duration.ofSeconds(60), null);
    }

    /**
     * This poster, taking {@code value} as the login the token writes comments as instead of asking
     * {@code GET /user}: for a GitHub App's installation token, {@code <app-slug>[bot]}.
     */
    public GitHubCommentPoster withLogin(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--app-login must not be empty");
        }
        return new GitHubCommentPoster(client, apiUrl, token, marker, timeout, value.strip());
    }

    /** This poster with another bound on each call to the API, connection, headers and body included. */
    GitHubCommentPoster withTimeout(Duration value) {
        return new GitHubCommentPoster(client, apiUrl, token, marker, value, login);
    }

    /** What {@link #post} did. */
    public enum Action {
        CREATED,
        UPDATED
    }

    /**
     * The outcome of a post.
     *
     * @param action created or updated
     * @param commentId the comment's id
     * @param htmlUrl the comment's web address (empty when the API did not say)
     */
    public record Posted(Action action, long commentId, String htmlUrl) {
    }

    /**
     * Creates or updates the sticky comment on pull request {@code pr} of {@code repo} ({@code OWNER/NAME}).
     *
     * @throws IllegalArgumentException for a malformed repository name, PR number, or a body without the marker
     *     or over {@value #MAX_BODY_CHARS} characters
     * @throws GitHubApiException when GitHub refuses or cannot be reached
     */
    public Posted post(String repo, long pr, String body) {
        if (repo == null || !REPO.matcher(repo).matches()) {
            throw new IllegalArgumentException("--repo must be OWNER/NAME, was " + repo);
        }
        if (pr <= 0) {
            throw new IllegalArgumentException("--pr must be a positive pull-request number, was " + pr);
        }
        if (!body.startsWith(marker)) {
            throw new IllegalArgumentException("the comment body does not start with the marker " + marker
                    + "; write it with `flamegate report`, which adds it, so that later runs update this comment");
        }
        if (body.length() > MAX_BODY_CHARS) {
            throw new IllegalArgumentException("the comment body has " + body.length() + " characters, GitHub allows "
                    + MAX_BODY_CHARS + "; write it with `flamegate report --max-chars " + MAX_BODY_CHARS + "`");
        }
        Context context = new Context(repo, pr);
        ObjectNode payload = JSON.createObjectNode().put("body", body);
        Optional<Long> existing = findComment(context);
        JsonNode response;
        if (existing.isPresent()) {
            response = send(context, "PATCH", apiUrl + "/repos/" + repo + "/issues/comments/" + existing.get(), payload);
            return new Posted(Action.UPDATED, existing.get(), response.path("html_url").asText(""));
        }
        response = send(context, "POST", apiUrl + "/repos/" + repo + "/issues/" + pr + "/comments", payload);
        return new Posted(Action.CREATED, response.path("id").asLong(), response.path("html_url").asText(""));
    }

    /**
     * The id of the first comment whose body starts with the marker and whose author is the token's own
     * identity, paging through all comments; the identity is asked for only once a marked comment is seen.
     */
    Optional<Long> findComment(Context context) {
        String self = null;
        String next = apiUrl + "/repos/" + context.repo + "/issues/" + context.pr + "/comments?per_page=100";
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) {
                throw new GitHubApiException(0, "pull request #" + context.pr + " has more than " + MAX_PAGES * 100
                        + " comments; flamegate stopped looking for its comment");
            }
            HttpResponse<String> response = exchange(context, "GET", next, null);
            JsonNode comments = parse(context, "GET", response);
            if (!comments.isArray()) {
                throw new GitHubApiException(response.statusCode(), "GET comments of " + context.repo + "#" + context.pr
                        + " did not return a list; check --api-url (" + apiUrl + ")");
            }
            for (JsonNode comment : comments) {
                if (comment.path("body").asText("").startsWith(marker) && comment.path("id").canConvertToLong()) {
                    self = self != null ? self : identity(context);
                    if (self.equalsIgnoreCase(comment.path("user").path("login").asText(""))) {
                        return Optional.of(comment.path("id").asLong());
                    }
                }
            }
            next = nextPage(response).orElse(null);
        }
        return Optional.empty();
    }

    /** The login comments made with the token show: given, or {@code GET /user}, or GitHub Actions' bot. */
    private String identity(Context context) {
        if (login != null) {
            return login;
        }
        try {
            HttpResponse<String> response = exchange(context, "GET", apiUrl + "/user", null);
            String name = parse(context, "GET", response).path("login").asText("");
            if (name.isEmpty()) {
                throw new GitHubApiException(response.statusCode(), "GET /user did not say who the token belongs to;"
                        + " check --api-url (" + apiUrl + ") or pass --app-login");
            }
            return name;
        } catch (GitHubApiException e) {
            if (e.status() == 403 || e.status() == 404) {
                return ACTIONS_LOGIN; // installation tokens may not ask; GitHub Actions' token writes as its bot
            }
            throw e;
        }
    }

    private Optional<String> nextPage(HttpResponse<String> response) {
        for (String link : response.headers().allValues("Link")) {
            Matcher matcher = NEXT_LINK.matcher(link);
            if (matcher.find()) {
                URI next = URI.create(matcher.group(1));
                // The token goes only to the API we were given, never to a host a response names.
                if (!Objects.equals(next.getScheme(), apiUrl.getScheme()) || !Objects.equals(next.getHost(), apiUrl.getHost())
                        || next.getPort() != apiUrl.getPort()) {
                    throw new GitHubApiException(response.statusCode(), "the comments page links to another host ("
                            + next.getHost() + "); refusing to send the token there. Check --api-url");
                }
                return Optional.of(next.toString());
            }
        }
        return Optional.empty();
    }

    private JsonNode send(Context context, String method, String url, ObjectNode payload) {
        return parse(context, method, exchange(context, method, url, payload.toString()));
    }

    private HttpResponse<String> exchange(Context context, String method, String url, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "flamegate")
                .header("Authorization", "Bearer " + token);
        if (json == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        // The request timeout ends with the headers; the deadline over the future also bounds the body.
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            response = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new GitHubApiException(0, method + " " + context.repo + "#" + context.pr + ": the GitHub API at " + apiUrl
                    + " did not answer completely within " + timeout.toSeconds() + " s; check --api-url and the network, then retry");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new GitHubApiException(0, "cannot reach the GitHub API at " + apiUrl + " (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + clean(cause.getMessage())) + "); check --api-url and the network");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new GitHubApiException(0, "interrupted while calling the GitHub API");
        }
        if (response.statusCode() / 100 != 2) {
            throw new GitHubApiException(response.statusCode(), explain(context, method, response));
        }
        return response;
    }

    private JsonNode parse(Context context, String method, HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new GitHubApiException(response.statusCode(), method + " " + context.repo + "#" + context.pr
                    + ": GitHub answered with something that is not JSON; check --api-url (" + apiUrl + ")");
        }
    }

    private String explain(Context context, String method, HttpResponse<String> response) {
        int status = response.statusCode();
        String github = githubMessage(response);
        String prefix = "GitHub API " + status + " on " + method + " for " + context.repo + "#" + context.pr
                + (github.isEmpty() ? "" : " (\"" + github + "\")") + ": ";
        return prefix + switch (status) {
            case 401 -> "the token was rejected. Check that the secret passed in --token-env is set, not expired, and meant for "
                    + apiUrl.getHost();
            case 403 -> response.headers().firstValue("x-ratelimit-remaining").filter("0"::equals).isPresent()
                    ? "the API rate limit is exhausted; retry after it resets"
                    : "the token may not write comments. Grant the workflow `permissions: pull-requests: write` and "
                            + "`issues: write`; pull requests from forks get a read-only token, so post from the "
                            + "workflow_run workflow";
            case 404 -> "not found. Check the repository name (--repo " + context.repo + "), the pull-request number (--pr "
                    + context.pr + "), and that the token can see the repository";
            case 422 -> "GitHub rejected the comment. Check that the body is under " + MAX_BODY_CHARS
                    + " characters and that #" + context.pr + " is a pull request or issue that accepts comments";
            default -> "unexpected status. Check --api-url (" + apiUrl + ") and GitHub's status page, then retry";
        };
    }

    private String githubMessage(HttpResponse<String> response) {
        try {
            String message = JSON.readTree(response.body()).path("message").asText("");
            return clean(message.length() > 160 ? message.substring(0, 160) + "…" : message);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** One line, and never the token even if a server echoes it. */
    private String clean(String text) {
        return text.replace(token, "***").replaceAll("[\\r\\n]+", " ").replace('"', '\'').strip();
    }

    /** Which pull request a call is about, for messages. */
    record Context(String repo, long pr) {
    }

    @Override
    public String toString() {
        return "GitHubCommentPoster[" + apiUrl + "]";
    }
}
