package dev.flamegate.jmh;

import dev.flamegate.capture.ProfilerEngine;
import dev.flamegate.capture.ProfilerSettings;
import dev.flamegate.profile.Event;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;
import org.openjdk.jmh.profile.ProfilerException;

/**
 * The options of {@link FlamegateProfiler}, parsed from JMH's init string
 * ({@code -prof dev.flamegate.jmh.FlamegateProfiler:event=cpu,alloc;interval=1000000;dir=target/x}).
 *
 * @param events the events to sample, at least one
 * @param interval the CPU and wall sampling interval in nanoseconds
 * @param allocInterval bytes between allocation samples
 * @param lockThreshold nanoseconds of contention below which lock waits are not recorded
 * @param dir the directory under which each benchmark gets a directory and each fork a sub-directory
 * @param perIteration whether each measurement iteration's profile is also written on its own
 * @param top how many hottest self frames per event become JMH secondary results
 * @param engine the engine to force, or {@code null} for the fallback chain
 */
record ProfilerOptions(Set<Event> events, long interval, long allocInterval, long lockThreshold, Path dir,
        boolean perIteration, int top, ProfilerEngine engine) {

    ProfilerOptions {
        events = Set.copyOf(events);
    }

    /** Parses JMH's init string; options are {@code ;}-separated {@code key=value}, lists {@code ,}-separated. */
    static ProfilerOptions parse(String initLine) throws ProfilerException {
        OptionParser parser = new OptionParser();
        parser.allowsUnrecognizedOptions(); // reported below, with the accepted options
        OptionSpec<String> event = parser.accepts("event", "Events to sample: cpu, alloc, lock, wall.")
                .withRequiredArg().withValuesSeparatedBy(',').describedAs("list").defaultsTo("cpu");
        OptionSpec<Long> interval = parser.accepts("interval", "CPU and wall sampling interval, ns.")
                .withRequiredArg().ofType(Long.class).describedAs("ns").defaultsTo(1_000_000L);
        OptionSpec<Long> alloc = parser.accepts("alloc", "Bytes between allocation samples.")
                .withRequiredArg().ofType(Long.class).describedAs("bytes").defaultsTo(512L * 1024);
        OptionSpec<Long> lock = parser.accepts("lock", "Record lock waits longer than this, ns.")
                .withRequiredArg().ofType(Long.class).describedAs("ns").defaultsTo(10_000L);
        OptionSpec<String> dir = parser.accepts("dir", "Directory for the profiles: <dir>/<benchmark>[params]/fork-N/<event>.collapsed.")
                .withRequiredArg().describedAs("path").defaultsTo(defaultDir().toString());
        OptionSpec<Boolean> perIteration = parser.accepts("perIteration", "Also write each iteration's profile.")
                .withRequiredArg().ofType(Boolean.class).describedAs("bool").defaultsTo(false);
        OptionSpec<Integer> top = parser.accepts("top", "Hottest self frames per event reported as secondary results.")
                .withRequiredArg().ofType(Integer.class).describedAs("n").defaultsTo(3);
        OptionSpec<String> engine = parser.accepts("engine", "auto, async, itimer, ctimer, jfr or none.")
                .withRequiredArg().describedAs("engine").defaultsTo("auto");
        OptionSet set;
        try {
            set = parser.parse(arguments(initLine));
        } catch (OptionException e) {
            throw new ProfilerException(e.getMessage() + "\n" + help(parser));
        }
        if (!set.nonOptionArguments().isEmpty()) {
            throw new ProfilerException("Unknown option(s) " + set.nonOptionArguments() + "\n" + help(parser));
        }
        Set<Event> events = EnumSet.noneOf(Event.class);
        ProfilerEngine forced;
        try {
            for (String name : set.valuesOf(event)) {
                events.add(Event.parse(name));
            }
            forced = ProfilerEngine.parseForced(set.valueOf(engine));
        } catch (IllegalArgumentException e) {
            throw new ProfilerException(e.getMessage());
        }
        if (set.valueOf(interval) <= 0 || set.valueOf(alloc) <= 0 || set.valueOf(lock) < 0 || set.valueOf(top) < 0) {
            throw new ProfilerException("interval and alloc must be positive, lock and top not negative\n" + help(parser));
        }
        return new ProfilerOptions(events, set.valueOf(interval), set.valueOf(alloc), set.valueOf(lock),
                Path.of(set.valueOf(dir)), set.valueOf(perIteration), set.valueOf(top), forced);
    }

    /** What the fork's {@link dev.flamegate.capture.ProfilerSession} samples. */
    ProfilerSettings profilerSettings() {
        return new ProfilerSettings(events, Duration.ofNanos(interval), allocInterval, Duration.ofNanos(lockThreshold),
                engine, false);
    }

    /** {@code a=1;b=2} to {@code --a=1 --b=2}, the way JMH's own profilers read their init line. */
    private static String[] arguments(String initLine) {
        List<String> args = new ArrayList<>();
        if (initLine != null) {
            for (String part : initLine.split(";")) {
                if (!part.isBlank()) {
                    args.add("--" + part.trim());
                }
            }
        }
        return args.toArray(String[]::new);
    }

    private static String help(OptionParser parser) {
        StringWriter out = new StringWriter();
        try {
            out.write("Usage: -prof " + FlamegateProfiler.class.getName() + ":opt1=value1;opt2=a,b\n");
            parser.printHelpOn(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Inside a Maven or Gradle build tree, under its build directory; elsewhere in the working directory. */
    private static Path defaultDir() {
        if (Files.isDirectory(Path.of("target"))) {
            return Path.of("target", "flamegate", "jmh-profiles");
        }
        if (Files.isDirectory(Path.of("build"))) {
            return Path.of("build", "flamegate", "jmh-profiles");
        }
        return Path.of("flamegate-jmh-profiles");
    }
}
