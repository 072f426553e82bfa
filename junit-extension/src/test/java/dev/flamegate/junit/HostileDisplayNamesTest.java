package dev.flamegate.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.junit.fixtures.HostileNameFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Display names with path separators, {@code ..}, ANSI escapes and line breaks, through the JUnit engine. */
class HostileDisplayNamesTest {

    @TempDir
    Path work;

    @Test
    void eachInvocationGetsOneSafeDirectoryAndTheConsoleStaysClean() throws IOException {
        Path baselines = work.resolve("baselines");
        Path output = work.resolve("output");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            new EngineRuns(baselines, output).run(HostileNameFixture.class, Map.of(ProfiledTest.MODE_KEY, "record"))
                    .testEvents().assertStatistics(s -> s.succeeded(5).failed(0));
        } finally {
            System.setOut(original);
        }

        assertThat(children(work)).containsExactly("baselines", "output");
        assertThat(children(baselines)).hasSize(5).allSatisfy(name -> assertThat(name)
                .matches("[A-Za-z0-9._~-]+").startsWith("dev.flamegate.junit.fixtures.HostileNameFixture_quotes_"));
        assertThat(children(output)).containsAll(children(baselines)).contains("index.html");
        try (Stream<Path> all = Files.walk(work)) {
            assertThat(all.map(p -> work.relativize(p).getNameCount())).allMatch(depth -> depth <= 3);
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("RECORDED HostileNameFixture.quotes[1: name=../../../etc/passwd] -> " + baselines)
                .contains("quotes[4: name=line one\uFFFDline two]").doesNotContain("\u001b", "\u0007", "[REDACTED]");
    }

    private static List<String> children(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
