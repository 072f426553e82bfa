package dev.flamegate.baseline;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where baselines live when no one says: beside the project's root, so every module of a build shares one tree. */
public final class BaselineDirectory {

    private BaselineDirectory() {
    }

    /**
     * The {@code baselines} directory beside the nearest ancestor of the working directory that has a
     * {@code baselines} directory or a {@code .git}; the working directory's own when there is none.
     */
    public static Path nearest() {
        return nearest(Path.of("").toAbsolutePath());
    }

    /** As {@link #nearest()}, searching upwards from {@code start}. */
    public static Path nearest(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("baselines")) || Files.exists(dir.resolve(".git"))) {
                return dir.resolve("baselines");
            }
        }
        return start.resolve("baselines");
    }
}
