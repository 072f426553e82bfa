package dev.flamegate.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the {@code result.json} files of a run: every {@code **}{@code /target/flamegate/**}{@code /result.json}
 * under the given roots (all modules of a multi-module build), or under a root that is itself inside
 * a {@code target/flamegate} directory. Symbolic links are not followed; {@code .git} and
 * {@code node_modules} are not entered. Directories that cannot be read are reported, not skipped.
 */
final class ResultScanner {

    /** The file name front ends write each result to. */
    public static final String RESULT_FILE = "result.json";

    private ResultScanner() {
    }

    /** What a scan found: result files in path order and the directories it could not read. */
    public record Found(List<Path> resultFiles, List<ReportError> unreadable) {
        public Found {
            resultFiles = List.copyOf(resultFiles);
            unreadable = List.copyOf(unreadable);
        }
    }

    /** Scans {@code roots}; a missing root is reported as unreadable. */
    public static Found scan(List<Path> roots) {
        return scan(roots, Set.of());
    }

    /**
     * Scans {@code roots}; those among {@code anyName} (absolute, normalised) count as flamegate output
     * directories whatever they are called, so all their result files are taken.
     */
    public static Found scan(List<Path> roots, Set<Path> anyName) {
        TreeSet<Path> files = new TreeSet<>();
        List<ReportError> unreadable = new ArrayList<>();
        for (Path root : roots) {
            Path absolute = root.toAbsolutePath().normalize();
            if (!Files.isDirectory(absolute)) {
                unreadable.add(new ReportError(absolute.toString(), "not a directory. Pass the project root with --root"));
                continue;
            }
            boolean insideFlamegate = isUnderFlamegateDirectory(absolute) || anyName.contains(absolute);
            // Relative to the parent so that a root named target (or flamegate) still matches its own name.
            Path base = absolute.getParent() == null ? absolute : absolute.getParent();
            try {
                Files.walkFileTree(absolute, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                        return !dir.equals(absolute) && (name.equals(".git") || name.equals("node_modules"))
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && file.getFileName().toString().equals(RESULT_FILE)
                                && (insideFlamegate || isUnderFlamegateDirectory(base.relativize(file)))) {
                            files.add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        unreadable.add(new ReportError(file.toString(), "cannot read: " + e.getClass().getSimpleName()
                                + (e.getMessage() == null ? "" : " " + e.getMessage())
                                + ". Check the file permissions; results below it are missing from this report"));
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot scan " + root + ": " + e.getMessage(), e);
            }
        }
        Collections.sort(unreadable);
        return new Found(new ArrayList<>(files), unreadable);
    }

    /** Whether {@code path} has consecutive segments {@code target/flamegate}. */
    static boolean isUnderFlamegateDirectory(Path path) {
        for (int i = 0; i + 1 < path.getNameCount(); i++) {
            if (path.getName(i).toString().equals("target") && path.getName(i + 1).toString().equals("flamegate")) {
                return true;
            }
        }
        return false;
    }
}
