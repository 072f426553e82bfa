package dev.flamegate.ab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A detached git worktree of one commit, for the base side of an A/B run: the head's checkout stays as it is.
 * {@link #close()} removes it.
 */
public final class GitWorktree implements AutoCloseable {

    private final Path repository;
    private final Path directory;
    private final String commit;
    private final AtomicBoolean removed = new AtomicBoolean();

    private GitWorktree(Path repository, Path directory, String commit) {
        this.repository = repository;
        this.directory = directory;
        this.commit = commit;
    }

    /**
     * Checks {@code ref} of the repository at {@code repository} out into a new temporary directory.
     *
     * @throws AbException when git is missing, {@code repository} is not a git checkout or {@code ref} names no commit
     */
    public static GitWorktree add(Path repository, String ref) {
        if (ref.isBlank() || ref.startsWith("-")) {
            throw new AbException("--base " + ref + " is not a git ref; pass a branch, tag or commit, e.g. --base origin/main");
        }
        String commit = git(repository, "rev-parse", "--verify", "--quiet", ref + "^{commit}").strip();
        Path directory;
        try {
            directory = Files.createTempDirectory("flamegate-ab-base-");
            Files.delete(directory); // git creates it
        } catch (IOException e) {
            throw new AbException("cannot create a temporary directory for the base checkout: " + e.getMessage(), e);
        }
        git(repository, "worktree", "add", "--detach", "--quiet", directory.toString(), commit);
        return new GitWorktree(repository, directory, commit);
    }

    /** Where base is checked out. */
    public Path directory() {
        return directory;
    }

    /** The full commit id checked out. */
    public String commit() {
        return commit;
    }

    /** Removes the worktree; once, however often it is called (also from a shutdown hook). */
    @Override
    public void close() {
        if (removed.compareAndSet(false, true)) {
            git(repository, "worktree", "remove", "--force", directory.toString());
        }
    }

    /** Runs git in {@code repository} and returns its output; fails with what git said. */
    static String git(Path repository, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AbException(String.join(" ", command) + " did not finish in 5 minutes");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AbException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): "
                        + (text.isBlank() ? "no output" : text.strip())
                        + "; run flamegate ab in a git checkout and pass a ref that exists there (fetch it first on CI)");
            }
            return text;
        } catch (IOException e) {
            throw new AbException("cannot run git (" + e.getMessage() + "); flamegate ab needs git on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbException("interrupted while running git", e);
        }
    }
}
