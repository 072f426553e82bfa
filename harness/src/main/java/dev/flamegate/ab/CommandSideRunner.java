package dev.flamegate.ab;

import dev.flamegate.InvalidInputException;
import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a side as a command (e.g. {@code mvn -B -ntp test -Dtest=...}) in that side's source tree, telling flamegate
 * to record into a directory of this pair and side: {@code flamegate.mode=record}, {@code flamegate.baselines.dir},
 * {@code flamegate.output.dir} and, when only some tests are still unclear, {@code flamegate.only}. Maven passes
 * {@code -D} arguments on to the tests' JVM; other launchers get them in {@code JAVA_TOOL_OPTIONS}, which every JVM
 * they start reads.
 */
public final class CommandSideRunner implements SideRunner {

    /** How the settings reach the JVMs the command starts. */
    public enum PropertiesVia {
        /** Appended to the command as {@code -Dkey=value} (Maven, Gradle with a matching build script). */
        ARGUMENTS,
        /** Added to the {@code JAVA_TOOL_OPTIONS} environment variable (any JVM the command starts). */
        JAVA_TOOL_OPTIONS
    }

    /** Test ids (comma-separated) a profiled test must be among to run; the others skip. */
    public static final String ONLY_KEY = "flamegate.only";

    private final List<String> command;
    private final Map<Side, Path> sources;
    private final Path workDirectory;
    private final PropertiesVia via;
    private final Duration timeout;

    /**
     * @param command the command and its arguments, the same for both sides
     * @param sources each side's source tree, where the command runs
     * @param workDirectory where each pair's records, artifacts and logs go ({@code pair-01/base/...})
     * @param via how the settings reach the JVMs
     * @param timeout how long one side may run before it is stopped and counted as failed
     */
    public CommandSideRunner(List<String> command, Map<Side, Path> sources, Path workDirectory, PropertiesVia via,
            Duration timeout) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("the command must not be empty");
        }
        this.command = List.copyOf(command);
        this.sources = Map.copyOf(sources);
        this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
        this.via = Objects.requireNonNull(via, "via");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        for (Side side : Side.values()) {
            if (!this.sources.containsKey(side)) {
                throw new IllegalArgumentException("no source tree for " + side.label());
            }
        }
    }

    /** The directory of one side of one pair: {@code pair-03/head}. */
    public static Path directoryOf(Path workDirectory, int pair, Side side) {
        return workDirectory.resolve(String.format(Locale.ROOT, "pair-%02d", pair)).resolve(side.label());
    }

    @Override
    public SideRun run(int pair, Side side, Set<String> only) {
        Path dir = directoryOf(workDirectory, pair, side);
        Path baselines = dir.resolve("baselines");
        Path output = dir.resolve("flamegate");
        Path log = dir.resolve("run.log");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("flamegate.mode", "record");
        properties.put("flamegate.baselines.dir", baselines.toAbsolutePath().toString());
        properties.put("flamegate.output.dir", output.toAbsolutePath().toString());
        if (!only.isEmpty()) {
            properties.put(ONLY_KEY, String.join(",", new TreeSet<>(only)));
        }
        ProcessBuilder builder = new ProcessBuilder(commandLine(properties)).directory(sources.get(side).toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        if (via == PropertiesVia.JAVA_TOOL_OPTIONS) {
            String existing = builder.environment().getOrDefault("JAVA_TOOL_OPTIONS", "");
            builder.environment().put("JAVA_TOOL_OPTIONS", (existing + " " + javaToolOptions(properties)).strip());
        }
        long started = System.nanoTime();
        int exit;
        try {
            Files.createDirectories(dir);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                Files.writeString(log, System.lineSeparator() + "flamegate ab: stopped after " + timeout
                        + " (--side-timeout)" + System.lineSeparator(), StandardOpenOption.APPEND);
                exit = -1;
            } else {
                exit = process.exitValue();
            }
        } catch (IOException e) {
            throw new AbException("cannot run " + String.join(" ", command) + " in " + sources.get(side) + " ("
                    + e.getMessage() + "); check that the command exists and the directory is a checkout", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AbException("interrupted while " + side.label() + " of pair " + pair + " ran", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<String> problems = new ArrayList<>();
        return new SideRun(pair, side, exit, recorded(baselines, problems), log, took, problems);
    }

    private List<String> commandLine(Map<String, String> properties) {
        List<String> line = new ArrayList<>(command);
        if (via == PropertiesVia.ARGUMENTS) {
            properties.forEach((key, value) -> line.add("-D" + key + "=" + value));
        }
        return line;
    }

    /** {@code JAVA_TOOL_OPTIONS} splits at spaces and has no quoting: a path with a space cannot go through it. */
    static String javaToolOptions(Map<String, String> properties) {
        StringBuilder options = new StringBuilder();
        properties.forEach((key, value) -> {
            if (value.chars().anyMatch(Character::isWhitespace)) {
                throw new AbException(key + "=" + value + " holds a space, which JAVA_TOOL_OPTIONS cannot carry;"
                        + " use an --out directory without spaces, or --properties-via arguments");
            }
            options.append(options.length() == 0 ? "" : " ").append("-D").append(key).append('=').append(value);
        });
        return options.toString();
    }

    /** Every baseline recorded under {@code baselines}, by id; what cannot be read goes to {@code problems}. */
    static Map<String, Baseline> recorded(Path baselines, List<String> problems) {
        Map<String, Baseline> found = new LinkedHashMap<>();
        if (!Files.isDirectory(baselines)) {
            return found;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(baselines, 6)) {
            files = walk.filter(p -> p.getFileName().toString().equals(BaselineStore.JSON_FILE)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + baselines, e);
        }
        for (Path file : files) {
            try {
                Baseline baseline = BaselineStore.loadDirectory(file.getParent());
                found.put(baseline.id(), baseline);
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        return found;
    }
}
