package dev.flamegate.capture;

import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link ProfilerSession#start() start}–{@link ProfilerSession#stop() stop} window recorded.
 *
 * @param engine what sampled; {@link ProfilerEngine#NONE} when nothing did
 * @param profiles one profile per requested event that the engine supports (possibly empty of stacks)
 * @param recording the JFR file holding the window while the session is open, when the engine wrote one
 *     (after {@link ProfilerSession#finishWindows()} one file for all windows); copy or move it
 *     before {@link ProfilerSession#close()} deletes it
 */
public record ProfileCapture(ProfilerEngine engine, Map<Event, Profile> profiles, Optional<Path> recording) {

    public ProfileCapture {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(recording, "recording");
        profiles = profiles.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(profiles));
    }

    /** A window in which nothing sampled. */
    public static ProfileCapture none() {
        return new ProfileCapture(ProfilerEngine.NONE, Map.of(), Optional.empty());
    }
}
