package dev.flamegate.cli;

import dev.flamegate.measure.FlamegateVersion;
import java.io.PrintWriter;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code java -jar flamegate.jar}: the command-line entry point. Each subcommand is a class of its own;
 * exit codes and error messages are decided in {@link ExitCodes} only.
 */
@Command(name = "flamegate", mixinStandardHelpOptions = true, versionProvider = FlamegateCli.Version.class,
        description = "Compare profiles, render flame graphs and gate performance regressions.",
        synopsisSubcommandLabel = "COMMAND")
public final class FlamegateCli implements Callable<Integer> {

    /** The subcommands, one a line: registering a command is adding its class here. */
    private static final Class<?>[] SUBCOMMANDS = {
            CommandLine.HelpCommand.class,
            CompareCommand.class,
            AbCommand.class,
            DiffCommand.class,
            FlameCommand.class,
            TopCommand.class,
            JmhCompareCommand.class,
            ReportCommand.class,
            PostCommentCommand.class,
    };

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLineFor(args).execute(args));
    }

    /** A configured command line with every subcommand; tests call {@code execute} on it after {@code setOut}/{@code setErr}. */
    public static CommandLine commandLine() {
        return configured(SUBCOMMANDS);
    }

    /**
     * A command line that runs {@code args} as {@link #commandLine()} does. When the first argument names a subcommand,
     * only that one is registered: picocli reflects over every registered command at start, and a command run from
     * a script or CI should not pay for the eight it does not run.
     */
    public static CommandLine commandLineFor(String... args) {
        if (args.length > 0) {
            for (Class<?> subcommand : SUBCOMMANDS) {
                Command command = subcommand.getAnnotation(Command.class);
                if (subcommand != CommandLine.HelpCommand.class && command.name().equals(args[0])) {
                    return configured(subcommand);
                }
            }
        }
        return commandLine();
    }

    private static CommandLine configured(Class<?>... subcommands) {
        CommandLine cli = new CommandLine(new FlamegateCli());
        for (Class<?> subcommand : subcommands) {
            cli.addSubcommand(subcommand);
        }
        ExitCodes handler = new ExitCodes(System.getenv("FLAMEGATE_DEBUG") != null);
        cli.setExecutionExceptionHandler(handler);
        cli.setParameterExceptionHandler(handler);
        documentExitCodes(cli);
        return cli;
    }

    /** The exit codes any command may return; each subcommand lists only those it returns. */
    private static void documentExitCodes(CommandLine cli) {
        cli.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(new TreeMap<>(ExitCodes.DESCRIPTIONS));
    }

    /** Without a command: the usage on stderr, and a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        spec.commandLine().usage(err);
        err.flush();
        return ExitCodes.INVALID_INPUT;
    }

    /** {@code --version}: flamegate's version from the jar manifest, {@code dev} in a build tree. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"flamegate " + FlamegateVersion.get()};
        }
    }
}
