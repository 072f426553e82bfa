package dev.flamegate;

import java.util.Objects;

/**
 * Input that flamegate cannot use: a malformed profile, baseline or result file.
 *
 * <p>The message always names the source (usually a file path), the line when there is one, what is
 * wrong and what to do, in the form {@code baselines/x/cpu.collapsed:12: negative weight -3. Re-record
 * the baseline with -Dflamegate.mode=record}. Front ends show the message as it is, never a stack trace.
 */
public final class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Line number used when the problem is not tied to one line. */
    public static final int NO_LINE = 0;

    private final String source;
    private final int line;

    /**
     * @param source the file or stream the input came from, as the user would recognise it
     * @param line the 1-based line, or {@link #NO_LINE}
     * @param problem what is wrong, without a trailing period
     * @param remedy what the user can do about it, or {@code null} when nothing specific helps
     */
    public InvalidInputException(String source, int line, String problem, String remedy) {
        this(source, line, problem, remedy, null);
    }

    /** As {@link #InvalidInputException(String, int, String, String)} with the low-level cause kept for debugging. */
    public InvalidInputException(String source, int line, String problem, String remedy, Throwable cause) {
        super(format(source, line, problem, remedy), cause);
        this.source = Objects.requireNonNull(source, "source");
        this.line = line;
    }

    private static String format(String source, int line, String problem, String remedy) {
        StringBuilder message = new StringBuilder(source);
        if (line > NO_LINE) {
            message.append(':').append(line);
        }
        message.append(": ").append(problem).append('.');
        if (remedy != null && !remedy.isBlank()) {
            message.append(' ').append(remedy);
        }
        return message.toString();
    }

    /** The file or stream the input came from. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, or {@link #NO_LINE}. */
    public int line() {
        return line;
    }
}
