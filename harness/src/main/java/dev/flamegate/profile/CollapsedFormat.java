package dev.flamegate.profile;

import dev.flamegate.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The folded ("collapsed") stack format of async-profiler and FlameGraph: one stack a line, frames
 * root first separated by {@code ;}, then a space and the weight ({@code a;b;c 42}).
 *
 * <p>flamegate writes one optional header line, {@code # flamegate event=cpu unit=samples interval=1000000
 * durationMs=500 engine=async-profiler/cpu}, so that a file says what it measures. Other lines starting
 * with {@code #} and blank lines are ignored; CRLF line ends are accepted. Frame names may contain
 * spaces: the weight is what follows the last space.
 */
public final class CollapsedFormat {

    private static final String HEADER = "# flamegate ";

    private CollapsedFormat() {
    }

    /**
     * Reads a collapsed file. The event is taken from the header if there is one, otherwise {@code defaultEvent}.
     *
     * @throws InvalidInputException naming the file and line of a malformed line, or an unreadable file
     */
    public static Profile read(Path file, Event defaultEvent) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString(), defaultEvent);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidInputException(file.toString(), InvalidInputException.NO_LINE,
                    "not UTF-8 text (binary data?)", "Pass a collapsed stack file (a;b;c 42 per line) or a JFR recording", e);
        } catch (IOException e) {
            throw new InvalidInputException(file.toString(), InvalidInputException.NO_LINE,
                    "cannot read the file (" + e.getMessage() + ")", "Check that the path exists and is readable", e);
        }
    }

    /**
     * Reads collapsed text from {@code reader}; {@code source} names it in error messages.
     *
     * @throws InvalidInputException naming {@code source} and the line of a malformed line
     */
    public static Profile read(Reader reader, String source, Event defaultEvent) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        Map<String, String> header = Map.of();
        Profile.Builder builder = null;
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (line.startsWith(HEADER) && builder == null) {
                header = parseHeader(line, source, number);
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (builder == null) {
                builder = newBuilder(header, source, defaultEvent);
            }
            parseStack(line, source, number, builder);
        }
        if (builder == null) {
            builder = newBuilder(header, source, defaultEvent);
        }
        return builder.build();
    }

    /** Parses collapsed text held in memory. */
    public static Profile parse(String text, String source, Event defaultEvent) {
        try {
            return read(new java.io.StringReader(text), source, defaultEvent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void parseStack(String line, String source, int number, Profile.Builder builder) {
        int space = line.lastIndexOf(' ');
        if (space < 0) {
            throw new InvalidInputException(source, number, "no weight after the stack in '" + abbreviate(line) + "'",
                    "Each line must be 'frame;frame;frame <weight>'");
        }
        String stack = line.substring(0, space).strip();
        String weightText = line.substring(space + 1);
        long weight;
        try {
            weight = Long.parseLong(weightText);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(source, number, "weight '" + abbreviate(weightText) + "' is not a whole number",
                    "Each line must be 'frame;frame;frame <weight>'");
        }
        if (weight < 0) {
            throw new InvalidInputException(source, number, "negative weight " + weight,
                    "Weights are sample counts, bytes or nanoseconds and cannot be negative");
        }
        if (stack.isEmpty()) {
            throw new InvalidInputException(source, number, "a weight without a stack",
                    "Each line must be 'frame;frame;frame <weight>'");
        }
        if (weight == 0) {
            return; // FlameGraph tools emit zero-weight lines for stacks absent on one side; they carry nothing.
        }
        builder.add(stack, weight);
    }

    private static Profile.Builder newBuilder(Map<String, String> header, String source, Event defaultEvent) {
        try {
            Event event = header.containsKey("event") ? Event.parse(header.get("event")) : defaultEvent;
            WeightUnit unit = header.containsKey("unit") ? WeightUnit.parse(header.get("unit")) : event.defaultUnit();
            long interval = Long.parseLong(header.getOrDefault("interval", "0"));
            long durationMs = Long.parseLong(header.getOrDefault("durationMs", "0"));
            String engine = header.getOrDefault("engine", "file");
            return Profile.builder(event, unit)
                    .metadata(new ProfileMetadata(interval, Duration.ofMillis(durationMs), engine));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, 1, "bad flamegate header: " + e.getMessage(),
                    "Fix or delete the first line ('# flamegate ...')");
        }
    }

    private static Map<String, String> parseHeader(String line, String source, int number) {
        Map<String, String> values = new HashMap<>();
        for (String field : line.substring(HEADER.length()).trim().split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException(source, number, "header field '" + abbreviate(field) + "' is not key=value",
                        "Fix or delete the first line ('# flamegate ...')");
            }
            values.put(field.substring(0, eq), field.substring(eq + 1));
        }
        return values;
    }

    /** Writes {@code profile} with a flamegate header, stacks sorted, {@code \n} line ends. */
    public static void write(Profile profile, Writer out) throws IOException {
        ProfileMetadata meta = profile.metadata();
        out.write(HEADER + "event=" + profile.event().id() + " unit=" + profile.unit().symbol()
                + " interval=" + meta.interval() + " durationMs=" + meta.duration().toMillis()
                + " engine=" + meta.engine().replace(' ', '_') + "\n");
        StringBuilder line = new StringBuilder(256);
        for (Stack stack : profile.stacks()) {
            line.setLength(0);
            for (String frame : stack.frames()) {
                if (line.length() > 0) {
                    line.append(';');
                }
                line.append(frame.replace('\n', ' ').replace('\r', ' ').replace(';', ':'));
            }
            line.append(' ').append(stack.weight()).append('\n');
            out.write(line.toString());
        }
    }

    /** Writes {@code profile} as collapsed text to a string. */
    public static String toText(Profile profile) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            write(profile, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
