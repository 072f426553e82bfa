package dev.flamegate.ab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandSideRunnerTest {

    @TempDir
    Path dir;

    private CommandSideRunner runner(CommandSideRunner.PropertiesVia via, Duration timeout, String script) throws IOException {
        Path base = Files.createDirectories(dir.resolve("base-tree"));
        Path head = Files.createDirectories(dir.resolve("head-tree"));
        Files.writeString(base.resolve("side.txt"), "base");
        Files.writeString(head.resolve("side.txt"), "head");
        return new CommandSideRunner(List.of("sh", "-c", script, "sh"), Map.of(Side.BASE, base, Side.HEAD, head),
                dir.resolve("pairs"), via, timeout);
    }

    @Test
    void theSettingsAreAppendedAsArgumentsAndTheCommandRunsInItsSidesTree() throws IOException {
        SideRun run = runner(CommandSideRunner.PropertiesVia.ARGUMENTS, Duration.ofMinutes(1),
                "cat side.txt; echo; for a in \"$@\"; do echo \"$a\"; done").run(3, Side.HEAD, Set.of("b#t", "a#t"));

        String log = Files.readString(run.log());
        assertThat(run.log()).isEqualTo(dir.resolve("pairs").resolve("pair-03").resolve("head").resolve("run.log"));
        assertThat(log).startsWith("head").contains("-Dflamegate.mode=record")
                .contains("-Dflamegate.baselines.dir=" + dir.resolve("pairs/pair-03/head/baselines").toAbsolutePath())
                .contains("-Dflamegate.only=a#t,b#t");
        assertThat(run.exitCode()).isZero();
        assertThat(run.recorded()).isEmpty();
    }

    @Test
    void otherLaunchersGetThemInJavaToolOptions() throws IOException {
        SideRun run = runner(CommandSideRunner.PropertiesVia.JAVA_TOOL_OPTIONS, Duration.ofMinutes(1),
                "echo \"$JAVA_TOOL_OPTIONS\"; exit 4").run(1, Side.BASE, Set.of());

        assertThat(Files.readString(run.log())).contains("-Dflamegate.mode=record -Dflamegate.baselines.dir=")
                .doesNotContain("flamegate.only");
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.failed()).isTrue();
    }

    @Test
    void aSideThatHangsIsStoppedAndCountedAsFailed() throws IOException {
        SideRun run = runner(CommandSideRunner.PropertiesVia.ARGUMENTS, Duration.ofMillis(300), "sleep 30")
                .run(1, Side.BASE, Set.of());

        assertThat(run.failed()).isTrue();
        assertThat(Files.readString(run.log())).contains("stopped after");
        assertThat(run.took()).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aCommandThatCannotStartSaysSo() throws IOException {
        Path base = Files.createDirectories(dir.resolve("b"));
        CommandSideRunner missing = new CommandSideRunner(List.of("no-such-command-flamegate"), Map.of(Side.BASE, base,
                Side.HEAD, base), dir.resolve("pairs"), CommandSideRunner.PropertiesVia.ARGUMENTS, Duration.ofMinutes(1));

        assertThatThrownBy(() -> missing.run(1, Side.BASE, Set.of())).isInstanceOf(AbException.class)
                .hasMessageContaining("no-such-command-flamegate").hasMessageContaining("check that the command exists");
    }

    @Test
    void aPathWithASpaceCannotGoThroughJavaToolOptions() {
        assertThatThrownBy(() -> CommandSideRunner.javaToolOptions(Map.of("flamegate.output.dir", "/tmp/my dir")))
                .isInstanceOf(AbException.class).hasMessageContaining("--properties-via arguments");
    }
}
