package dev.flamegate.capture;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Owner-only files for raw recordings. A JFR recording holds the JVM's system properties, environment and
 * command line, so it must never be readable by other users of a shared machine: directories are created
 * {@code rwx------} and files {@code rw-------} (on file systems without POSIX permissions, with the
 * platform's defaults for temporary files).
 */
public final class PrivateFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {
    }

    /** A new owner-only directory under {@code java.io.tmpdir}, named {@code prefix} plus a random part. */
    public static Path createTempDirectory(String prefix) throws IOException {
        return POSIX
                ? Files.createTempDirectory(prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory(prefix);
    }

    /**
     * A new empty owner-only file; writers that open it again (async-profiler, JFR) truncate it and keep
     * its mode, so what they write is private from the first byte.
     */
    public static Path createFile(Path file) throws IOException {
        FileAttribute<?>[] attributes = POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        return Files.createFile(file, attributes);
    }

    /** Deletes {@code root} and everything under it, if it exists. */
    public static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
