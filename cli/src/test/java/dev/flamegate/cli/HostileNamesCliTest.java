package dev.flamegate.cli;

import static dev.flamegate.report.HostileNames.ESC;
import static dev.flamegate.report.HostileNames.FRAMES;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The hostile frame names of {@code HostileNames} through the command line: text on a terminal, never control. */
class HostileNamesCliTest {

    @TempDir
    Path dir;

    @Test
    void cliOutputShowsNoControlCharacterOfAFrameName() throws IOException {
        String frames = String.join(";", FRAMES).replace("\r", "").replace("\n", "").replace(";", ".");
        Path before = Files.writeString(dir.resolve("before.collapsed"), "main;" + frames + " 10\nmain;b 10\n");
        Path after = Files.writeString(dir.resolve("after.collapsed"), "main;" + frames + " 30\nmain;b 10\n");
        Path roundsBefore = Files.createDirectories(dir.resolve("base"));
        Path roundsAfter = Files.createDirectories(dir.resolve("new"));
        for (int i = 1; i <= 3; i++) {
            Files.copy(before, roundsBefore.resolve("r" + i + ".collapsed"));
            Files.copy(after, roundsAfter.resolve("r" + i + ".collapsed"));
        }

        for (String[] args : List.of(new String[] {"top", before.toString(), after.toString()},
                new String[] {"compare", roundsBefore.toString(), roundsAfter.toString()},
                new String[] {"diff", before.toString(), after.toString(), "-o", dir.resolve("d.html").toString()})) {
            StringWriter out = new StringWriter();
            CommandLine cli = FlamegateCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(out, true));
            cli.execute(args);

            assertThat(out.toString()).as(args[0]).isNotEmpty().doesNotContain(ESC, "\u0007")
                    .satisfies(text -> assertThat(text.lines()).allSatisfy(line -> assertThat(line).hasSizeLessThan(2_000)));
        }
    }
}
