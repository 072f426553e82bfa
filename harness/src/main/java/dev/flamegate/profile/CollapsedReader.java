package dev.flamegate.profile;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads collapsed text as UTF-8 bytes, line by line, the way {@link CollapsedFormat} documents it. Lines are cut
 * out of one reused buffer and their frames interned straight from the bytes ({@link FrameTable}): a profile of a
 * hundred thousand stacks makes no string per line or per frame occurrence, only one per distinct frame name. A
 * line the fast path does not fully understand (anything but {@code frames weight} with ASCII edges and an ASCII
 * weight) is decoded and handed to {@link CollapsedFormat}'s line rules, which give the same result or the same
 * error as for text.
 */
final class CollapsedReader {

    /** A UTF-16 unit takes at most three UTF-8 bytes: a longer line is surely over the character limit. */
    private static final int MAX_LINE_BYTES = 3 * CollapsedFormat.MAX_LINE_CHARS;
    /** Reads eight bytes of the buffer as one long, for the line scan. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long NEWLINES = ONES * '\n';

    private final InputStream in;
    private final String source;
    private final UnaryOperator<String> rename;
    private final FrameTable frames;
    private final CharsetDecoder validator = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer scratch = CharBuffer.allocate(8192);
    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    /** The bytes before this index are known to be UTF-8: every line is cut from checked bytes. */
    private int validated;
    private boolean eof;
    private int lineNumber;
    private int lineStart;
    private int lineEnd;
    private String[] stack = new String[64];
    /** Where each frame of {@link #stack} ends, as an offset from the stack's first byte. */
    private int[] frameEnds = new int[64];
    /** The previous fast-path stack's bytes, and how many of its frames {@link #stack} still holds (0: none). */
    private byte[] previous = new byte[1024];
    private int previousLength;
    private int previousDepth;

    private CollapsedReader(InputStream in, String source, UnaryOperator<String> rename) {
        this.in = in;
        this.source = source;
        this.rename = rename;
        this.frames = new FrameTable(rename);
    }

    /**
     * Reads all of {@code in}; {@code source} names it in error messages, {@code rename} renames each distinct frame
     * name (stacks that become equal merge).
     */
    static Profile read(InputStream in, String source, Event defaultEvent, UnaryOperator<String> rename) throws IOException {
        return new CollapsedReader(in, source, rename).read(defaultEvent);
    }

    private Profile read(Event defaultEvent) throws IOException {
        Map<String, String> header = Map.of();
        Profile.Builder builder = null;
        while (nextLine()) {
            int start = lineStart;
            if (lineNumber == 1 && lineEnd - start >= 3 && (buffer[start] & 0xFF) == 0xEF
                    && (buffer[start + 1] & 0xFF) == 0xBB && (buffer[start + 2] & 0xFF) == 0xBF) {
                start += 3; // the byte order mark
            }
            if (builder == null && lineEnd > start && buffer[start] == '#') {
                String line = decode(start, lineEnd);
                if (CollapsedFormat.isHeader(line)) {
                    header = CollapsedFormat.parseHeader(line, source, lineNumber);
                    continue;
                }
            }
            if (skipped(start, lineEnd)) {
                continue;
            }
            if (builder == null) {
                builder = CollapsedFormat.newBuilder(header, source, defaultEvent).renaming(rename);
            }
            if (!stack(start, lineEnd, builder)) {
                CollapsedFormat.parseStack(decode(start, lineEnd), source, lineNumber, builder);
            }
        }
        return CollapsedFormat.build(builder == null ? CollapsedFormat.newBuilder(header, source, defaultEvent) : builder, source);
    }

    /** A blank or comment line: {@code line.isBlank() || line.startsWith("#")}. */
    private boolean skipped(int start, int end) {
        if (end > start && printable(buffer[start])) {
            return buffer[start] == '#';
        }
        for (int i = start; i < end; i++) {
            if (printable(buffer[i])) {
                return false; // not blank, and not starting with '#'
            }
        }
        // white space, control characters or non-ASCII only: rare, decided on the text
        String line = decode(start, end);
        return line.isBlank() || line.startsWith("#");
    }

    /** Printable ASCII: a character that is neither white space nor a control, and that {@link String#strip()} keeps. */
    private static boolean printable(byte b) {
        return b > ' ' && b < 0x7F;
    }

