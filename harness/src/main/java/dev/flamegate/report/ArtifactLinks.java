package dev.flamegate.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns a path inside the uploaded report artifact into a URL for the PR comment.
 *
 * <p>The base URL given with {@code --artifact-url} is one of:
 * <ul>
 *   <li>a template containing {@value #PATH_PLACEHOLDER}, replaced by the encoded path (for artifacts
 *       served file by file, e.g. from GitHub Pages or a bucket);</li>
 *   <li>a GitHub Actions run or artifact page ({@code …/actions/runs/…}): files inside a zipped artifact
 *       cannot be linked one by one, so every link goes to that page and the comment names the path;</li>
 *   <li>any other http(s) URL: the directory the artifact's files are served under; the path is appended.</li>
 * </ul>
 */
final class ArtifactLinks {

    /** Replaced by the artifact-relative path in a template base URL. */
    public static final String PATH_PLACEHOLDER = "{path}";

    private final String base;
    private final Path outputDirectory;
    private final Path artifactRoot;

    private ArtifactLinks(String base, Path outputDirectory, Path artifactRoot) {
        this.base = base;
        this.outputDirectory = outputDirectory;
        this.artifactRoot = artifactRoot;
    }

    /** Links under {@code baseUrl}; {@code null} or blank means no links (paths are named instead). */
    public static ArtifactLinks of(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return new ArtifactLinks(null, null, null);
        }
        String trimmed = baseUrl.strip();
        URI uri;
        try {
            uri = new URI(trimmed.replace(PATH_PLACEHOLDER, "x"));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--artifact-url is not a valid URL: " + e.getMessage()
                    + ". Pass the run URL, e.g. https://github.com/OWNER/REPO/actions/runs/123");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException("--artifact-url must be an http(s) URL with a host, was " + trimmed);
        }
        return new ArtifactLinks(trimmed, null, null);
    }

    /**
     * These links for a report written to {@code outputDirectory} whose artifact was uploaded from
     * {@code artifactRoot} (the workspace: {@code **}{@code /target/flamegate/**} keeps paths relative to it).
     * Paths given to {@link #url} and {@link #artifactPath} are relative to the output directory.
     */
    public ArtifactLinks within(Path outputDirectory, Path artifactRoot) {
        return new ArtifactLinks(base, outputDirectory.toAbsolutePath().normalize(), artifactRoot.toAbsolutePath().normalize());
    }

    /** {@code reportRelativePath} (relative to the report directory) as a path inside the artifact. */
    public String artifactPath(String reportRelativePath) {
        if (outputDirectory == null) {
            return reportRelativePath;
        }
        Path file = outputDirectory.resolve(reportRelativePath).normalize();
        return file.startsWith(artifactRoot) ? artifactRoot.relativize(file).toString().replace('\\', '/') : reportRelativePath;
    }

    /** Whether there is a base URL at all. */
    public boolean present() {
        return base != null;
    }

    /** Whether links go to one page (a run or artifact page) rather than to each file. */
    public boolean pointsToOnePage() {
        return base != null && !base.contains(PATH_PLACEHOLDER) && base.contains("/actions/runs/");
    }

    /** The URL of {@code relativePath} ({@code /}-separated, relative to the report directory), if there is a base URL. */
    public Optional<String> url(String relativePath) {
        if (base == null) {
            return Optional.empty();
        }
        if (pointsToOnePage()) {
            return Optional.of(base);
        }
        String encoded = encodePath(artifactPath(relativePath));
        if (base.contains(PATH_PLACEHOLDER)) {
            return Optional.of(base.replace(PATH_PLACEHOLDER, encoded));
        }
        return Optional.of(base.endsWith("/") ? base + encoded : base + "/" + encoded);
    }

    /** Percent-encodes every byte of each segment that is not an RFC 3986 unreserved character. */
    static String encodePath(String relativePath) {
        StringBuilder out = new StringBuilder();
        for (byte b : relativePath.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~/".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }
}
