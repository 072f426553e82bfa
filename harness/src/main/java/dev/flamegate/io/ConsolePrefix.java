package dev.flamegate.io;

/**
 * The one prefix of every line flamegate prints to a build's console (JUnit extension, JMH integration,
 * command line), so its lines can be found among the build's own with one {@code grep}.
 */
public final class ConsolePrefix {

    /** {@code [flamegate] }, with the space that separates it from the message. */
    public static final String PREFIX = "[flamegate] ";

    private ConsolePrefix() {
    }

    /** {@code line} with the prefix. */
    public static String line(String line) {
        return PREFIX + line;
    }
}
