package dev.flamegate.profile;

import dev.flamegate.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a profile file of either supported format, chosen by content: a JFR recording (starts with the
 * magic bytes {@code FLR\0}) or collapsed stack text.
 */
public final class ProfileFiles {

    private ProfileFiles() {
    }

    /**
     * Reads one profile of {@code event} from {@code file}. For collapsed text, {@code event} applies unless
     * the file's flamegate header names another; for JFR, the recording's samples of {@code event} are taken.
     *
     * @throws InvalidInputException naming the file (and line, for collapsed text) when the file is missing,
     *     unreadable, malformed, has no stacks, or is a recording without samples of {@code event}
     */
    public static Profile read(Path file, Event event) {
        return read(file, event, FrameNormalizer.none());
    }

    /**
     * As {@link #read(Path, Event)}, every frame normalised by {@code normalizer}: the same profile as
     * {@code normalizer.normalize(read(file, event))}, but collapsed text is normalised as it is read, once per
     * distinct frame name, instead of being built twice.
     */
    public static Profile read(Path file, Event event, FrameNormalizer normalizer) {
        String source = file.toString();
        if (!Files.exists(file)) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "no such file",
                    "Check the path; profiles are collapsed stack files or JFR recordings");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "not a readable file",
                    "Pass a collapsed stack file or a JFR recording");
        }
        if (sizeOf(file) == 0) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "empty file",
                    "The profiler wrote nothing; check that profiling ran, or pass another file");
        }
        Profile profile = JfrFormat.isJfr(file) ? normalizer.normalize(fromRecording(file, event))
                : CollapsedFormat.read(file, event, normalizer.renaming());
        if (profile.isEmpty()) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "no stacks in the profile",
                    "Profile a workload that runs long enough to be sampled, or pass another file");
        }
        return profile;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), InvalidInputException.NO_LINE,
                    "cannot read the file (" + e.getMessage() + ")", "Check that the path exists and is readable", e);
        }
    }

    private static Profile fromRecording(Path file, Event event) {
        Map<Event, Profile> profiles = JfrFormat.read(file);
        Profile profile = profiles.get(event);
        if (profile != null) {
            return profile;
        }
        if (profiles.isEmpty()) {
            throw new InvalidInputException(file.toString(), InvalidInputException.NO_LINE,
                    "the JFR recording has no execution, allocation or lock samples",
                    "Record with async-profiler (event=cpu, alloc, lock) or JFR's jdk.ExecutionSample enabled");
        }
        String present = profiles.keySet().stream().map(Event::id).collect(Collectors.joining(", "));
        throw new InvalidInputException(file.toString(), InvalidInputException.NO_LINE,
                "the JFR recording has no " + event.id() + " samples (it has " + present + ")",
                "Choose one of the recorded events (--event " + profiles.keySet().iterator().next().id() + ")");
    }
}
