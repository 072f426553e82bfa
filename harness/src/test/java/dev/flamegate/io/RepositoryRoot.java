package dev.flamegate.io;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root directory for tests that check committed files (found by its {@code ci/} directory). */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    public static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("ci/workflows"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("repository root (with ci/workflows) not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
