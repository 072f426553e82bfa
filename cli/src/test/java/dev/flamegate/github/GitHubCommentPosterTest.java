package dev.flamegate.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.report.PrCommentRenderer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitHubCommentPosterTest {

    private static final String TOKEN = "ghs_faketoken0123456789abcdefghij";
    private static final String MARKER = PrCommentRenderer.MARKER;
    private static final String BODY = MARKER + "\n## flamegate: 0 regressions, 0 improvements, 0 inconclusive — 3 checked\n";

    private FakeGitHubApi api;
    private GitHubCommentPoster poster;

    @BeforeEach
    void start() throws IOException {
        api = new FakeGitHubApi("acme/shop", 7);
        poster = GitHubCommentPoster.create(api.url(), TOKEN, MARKER);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void createsTheCommentWhenNoneHasTheMarker() {
        api.addComment("LGTM");
        api.addComment("<!-- other-bot -->\nsomething");

        GitHubCommentPoster.Posted posted = poster.post("acme/shop", 7, BODY);

        assertThat(posted.action()).isEqualTo(GitHubCommentPoster.Action.CREATED);
        assertThat(api.comments()).hasSize(3).containsEntry(posted.commentId(), BODY);
        assertThat(posted.htmlUrl()).endsWith("#issuecomment-" + posted.commentId());
        assertThat(api.requests()).extracting(FakeGitHubApi.Request::method).containsExactly("GET", "POST");
        assertThat(api.requests()).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + TOKEN));
        assertThat(api.requests().get(0).path()).isEqualTo("/repos/acme/shop/issues/7/comments?per_page=100");
    }

    @Test
    void updatesTheMarkedCommentInPlace() {
        api.addComment("first!");
        long mine = api.addComment(MARKER + "\nold report");

        GitHubCommentPoster.Posted posted = poster.post("acme/shop", 7, BODY);

        assertThat(posted.action()).isEqualTo(GitHubCommentPoster.Action.UPDATED);
        assertThat(posted.commentId()).isEqualTo(mine);
        assertThat(api.comments()).hasSize(2).containsEntry(mine, BODY);
        assertThat(api.requests()).extracting(FakeGitHubApi.Request::path).containsExactly(
                "/repos/acme/shop/issues/7/comments?per_page=100", "/user", "/repos/acme/shop/issues/comments/" + mine);
        assertThat(api.requests().get(2).method()).isEqualTo("PATCH");
    }

    @Test
    void aMarkedCommentOfSomeoneElseIsNeverUpdated() {
        long foreign = api.addComment(MARKER + "\nplanted by a visitor", "mallory");
        long mine = api.addComment(MARKER + "\nold report", "github-actions[bot]");

        GitHubCommentPoster.Posted posted = poster.post("acme/shop", 7, BODY);

        assertThat(posted.action()).isEqualTo(GitHubCommentPoster.Action.UPDATED);
        assertThat(posted.commentId()).isEqualTo(mine);
        assertThat(api.comments()).containsEntry(foreign, MARKER + "\nplanted by a visitor").containsEntry(mine, BODY);
    }

    @Test
    void onlyAForeignMarkedCommentMeansANewComment() {
        long foreign = api.addComment(MARKER + "\nplanted by a visitor", "mallory");

        GitHubCommentPoster.Posted posted = poster.post("acme/shop", 7, BODY);

        assertThat(posted.action()).isEqualTo(GitHubCommentPoster.Action.CREATED);
        assertThat(api.comments()).hasSize(2).containsEntry(foreign, MARKER + "\nplanted by a visitor")
                .containsEntry(posted.commentId(), BODY);
        assertThat(api.requests()).extracting(FakeGitHubApi.Request::method).doesNotContain("PATCH");
    }

    @Test
    void thePersonalTokensOwnerIsAskedOfTheApiAndAGivenLoginWins() {
        api.tokenBelongsTo("alice");
        long actions = api.addComment(MARKER + "\nby the workflow", "github-actions[bot]");
        long alices = api.addComment(MARKER + "\nby alice", "alice");
        long apps = api.addComment(MARKER + "\nby the app", "perf-app[bot]");

        assertThat(poster.post("acme/shop", 7, BODY).commentId()).isEqualTo(alices);
        assertThat(poster.withLogin("perf-app[bot]").post("acme/shop", 7, BODY).commentId()).isEqualTo(apps);
        assertThat(api.comments().get(actions)).isEqualTo(MARKER + "\nby the workflow");
        assertThat(api.requests()).extracting(FakeGitHubApi.Request::path).filteredOn("/user"::equals).hasSize(1);
    }

    @Test
    void aMalformedTokenIsNeverPrinted() {
        String secretPart = "ghp_0123456789abcdefghijABCDEFGHIJ";
        for (String token : List.of(secretPart + "\nX-Injected: 1", secretPart + " trailing", "\u0000" + secretPart)) {
            assertThatThrownBy(() -> GitHubCommentPoster.create(api.url(), token, MARKER))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("check the secret passed in --token-env")
                    .hasMessageNotContaining(secretPart).hasMessageNotContaining("ghp_").hasMessageNotContaining("\n");
        }
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void aServerThatTricklesItsAnswerFailsWithinTheBound() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread trickler = new Thread(() -> trickle(server), "trickler");
            trickler.setDaemon(true);
            trickler.start();
            GitHubCommentPoster slow = GitHubCommentPoster.create(URI.create("http://127.0.0.1:" + server.getLocalPort()),
                    TOKEN, MARKER).withTimeout(Duration.ofSeconds(3));
            long start = System.nanoTime();

            assertThatThrownBy(() -> slow.post("acme/shop", 7, BODY))
                    .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.getMessage())
                            .contains("did not answer completely within 3 s").doesNotContain(TOKEN).doesNotContain("\n"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            trickler.interrupt();
        }
    }

    /** Answers one request with complete headers, then one byte of a long body per second. */
    private static void trickle(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.getInputStream().read(new byte[8192]);
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(1000);
                out.write(' ');
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up, as it should
        }
    }

    @Test
    void findsTheMarkedCommentOnALaterPage() {
        for (int i = 0; i < 150; i++) {
            api.addComment("chatter " + i);
        }
        long mine = api.addComment(MARKER + "\nold report");

        GitHubCommentPoster.Posted posted = poster.post("acme/shop", 7, BODY);

        assertThat(posted.action()).isEqualTo(GitHubCommentPoster.Action.UPDATED);
        assertThat(posted.commentId()).isEqualTo(mine);
        assertThat(api.requests()).extracting(FakeGitHubApi.Request::path).containsExactly(
                "/repos/acme/shop/issues/7/comments?per_page=100",
                "/repos/acme/shop/issues/7/comments?per_page=100&page=2", "/user",
                "/repos/acme/shop/issues/comments/" + mine);
        assertThat(api.comments()).hasSize(151);
    }

    @Test
    void aQuotedMarkerInsideSomeoneElsesCommentIsNotOurs() {
        api.addComment("> " + MARKER + " why is this here?");
        assertThat(poster.post("acme/shop", 7, BODY).action()).isEqualTo(GitHubCommentPoster.Action.CREATED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "401;the token was rejected",
            "403;permissions: pull-requests: write",
            "404;Check the repository name (--repo acme/shop), the pull-request number (--pr 7)",
            "422;GitHub rejected the comment",
            "500;unexpected status"})
    void explainsEachErrorStatusOnOneLineWithoutTheToken(int status, String advice) {
        api.failWith(status, "{\"message\":\"Bad credentials for " + TOKEN + "\"}");

        assertThatThrownBy(() -> poster.post("acme/shop", 7, BODY))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.getMessage()).startsWith("GitHub API " + status + " on GET for acme/shop#7")
                            .contains(advice).doesNotContain(TOKEN).doesNotContain("\n");
                });
    }

    @Test
    void rateLimitIsNotMistakenForMissingPermissions() {
        api.failWith(403, "{\"message\":\"API rate limit exceeded\"}", java.util.Map.of("x-ratelimit-remaining", "0"));
        assertThatThrownBy(() -> poster.post("acme/shop", 7, BODY))
                .hasMessageContaining("API rate limit exceeded").hasMessageContaining("rate limit is exhausted")
                .hasMessageNotContaining("pull-requests: write");
    }

    @Test
    void unknownRepositoryIs404WithAdvice() {
        assertThatThrownBy(() -> poster.post("acme/other", 7, BODY))
                .isInstanceOf(GitHubApiException.class)
                .hasMessageContaining("404").hasMessageContaining("--repo acme/other");
    }

    @Test
    void neverFollowsANextPageLinkToAnotherHost() {
        for (int i = 0; i < 101; i++) {
            api.addComment("chatter " + i);
        }
        api.linkNextPageTo("evil.example.com");
        assertThatThrownBy(() -> poster.post("acme/shop", 7, BODY))
                .isInstanceOf(GitHubApiException.class)
                .hasMessageContaining("refusing to send the token there");
        assertThat(api.requests()).hasSize(1);
    }

    @Test
    void rejectsBadArgumentsBeforeCallingGitHub() {
        assertThatThrownBy(() -> poster.post("acme/shop; rm -rf /", 7, BODY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--repo must be OWNER/NAME");
        assertThatThrownBy(() -> poster.post("acme/shop", 0, BODY)).hasMessageContaining("--pr must be a positive");
        assertThatThrownBy(() -> poster.post("acme/shop", 7, "no marker")).hasMessageContaining("does not start with the marker");
        assertThatThrownBy(() -> poster.post("acme/shop", 7, MARKER + "x".repeat(70_000))).hasMessageContaining("GitHub allows 65536");
        assertThatThrownBy(() -> GitHubCommentPoster.create(api.url(), " ", MARKER)).hasMessageContaining("no GitHub token");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void unreachableApiGivesOneLine() {
        api.close();
        assertThatThrownBy(() -> poster.post("acme/shop", 7, BODY))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.getMessage())
                        .startsWith("cannot reach the GitHub API at " + api.url()).doesNotContain("\n").doesNotContain(TOKEN));
    }
}