    /**
     * Adds the line {@code frames weight} to {@code builder} when it has the plain shape: ASCII first and last stack
     * bytes, an ASCII decimal weight after the last space or tab, frames separated by single {@code ;}. Returns false,
     * having added nothing, for every other line, which the text rules then read.
     */
    private boolean stack(int start, int end, Profile.Builder builder) {
        int space = end - 1;
        while (space >= start && buffer[space] != ' ' && buffer[space] != '\t') {
            space--;
        }
        int digits = end - space - 1;
        if (space < start || digits < 1 || digits > 18) {
            return false;
        }
        long weight = 0;
        for (int i = space + 1; i < end; i++) {
            byte b = buffer[i];
            if (b < '0' || b > '9') {
                return false;
            }
            weight = weight * 10 + (b - '0');
        }
        int first = start;
        int last = space - 1;
        while (first <= last && (buffer[first] == ' ' || buffer[first] == '\t')) {
            first++;
        }
        while (last >= first && (buffer[last] == ' ' || buffer[last] == '\t')) {
            last--;
        }
        if (first > last || !printable(buffer[first]) || !printable(buffer[last]) || buffer[first] == ';'
                || buffer[last] == ';' || endsInSecondWeight(first, last)) {
            return false;
        }
        int depth = reusedFrames(first, last);
        int frameStart = depth == 0 ? first : first + frameEnds[depth - 1] + 1;
        previousDepth = 0; // the stack array changes from here on
        int hash = 1;
        for (int i = frameStart; i <= last + 1; i++) {
            byte b = i == last + 1 ? (byte) ';' : buffer[i];
            if (b != ';') {
                hash = 31 * hash + b;
                continue;
            }
            if (i == frameStart) {
                return false; // ";;": the text rules name the empty frame
            }
            if (depth == stack.length) {
                stack = Arrays.copyOf(stack, depth * 2);
                frameEnds = Arrays.copyOf(frameEnds, depth * 2);
            }
            stack[depth] = frames.intern(buffer, frameStart, i, hash);
            frameEnds[depth++] = i - first;
            frameStart = i + 1;
            hash = 1;
        }
        remember(first, last, depth);
        if (weight == 0) {
            return true; // FlameGraph tools emit zero-weight lines for stacks absent on one side; they carry nothing.
        }
        try {
            builder.addInterned(stack, depth, weight);
        } catch (ArithmeticException e) {
            throw CollapsedFormat.weightsOverflow(source, lineNumber);
        }
        return true;
    }

    /**
     * How many leading frames of the stack {@code buffer[first..last]} are those of the previous fast-path line, which
     * {@link #stack} still holds: sorted collapsed files repeat long prefixes, and these frames need no interning.
     */
    private int reusedFrames(int first, int last) {
        if (previousDepth == 0) {
            return 0;
        }
        int length = last + 1 - first;
        int same = Arrays.mismatch(buffer, first, last + 1, previous, 0, previousLength);
        if (same < 0) {
            return previousDepth; // the same stack again
        }
        int reused = 0;
        while (reused < previousDepth && frameEnds[reused] < same) {
            reused++;
        }
        if (reused < previousDepth && frameEnds[reused] == previousLength && same == previousLength
                && same < length && buffer[first + same] == ';') {
            reused++; // the previous stack is a prefix of this one
        }
        return reused;
    }

    /** Keeps the bytes of the stack just read, whose frames {@link #stack} and {@link #frameEnds} now hold. */
    private void remember(int first, int last, int depth) {
        int length = last + 1 - first;
        if (length > previous.length) {
            previous = new byte[Math.max(length, previous.length * 2)];
        }
        System.arraycopy(buffer, first, previous, 0, length);
        previousLength = length;
        previousDepth = depth;
    }

    /** Whether the stack's last space- or tab-separated word is a whole number: a second weight. */
    private boolean endsInSecondWeight(int first, int last) {
        int i = last;
        while (i >= first && buffer[i] >= '0' && buffer[i] <= '9') {
            i--;
        }
        return i >= first && i < last && last - i <= 19 && (buffer[i] == ' ' || buffer[i] == '\t');
    }

