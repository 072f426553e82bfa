package dev.flamegate.github;

/**
 * A GitHub API call that failed, with a one-line message saying what to check (token permissions,
 * repository name, pull-request number). The message never contains the token.
 */
public final class GitHubApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    GitHubApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when the API could not be reached. */
    public int status() {
        return status;
    }
}
