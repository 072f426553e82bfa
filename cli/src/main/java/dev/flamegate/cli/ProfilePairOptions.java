package dev.flamegate.cli;

import dev.flamegate.InvalidInputException;
import dev.flamegate.io.Futures;
import dev.flamegate.profile.Profile;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code BEFORE AFTER} and the input options, for every command that compares two profiles (a picocli mixin).
 */
final class ProfilePairOptions {

    /** Two profiles of the same event and unit, read, normalised and filtered alike. */
    public record Pair(Profile before, Profile after) {
    }

    @Parameters(index = "0", paramLabel = "BEFORE", description = "Baseline profile: collapsed text or JFR.")
    Path before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "New profile: collapsed text or JFR.")
    Path after;

    @Mixin
    ProfileInputOptions input;

    /**
     * Reads both profiles with {@link ProfileInputOptions#load}.
     *
     * @throws InvalidInputException naming a file that cannot be used, or AFTER when it measures another event
     */
    public Pair load() {
        // Two large files read on two cores: the second while the first is read.
        CompletableFuture<Profile> reading = CompletableFuture.supplyAsync(() -> input.load(before));
        Profile now;
        try {
            now = input.load(after);
        } catch (RuntimeException e) {
            Futures.join(reading); // BEFORE's problem is reported first, as when read one after the other
            throw e;
        }
        Profile old = Futures.join(reading);
        if (old.event() != now.event() || old.unit() != now.unit()) {
            throw new InvalidInputException(after.toString(), InvalidInputException.NO_LINE,
                    "measures " + now.event().id() + " in " + now.unit() + " but " + before + " measures "
                            + old.event().id() + " in " + old.unit(),
                    "Compare profiles of the same event");
        }
        return new Pair(old, now);
    }

    public Path beforeFile() {
        return before;
    }

    public Path afterFile() {
        return after;
    }
}
