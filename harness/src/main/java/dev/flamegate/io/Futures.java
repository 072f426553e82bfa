package dev.flamegate.io;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work done on another thread as if it had been done on this one. */
public final class Futures {

    private Futures() {
    }

    /**
     * The result of {@code work}; when it failed, its own exception (an unchecked exception or an error), not the
     * {@link CompletionException} around it, so that callers catch and report it as they would inline.
     */
    public static <T> T join(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
