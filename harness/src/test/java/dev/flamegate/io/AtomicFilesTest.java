package dev.flamegate.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void replacesTheFileAndCreatesParents() throws IOException {
        Path target = dir.resolve("a/b/out.txt");
        AtomicFiles.writeString(target, "old");
        AtomicFiles.write(target, out -> out.write("new ✓"));

        assertThat(target).hasContent("new ✓");
        assertThat(names(target.getParent())).containsExactly("out.txt");
    }

    @Test
    void aFailureHalfWayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicFiles.writeString(target, "old");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half of the new content");
            out.flush();
            throw new IOException("No space left on device");
        })).isInstanceOf(IOException.class).hasMessage("No space left on device");
        assertThatThrownBy(() -> AtomicFiles.writeBytes(target, out -> {
            out.write(new byte[] {1, 2, 3});
            throw new IllegalStateException("renderer bug");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(target).hasContent("old");
        assertThat(names(dir)).containsExactly("out.txt");
    }

    @Test
    void anUnwritableTargetFailsWithoutLeavingAFile() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");

        assertThatThrownBy(() -> AtomicFiles.writeString(notADirectory.resolve("out.txt"), "text"))
                .isInstanceOf(IOException.class);
        assertThat(names(dir)).containsExactly("plain");
    }

    @Test
    void movesAFileInFromAnotherDirectory() throws IOException {
        Path source = Files.writeString(Files.createDirectory(dir.resolve("work")).resolve("window-1.jfr"), "recording");
        Path target = dir.resolve("artifacts/profile.jfr");

        AtomicFiles.moveInto(source, target);

        assertThat(target).hasContent("recording");
        assertThat(source).doesNotExist();
        assertThat(names(target.getParent())).containsExactly("profile.jfr");
    }

    @Test
    void theFileIsAsReadableAsAnyNewFileNotOwnerOnly() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.writeString(atomic, "x");

        assertThat(Files.getPosixFilePermissions(atomic)).isEqualTo(Files.getPosixFilePermissions(plain))
                .contains(PosixFilePermission.OWNER_READ);
    }
}
