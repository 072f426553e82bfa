package dev.flamegate.ab;

/** An A/B run that cannot go on: a side cannot be checked out or started. The message says what to do. */
public final class AbException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AbException(String message) {
        super(message);
    }

    public AbException(String message, Throwable cause) {
        super(message, cause);
    }
}
