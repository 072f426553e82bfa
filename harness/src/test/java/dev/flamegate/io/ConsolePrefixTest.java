package dev.flamegate.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every module prints its console lines with the one prefix, so one {@code grep '\[flamegate\]'} finds them all. */
class ConsolePrefixTest {

    /** A string literal starting a console line with another spelling of the name. */
    private static final Pattern OTHER_PREFIX = Pattern.compile("\"(# )?flamegate: |\"\\[flamegate\\] ");

    @Test
    void noModulePrintsAnotherPrefix() throws IOException {
        Path root = RepositoryRoot.find();
        List<String> offenders;
        try (Stream<Path> files = Stream.of("harness", "cli", "junit-extension", "jmh-integration")
                .map(m -> root.resolve(m).resolve("src/main/java")).flatMap(ConsolePrefixTest::javaFiles)) {
            offenders = files.filter(f -> !f.getFileName().toString().equals("ConsolePrefix.java"))
                    .flatMap(f -> lines(f).filter(l -> OTHER_PREFIX.matcher(l).find()).map(l -> root.relativize(f) + ": " + l.strip()))
                    .toList();
        }
        assertThat(offenders).isEmpty();
        assertThat(ConsolePrefix.line("1 profiled test: 1 PASS")).isEqualTo("[flamegate] 1 profiled test: 1 PASS");
    }

    private static Stream<Path> javaFiles(Path dir) {
        try {
            return Files.walk(dir).filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
