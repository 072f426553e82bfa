package dev.flamegate.jmh;

import dev.flamegate.io.AtomicFiles;
import dev.flamegate.profile.CollapsedFormat;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** Reads and atomically writes the per-fork collapsed profiles {@code <event>.collapsed} of one fork directory. */
final class CollapsedFiles {

    private CollapsedFiles() {
    }

    /** Writes {@code profile} to {@code file} through a temporary file in the same directory, then an atomic move. */
    static void write(Path file, Profile profile) {
        try {
            AtomicFiles.write(file, out -> CollapsedFormat.write(profile, out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The fork totals in {@code forkDir}, one per event that has a {@code <event>.collapsed} file. */
    static Map<Event, Profile> readFork(Path forkDir) {
        Map<Event, Profile> profiles = new EnumMap<>(Event.class);
        for (Event event : Event.values()) {
            Path file = forkDir.resolve(event.id() + ".collapsed");
            if (Files.isRegularFile(file)) {
                profiles.put(event, CollapsedFormat.read(file, event));
            }
        }
        return profiles;
    }
}
