package dev.flamegate.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny stand-in for the GitHub issue-comments API on loopback: lists comments with
 * {@code per_page}/{@code page} and a {@code Link: rel="next"} header, creates and updates them, or
 * answers every call with a forced error status. {@code GET /user} answers 403 like the {@code GITHUB_TOKEN}
 * of GitHub Actions unless {@link #tokenBelongsTo} names a user.
 */
public final class FakeGitHubApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LIST = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
    private static final Pattern ONE = Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");

    public record Request(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final String repo;
    private final long pr;
    private final Map<Long, String> comments = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<Long, String> authors = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile String tokenLogin;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile int forcedStatus;
    private volatile String forcedBody = "{\"message\":\"forced\"}";
    private volatile String nextLinkHost;
    private volatile Map<String, String> forcedHeaders = Map.of();
    private long nextId = 1000;

    public FakeGitHubApi(String repo, long pr) throws IOException {
        this.repo = repo;
        this.pr = pr;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Adds an existing comment and returns its id. */
    public synchronized long addComment(String body) {
        return addComment(body, "github-actions[bot]");
    }

    /** Adds an existing comment written by {@code author} and returns its id. */
    public synchronized long addComment(String body, String author) {
        long id = nextId++;
        comments.put(id, body);
        authors.put(id, author);
        return id;
    }

    /** Makes {@code GET /user} answer with {@code login} (a personal token) instead of 403. */
    public void tokenBelongsTo(String login) {
        this.tokenLogin = login;
    }

    public Map<Long, String> comments() {
        synchronized (comments) {
            return Map.copyOf(comments);
        }
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public void failWith(int status, String body) {
        failWith(status, body, Map.of());
    }

    public void failWith(int status, String body, Map<String, String> headers) {
        this.forcedHeaders = Map.copyOf(headers);
        this.forcedBody = body;
        this.forcedStatus = status;
    }

    /** Makes the listing's next-page link point to another host. */
    public void linkNextPageTo(String host) {
        this.nextLinkHost = host;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            URI uri = exchange.getRequestURI();
            requests.add(new Request(exchange.getRequestMethod(), uri.getPath() + (uri.getQuery() == null ? "" : "?" + uri.getQuery()),
                    exchange.getRequestHeaders().getFirst("Authorization"), body));
            if (forcedStatus != 0) {
                forcedHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
                respond(exchange, forcedStatus, forcedBody);
                return;
            }
            if (uri.getPath().equals("/user") && exchange.getRequestMethod().equals("GET")) {
                String login = tokenLogin;
                if (login == null) {
                    respond(exchange, 403, "{\"message\":\"Resource not accessible by integration\"}");
                } else {
                    respond(exchange, 200, JSON.createObjectNode().put("login", login).toString());
                }
                return;
            }
            Matcher list = LIST.matcher(uri.getPath());
            Matcher one = ONE.matcher(uri.getPath());
            if (list.matches() && list.group(1).equals(repo) && Long.parseLong(list.group(2)) == pr) {
                if (exchange.getRequestMethod().equals("GET")) {
                    listComments(exchange, uri);
                } else if (exchange.getRequestMethod().equals("POST")) {
                    long id = addComment(JSON.readTree(body).path("body").asText(), tokenLogin == null ? "github-actions[bot]" : tokenLogin);
                    respond(exchange, 201, comment(id).toString());
                } else {
                    respond(exchange, 405, "{\"message\":\"method\"}");
                }
            } else if (one.matches() && one.group(1).equals(repo) && exchange.getRequestMethod().equals("PATCH")
                    && comments.containsKey(Long.parseLong(one.group(2)))) {
                long id = Long.parseLong(one.group(2));
                comments.put(id, JSON.readTree(body).path("body").asText());
                respond(exchange, 200, comment(id).toString());
            } else {
                respond(exchange, 404, "{\"message\":\"Not Found\"}");
            }
        }
    }

    private void listComments(HttpExchange exchange, URI uri) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getQuery() == null ? new String[0] : uri.getQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "30"));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        List<Long> ids;
        synchronized (comments) {
            ids = new ArrayList<>(comments.keySet());
        }
        ArrayNode array = JSON.createArrayNode();
        for (int i = (page - 1) * perPage; i < Math.min(ids.size(), page * perPage); i++) {
            array.add(comment(ids.get(i)));
        }
        if (page * perPage < ids.size()) {
            String host = nextLinkHost == null ? url().toString() : "http://" + nextLinkHost;
            exchange.getResponseHeaders().add("Link", "<" + host + uri.getPath() + "?per_page=" + perPage + "&page=" + (page + 1)
                    + ">; rel=\"next\", <" + host + uri.getPath() + "?page=1>; rel=\"first\"");
        }
        respond(exchange, 200, array.toString());
    }

    private JsonNode comment(long id) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("body", comments.get(id));
        node.put("html_url", "https://github.com/" + repo + "/pull/" + pr + "#issuecomment-" + id);
        node.putObject("user").put("login", authors.getOrDefault(id, "github-actions[bot]"));
        return node;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
