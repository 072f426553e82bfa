package dev.flamegate.cli;

import dev.flamegate.InvalidInputException;
import dev.flamegate.ab.AbException;
import dev.flamegate.io.ConsolePrefix;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The CLI's exit codes and the one place where exceptions become exit codes and one-line messages.
 *
 * <table>
 *   <caption>Exit codes</caption>
 *   <tr><td>{@value #OK}</td><td>done; for comparing commands: no regression</td></tr>
 *   <tr><td>{@value #REGRESSION}</td><td>a comparing command found a regression</td></tr>
 *   <tr><td>{@value #INVALID_INPUT}</td><td>unusable input or usage: missing, empty, unreadable or malformed file,
 *       unknown option, unwritable output</td></tr>
 *   <tr><td>{@value #INTERNAL}</td><td>a bug in flamegate (set {@code FLAMEGATE_DEBUG=1} for the stack trace)</td></tr>
 * </table>
 */
final class ExitCodes implements IExecutionExceptionHandler, IParameterExceptionHandler {

    public static final int OK = 0;
    public static final int REGRESSION = 1;
    public static final int INVALID_INPUT = 2;
    public static final int INTERNAL = 3;

    /** The usage help's line for {@value #INVALID_INPUT}, as commands without more to say list it. */
    static final String HELP_INVALID_INPUT = " 2:Unusable input or usage: missing, empty, unreadable or malformed file, bad option.";
    /** The usage help's line for {@value #INTERNAL}. */
    static final String HELP_INTERNAL = " 3:Internal error (set FLAMEGATE_DEBUG=1 for the stack trace).";
    /** The heading above a command's exit codes. */
    static final String HELP_HEADING = "%nExit codes:%n";

    /** Exit codes as the usage help lists them. */
    static final Map<String, String> DESCRIPTIONS = Map.of(
            " " + OK, "Done (comparing commands: no regression).",
            " " + REGRESSION, "A comparing command found a regression.",
            " " + INVALID_INPUT, "Unusable input or usage: missing, empty, unreadable or malformed file, bad option.",
            " " + INTERNAL, "Internal error (set FLAMEGATE_DEBUG=1 for the stack trace).");

    private final boolean debug;

    ExitCodes(boolean debug) {
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof InvalidInputException) {
            err.println(oneLine(e.getMessage()));
            return INVALID_INPUT;
        }
        if (e instanceof AbException) {
            err.println(ConsolePrefix.PREFIX + "ab: " + oneLine(e.getMessage()));
            return INVALID_INPUT;
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            Throwable io = e instanceof UncheckedIOException u ? u.getCause() : e;
            err.println(ConsolePrefix.PREFIX + "input/output failed: " + oneLine(describe(io))
                    + ". Check that the paths exist and are writable");
            return INVALID_INPUT;
        }
        err.println(ConsolePrefix.PREFIX + "internal error: " + oneLine(describe(e))
                + (debug ? "" : ". Set FLAMEGATE_DEBUG=1 to see the stack trace, and please report it"));
        if (debug) {
            e.printStackTrace(err);
        }
        return INTERNAL;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(ConsolePrefix.PREFIX + oneLine(e.getMessage()) + ". See '"
                + commandLine.getCommandSpec().qualifiedName() + " --help'");
        return INVALID_INPUT;
    }

    private static String describe(Throwable t) {
        String kind = t.getClass().getSimpleName();
        if (t instanceof NoSuchFileException || t instanceof AccessDeniedException) {
            return kind + " " + t.getMessage();
        }
        return t.getMessage() == null ? kind : kind + ": " + t.getMessage();
    }

    /** Messages may quote input; a line break in them must not split the one error line. */
    private static String oneLine(String message) {
        return message == null ? "" : message.replace("\r", " ").replace('\n', ' ');
    }
}
