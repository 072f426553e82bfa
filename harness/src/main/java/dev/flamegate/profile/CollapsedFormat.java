package dev.flamegate.profile;

import dev.flamegate.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The folded ("collapsed") stack format of async-profiler and FlameGraph: one stack a line, frames
 * root first separated by {@code ;}, then a space and the weight ({@code a;b;c 42}).
 *
 * <p>flamegate writes one optional header line, {@code # flamegate event=cpu unit=samples interval=1000000
 * durationMs=500 engine=async-profiler/cpu}, so that a file says what it measures. Other lines starting
 * with {@code #} and blank lines are ignored; CRLF line ends are accepted. Frame names may contain
 * spaces: the weight is what follows the last space (or tab). Zero weights are accepted and carry nothing.
 *
 * <p>Rejected, with the file and line: a missing, non-numeric or negative weight, a weight without a stack,
 * an empty frame name ({@code a;;b}), two weights ({@code difffolded.pl} output), weights that overflow, a NUL
 * character (binary data) and lines longer than {@link #MAX_LINE_CHARS} (memory stays bounded whatever the file).
 * Frame names are otherwise taken as they are (any Unicode but {@code ;} and line breaks); a first frame
 * starting with {@code #} would read as a comment, and surrounding whitespace of a stack is not kept.
 */
public final class CollapsedFormat {

    private static final String HEADER = "# flamegate ";
    /** The longest line read: 4 Mi characters, e.g. 2,048 frames of 2,000 characters each. */
    public static final int MAX_LINE_CHARS = 4 << 20;
    private static final String LINE_SHAPE = "Each line must be 'frame;frame;frame <weight>'";
    private static final String NOT_TEXT_REMEDY = "Pass a collapsed stack file (a;b;c 42 per line) or a JFR recording";

    private CollapsedFormat() {
    }

    /**
     * Reads a collapsed file. The event is taken from the header if there is one, otherwise {@code defaultEvent}.
     *
     * @throws InvalidInputException naming the file and line of a malformed line, or an unreadable file
     */
    public static Profile read(Path file, Event defaultEvent) {
        return read(file, defaultEvent, UnaryOperator.identity());
    }

    /**
     * As {@link #read(Path, Event)} with every frame name renamed by {@code rename} (called once per distinct name);
     * stacks that become equal are merged, as {@link Profile#withFramesRenamed} does.
     */
    public static Profile read(Path file, Event defaultEvent, UnaryOperator<String> rename) {
        try (InputStream in = Files.newInputStream(file)) {
            return CollapsedReader.read(in, file.toString(), defaultEvent, rename);
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
        Lines lines = new Lines(reader, source);
        Map<String, String> header = Map.of();
        Profile.Builder builder = null;
        String line;
        int number = 0;
        while ((line = lines.next(number + 1)) != null) {
            number++;
            if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            if (builder == null && isHeader(line)) {
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
        return build(builder, source);
    }

    /** The profile, or an error naming {@code source} when its weights add up to more than a long holds. */
    static Profile build(Profile.Builder builder, String source) {
        try {
            return builder.build();
        } catch (ArithmeticException e) {
            throw weightsOverflow(source, InvalidInputException.NO_LINE);
        }
    }

    // The format's errors, the same whether text or a file's bytes are read (CollapsedReader).

    static InvalidInputException weightsOverflow(String source, int line) {
        return new InvalidInputException(source, line, "the weights add up to more than " + Long.MAX_VALUE,
                "Check the weights; they are sample counts, bytes or nanoseconds");
    }

    static InvalidInputException binary(String source, int line) {
        return new InvalidInputException(source, line, "a NUL character: binary data, not collapsed text", NOT_TEXT_REMEDY);
    }

    static InvalidInputException notUtf8(String source) {
        return new InvalidInputException(source, InvalidInputException.NO_LINE, "not UTF-8 text (binary data?)",
                NOT_TEXT_REMEDY);
    }

    static InvalidInputException lineTooLong(String source, int line) {
        return new InvalidInputException(source, line, "the line is longer than " + MAX_LINE_CHARS + " characters",
                "Check that this is a collapsed stack file (a;b;c 42 per line)");
    }

    /**
     * Lines of a reader without their line ends. Unlike {@link BufferedReader#readLine()} it never holds
     * more than {@link #MAX_LINE_CHARS}: a huge file without line breaks (sparse, binary) is refused after
     * a few MiB instead of being read into one string. A NUL character marks binary data, which text
     * never holds, and is refused at once.
     */
    private static final class Lines {
        private final Reader in;
        private final String source;
        private final char[] buffer = new char[8192];
        private final StringBuilder line = new StringBuilder(256);
        private int position;
        private int limit;

        Lines(Reader in, String source) {
            this.in = in;
            this.source = source;
        }

        /** The next line, or null at the end; {@code number} is its 1-based number, for errors. */
        String next(int number) throws IOException {
            line.setLength(0);
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        return any ? finish() : null;
                    }
                }
                any = true;
                int from = position;
                while (position < limit && buffer[position] != '\n') {
                    if (buffer[position] == 0) {
                        throw binary(source, number);
                    }
                    position++;
                }
                if (line.length() + (position - from) > MAX_LINE_CHARS) {
                    throw lineTooLong(source, number);
                }
                line.append(buffer, from, position - from);
                if (position < limit) {
                    position++; // the '\n'
                    return finish();
                }
            }
        }

        private String finish() {
            int end = line.length();
            return line.substring(0, end > 0 && line.charAt(end - 1) == '\r' ? end - 1 : end);
        }
    }

    /** Parses collapsed text held in memory. */
    public static Profile parse(String text, String source, Event defaultEvent) {
        try {
            return read(new StringReader(text), source, defaultEvent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds one stack line to {@code builder}, or throws naming the line's fault; zero weights add nothing. */
    static void parseStack(String line, String source, int number, Profile.Builder builder) {
        int space = Math.max(line.lastIndexOf(' '), line.lastIndexOf('\t'));
        if (space < 0) {
            throw new InvalidInputException(source, number, isWholeNumber(line) ? "a weight without a stack"
                    : "no weight after the stack in '" + abbreviate(line) + "'", LINE_SHAPE);
        }
        String stack = line.substring(0, space).strip();
        String weightText = line.substring(space + 1);
        long weight;
        try {
            weight = Long.parseLong(weightText);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(source, number, weightText.isEmpty()
                    ? "no weight after the stack in '" + abbreviate(line.strip()) + "'"
                    : "weight '" + abbreviate(weightText) + "' is not a whole number", LINE_SHAPE);
        }
        if (weight < 0) {
            throw new InvalidInputException(source, number, "negative weight " + weight,
                    "Weights are sample counts, bytes or nanoseconds and cannot be negative");
        }
        if (stack.isEmpty()) {
            throw new InvalidInputException(source, number, "a weight without a stack", LINE_SHAPE);
        }
        int lastSpace = Math.max(stack.lastIndexOf(' '), stack.lastIndexOf('\t'));
        if (lastSpace >= 0 && isWholeNumber(stack.substring(lastSpace + 1))) {
            // 'a;b 3 5' is difffolded.pl output (before and after counts); reading it as a stack named 'b 3'
            // would silently give nonsense.
            throw new InvalidInputException(source, number, "two weights after the stack (a differential folded file?)",
                    "Pass the before and after profiles as separate collapsed files");
        }
        if (stack.startsWith(";") || stack.endsWith(";") || stack.contains(";;")) {
            throw new InvalidInputException(source, number, "an empty frame name in '" + abbreviate(stack) + "'",
                    "Frames are separated by single ';' characters");
        }
        if (weight == 0) {
            return; // FlameGraph tools emit zero-weight lines for stacks absent on one side; they carry nothing.
        }
        try {
            builder.add(stack, weight);
        } catch (ArithmeticException e) {
            throw weightsOverflow(source, number);
        }
    }

    private static boolean isWholeNumber(String text) {
        if (text.isEmpty() || text.length() > 19) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    static Profile.Builder newBuilder(Map<String, String> header, String source, Event defaultEvent) {
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

    /** {@code # flamegate key=value ...}; a comment that merely starts with "# flamegate " is no header. */
    static boolean isHeader(String line) {
        if (!line.startsWith(HEADER)) {
            return false;
        }
        String rest = line.substring(HEADER.length()).strip();
        int end = rest.indexOf(' ');
        return (end < 0 ? rest : rest.substring(0, end)).indexOf('=') > 0;
    }

    static Map<String, String> parseHeader(String line, String source, int number) {
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
                line.append(frame.replace('\n', ' ').replace('\r', ' ').replace(';', ':').replace('\0', '\uFFFD'));
            }
            line.append(' ').append(stack.weight()).append('\n');
            out.write(line.toString());
        }
    }

    /** Writes {@code profile} as collapsed text to a string. */
    public static String toText(Profile profile) {
        StringWriter out = new StringWriter();
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
