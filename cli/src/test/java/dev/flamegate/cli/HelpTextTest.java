package dev.flamegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every command's {@code --help} reads as written: no picocli formatting warning (an unescaped {@code %}),
 * no doubled {@code %%}, a one-sentence header in the command list, and exit codes listed only as the
 * command returns them. A new subcommand must declare {@code header}, {@code exitCodeListHeading} and its
 * own {@code exitCodeList} in its {@code @Command}.
 */
class HelpTextTest {

    static Stream<String> subcommands() {
        return FlamegateCli.commandLine().getSubcommands().keySet().stream().filter(name -> !name.equals("help"));
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void helpHasNoFormattingWarningsNorDoubledPercentSigns(String name) {
        String help = help(name);

        assertThat(help).doesNotContain("picocli WARN", "%%", "%n").contains("Usage: flamegate " + name);
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void eachCommandHasAOneSentenceHeaderAndListsItsOwnExitCodes(String name) {
        Class<?> type = FlamegateCli.commandLine().getSubcommands().get(name).getCommandSpec().userObject().getClass();
        Command command = type.getAnnotation(Command.class);

        assertThat(command.header()).as(name + " header").hasSize(1);
        assertThat(command.header()[0]).as(name + " header").endsWith(".").doesNotContain("\n");
        assertThat(command.exitCodeList()).as(name + " exit codes").isNotEmpty();
        assertThat(help(name)).contains("Exit codes:", "   0   ");
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void onlyComparingCommandsListTheRegressionExitCode(String name) {
        Map<String, String> codes = FlamegateCli.commandLine().getSubcommands().get(name).getCommandSpec().usageMessage().exitCodeList();
        boolean comparing = Stream.of("compare", "jmh-compare", "report", "ab").anyMatch(name::equals);

        assertThat(codes.keySet().stream().map(String::strip)).as(name).contains("0", "2").doesNotContain("4");
        assertThat(codes.keySet().stream().map(String::strip).anyMatch("1"::equals)).as(name + " lists exit code 1").isEqualTo(comparing);
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void theTopLevelCommandListShowsWholeSentences(String name) {
        String top = help(null);
        String line = top.lines().dropWhile(l -> !l.startsWith("Commands:")).filter(l -> l.startsWith("  " + name + " "))
                .findFirst().orElseThrow();
        // The entry may wrap; join it with its continuation lines and check it ends a sentence.
        StringBuilder entry = new StringBuilder(line.strip());
        top.lines().dropWhile(l -> !l.equals(line)).skip(1).takeWhile(l -> l.startsWith("                "))
                .forEach(l -> entry.append(' ').append(l.strip()));
        assertThat(entry.toString()).as(name).endsWith(".");
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void aCommandLineForOneCommandHasOnlyItAndSpeaksAsTheFullOne(String name) {
        assertThat(FlamegateCli.commandLineFor(name, "--help").getSubcommands()).containsOnlyKeys(name);
        for (String[] args : List.of(new String[] {name, "--help"}, new String[] {name, "--no-such-option"})) {
            assertThat(output(FlamegateCli.commandLineFor(args), args)).as(String.join(" ", args))
                    .isEqualTo(output(FlamegateCli.commandLine(), args));
        }
    }

    private static String output(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return exit + "\n" + out + "\n" + err;
    }

    private static String help(String name) {
        PrintStream stderr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        StringWriter out = new StringWriter();
        CommandLine cli = FlamegateCli.commandLine();
        cli.setOut(new PrintWriter(out));
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            int exit = name == null ? cli.execute("--help") : cli.execute(name, "--help");
            assertThat(exit).isZero();
        } finally {
            System.setErr(stderr);
        }
        return out + warnings.toString(StandardCharsets.UTF_8);
    }
}
