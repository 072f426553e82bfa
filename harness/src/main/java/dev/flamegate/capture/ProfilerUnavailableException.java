package dev.flamegate.capture;

/**
 * No engine could profile although {@link ProfilerSettings#required()} asked for one
 * ({@value ProfilerSettings#REQUIRED_KEY}{@code =true}). The message lists what each engine reported.
 */
public final class ProfilerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProfilerUnavailableException(String message) {
        super(message);
    }
}
