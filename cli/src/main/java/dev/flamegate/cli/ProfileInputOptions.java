package dev.flamegate.cli;

import dev.flamegate.InvalidInputException;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.FrameNormalizer;
import dev.flamegate.profile.Profile;
import dev.flamegate.profile.ProfileFiles;
import dev.flamegate.profile.ProfileView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * How the profile commands read their inputs: which event, frame normalisation and the view (filters).
 * A picocli mixin shared by every command that reads profiles.
 */
final class ProfileInputOptions {

    @Option(names = "--event", paramLabel = "EVENT", defaultValue = "cpu", converter = EventConverter.class,
            description = "Event to read: cpu, alloc, lock or wall (default: ${DEFAULT-VALUE}). For collapsed files"
                    + " a flamegate header wins; for JFR recordings it picks the samples.")
    Event event;

    @Option(names = "--no-normalize", negatable = false,
            description = "Keep frame names as recorded (no removal of lambda numbers, proxy numbers, hex addresses,"
                    + " JIT suffixes; no slash-to-dot class names).")
    boolean rawFrames;

    @Option(names = "--keep-jit-suffixes", description = "Keep async-profiler's _[j] _[i] _[0] _[1] _[k] frame suffixes.")
    boolean keepJitSuffixes;

    @Option(names = "--keep-harness-frames",
            description = "Keep frames of JUnit, Surefire, JMH runners, flamegate and reflection glue"
                    + " (dropped by default; their stacks keep their weight).")
    boolean keepHarnessFrames;

    @Option(names = "--drop-frames", paramLabel = "REGEX",
            description = "Remove frames matching REGEX from every stack; the stack keeps its weight. Repeatable.")
    List<Pattern> dropFrames = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "REGEX",
            description = "Remove stacks with a frame matching REGEX, with their weight. Repeatable.")
    List<Pattern> excludeStacks = new ArrayList<>();

    @Option(names = "--include", paramLabel = "REGEX",
            description = "Keep only stacks with a frame matching REGEX. Repeatable (any matches).")
    List<Pattern> includeStacks = new ArrayList<>();

    @Option(names = "--focus", paramLabel = "REGEX",
            description = "Keep only stacks with a frame matching REGEX, rooted at the outermost match.")
    Pattern focus;

    @Option(names = "--collapse-recursion", description = "Merge a frame directly calling itself into one frame.")
    boolean collapseRecursion;

    /** The normaliser the options describe. */
    public FrameNormalizer normalizer() {
        if (rawFrames) {
            return FrameNormalizer.none();
        }
        return FrameNormalizer.defaults().withJitSuffixes(!keepJitSuffixes);
    }

    /** The view the options describe. */
    public ProfileView view() {
        ProfileView.Builder view = ProfileView.builder().collapseRecursion(collapseRecursion);
        if (!keepHarnessFrames) {
            view.dropFrames(ProfileView.HARNESS_FRAMES);
        }
        dropFrames.forEach(view::dropFrames);
        excludeStacks.forEach(view::excludeStacks);
        includeStacks.forEach(view::includeStacks);
        if (focus != null) {
            view.focus(focus);
        }
        return view.build();
    }

    /**
     * Reads, normalises and filters one profile file.
     *
     * @throws InvalidInputException naming the file when it cannot be used or nothing is left after filtering
     */
    public Profile load(Path file) {
        Profile profile = view().apply(ProfileFiles.read(file, event, normalizer()));
        if (profile.isEmpty()) {
            throw new InvalidInputException(file.toString(), InvalidInputException.NO_LINE,
                    "no stacks left after --focus/--include/--exclude/--drop-frames",
                    "Loosen the filters, or pass --keep-harness-frames if the profile only has harness frames");
        }
        return profile;
    }

    /** Parses {@code --event} values with the accepted values in the error message. */
    static final class EventConverter implements picocli.CommandLine.ITypeConverter<Event> {
        @Override
        public Event convert(String value) {
            try {
                return Event.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
