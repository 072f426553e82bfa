package dev.flamegate.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes files so that a reader sees either the old file or the complete new one, never a part: the
 * content goes to a hidden temporary file in the target's directory ({@code .<name>.<random>.tmp}), which
 * then replaces the target by one rename (atomic where the file system supports it). When writing fails
 * (disk full, an exception from the content) the temporary file is deleted and the target is untouched.
 * Parent directories are created. Every file flamegate writes outside baselines goes through here;
 * baselines replace a whole directory at once ({@code BaselineStore}).
 */
public final class AtomicFiles {

    /** Writes a file's text. */
    @FunctionalInterface
    public interface TextContent {
        void writeTo(Writer out) throws IOException;
    }

    /** Writes a file's bytes. */
    @FunctionalInterface
    public interface ByteContent {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes the UTF-8 text {@code content} writes to {@code target}. */
    public static void write(Path target, TextContent content) throws IOException {
        writeBytes(target, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            content.writeTo(writer);
            writer.flush();
        });
    }

    /** Writes {@code text} as UTF-8 to {@code target}. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text));
    }

    /** Writes the bytes {@code content} writes to {@code target}. */
    public static void writeBytes(Path target, ByteContent content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = temporarySibling(absolute);
        try {
            // Not Files.createTempFile: that makes the file owner-only; artifacts should be as readable as any new file.
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            replace(temp, absolute);
        } catch (Throwable e) {
            discard(temp, e);
            throw e;
        }
    }

    /**
     * Moves {@code source} to {@code target} (copying when they are on different file systems), replacing
     * {@code target} only once the whole file is in its directory.
     */
    public static void moveInto(Path source, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = temporarySibling(absolute);
        try {
            try {
                Files.move(source, temp);
            } catch (IOException e) {
                Files.copy(source, temp);
            }
            replace(temp, absolute);
        } catch (Throwable e) {
            discard(temp, e);
            throw e;
        }
    }

    /** Deletes the temporary file after a failure; a failure to delete must not hide the first one. */
    private static void discard(Path temp, Throwable failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static Path temporarySibling(Path absolute) throws IOException {
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        return dir.resolve("." + absolute.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
    }

    private static void replace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