    private void fill() throws IOException {
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            eof = true;
        } else {
            limit += read;
        }
        validate();
    }

    /**
     * Checks the bytes just read are UTF-8, before any line of them is read: as a reader decoding ahead does, text
     * that is not UTF-8 (binary data) is refused as such rather than for what its first line looks like. ASCII, the
     * usual content, is checked by a scan for high bytes; only other text goes through the decoder.
     */
    private void validate() {
        int i = validated;
        while (i < limit && buffer[i] >= 0) {
            i++;
        }
        if (i == limit) {
            validated = limit;
            return;
        }
        ByteBuffer bytes = ByteBuffer.wrap(buffer, i, limit - i);
        validator.reset();
        while (true) {
            scratch.clear();
            CoderResult result = validator.decode(bytes, scratch, eof);
            if (result.isError()) {
                throw CollapsedFormat.notUtf8(source);
            }
            if (result.isUnderflow()) {
                break;
            }
        }
        if (eof && bytes.hasRemaining()) {
            throw CollapsedFormat.notUtf8(source);
        }
        validated = bytes.position(); // an incomplete last sequence waits for the next read
    }

    /** Moves to the next line, without its line end; false at the end of the input. */
    private boolean nextLine() throws IOException {
        int from = position;
        int scanned = position;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                // eight bytes at a time while none of them is a line end or a NUL: most bytes are neither
                while (i + Long.BYTES <= limit && !hasLineEndOrNul((long) LONGS.get(buffer, i))) {
                    i += Long.BYTES;
                }
                if (i == limit) {
                    break;
                }
                byte b = buffer[i];
                if (b == '\n') {
                    lineNumber++;
                    checkLength(from, i);
                    lineStart = from;
                    lineEnd = i > from && buffer[i - 1] == '\r' ? i - 1 : i;
                    position = i + 1;
                    return true;
                }
                if (b == 0) {
                    throw CollapsedFormat.binary(source, lineNumber + 1);
                }
            }
            scanned = limit;
            if (eof) {
                if (from == limit) {
                    return false;
                }
                lineNumber++;
                checkLength(from, limit);
                lineStart = from;
                lineEnd = limit > from && buffer[limit - 1] == '\r' ? limit - 1 : limit;
                position = limit;
                return true;
            }
            int kept = limit - from;
            if (kept > MAX_LINE_BYTES) {
                throw CollapsedFormat.lineTooLong(source, lineNumber + 1);
            }
            if (from > 0) {
                System.arraycopy(buffer, from, buffer, 0, kept);
                validated -= from;
            } else if (kept == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_LINE_BYTES + 2));
            }
            scanned -= from;
            from = 0;
            limit = kept;
            fill();
            while (!eof && validated < limit) {
                // a sequence cut by the read: complete it now, so that a file ending in half a character is refused
                // as not UTF-8 before any of its lines is read
                if (limit == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length + 8);
                }
                fill();
            }
        }
    }

    /** Whether one of the eight bytes in {@code word} is {@code '\n'} or 0 (the classic test for a zero byte). */
    private static boolean hasLineEndOrNul(long word) {
        long newlines = word ^ NEWLINES;
        return ((((word - ONES) & ~word) | ((newlines - ONES) & ~newlines)) & HIGHS) != 0;
    }

    /** Refuses a line of more than {@link CollapsedFormat#MAX_LINE_CHARS} characters, counted as UTF-16 units. */
    private void checkLength(int from, int to) {
        if (to - from <= CollapsedFormat.MAX_LINE_CHARS) {
            return;
        }
        long units = 0;
        for (int i = from; i < to; i++) {
            int b = buffer[i] & 0xFF;
            if ((b & 0xC0) != 0x80) {
                units += b >= 0xF0 ? 2 : 1;
            }
        }
        if (units > CollapsedFormat.MAX_LINE_CHARS) {
            throw CollapsedFormat.lineTooLong(source, lineNumber);
        }
    }

    /** Bytes of a line, which {@link #validate} has checked to be UTF-8, as text. */
    private String decode(int start, int end) {
        return new String(buffer, start, end - start, StandardCharsets.UTF_8);
    }

    /**
     * Distinct frame names by their UTF-8 bytes: an open-addressing table of byte slices, so that the same frame in a
     * hundred thousand stacks is decoded once and shared as one string.
     */
    static final class FrameTable {
        private final UnaryOperator<String> rename;
        private final Map<String, String> canonical = new HashMap<>();
        private byte[][] keys = new byte[1 << 12][];
        private String[] names = new String[1 << 12];
        private int[] hashes = new int[1 << 12];
        private int size;

        FrameTable(UnaryOperator<String> rename) {
            this.rename = rename;
        }

        /** The name of the frame {@code bytes[from, to)}; {@code hash} is {@code 31 * h + b} over its bytes from 1. */
        String intern(byte[] bytes, int from, int to, int hash) {
            int mask = keys.length - 1;
            for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
                byte[] key = keys[slot];
                if (key == null) {
                    String decoded = new String(bytes, from, to - from, StandardCharsets.UTF_8); // checked UTF-8
                    String name = canonical.computeIfAbsent(rename.apply(decoded), n -> n);
                    keys[slot] = Arrays.copyOfRange(bytes, from, to);
                    names[slot] = name;
                    hashes[slot] = hash;
                    if (++size * 2 > keys.length) {
                        grow();
                    }
                    return name;
                }
                if (hashes[slot] == hash && Arrays.equals(key, 0, key.length, bytes, from, to)) {
                    return names[slot];
                }
            }
        }

        private static int mix(int hash) {
            return hash ^ (hash >>> 16);
        }

        private void grow() {
            byte[][] oldKeys = keys;
            String[] oldNames = names;
            int[] oldHashes = hashes;
            keys = new byte[oldKeys.length * 2][];
            names = new String[keys.length];
            hashes = new int[keys.length];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    int slot = mix(oldHashes[i]) & mask;
                    while (keys[slot] != null) {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = oldKeys[i];
                    names[slot] = oldNames[i];
                    hashes[slot] = oldHashes[i];
                }
            }
        }
    }
}
