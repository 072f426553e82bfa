package dev.flamegate.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.InvalidInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Files are read from their bytes ({@link CollapsedReader}); text is read line by line as strings. Both must
 * give the same profile, or fail with the same message, for the same bytes.
 */
class CollapsedReaderPropertiesTest {

    /** What reading gave: the profile, or the message it failed with. */
    private record Outcome(Profile profile, String error) {
    }

    private static Outcome fromBytes(Path file) {
        try {
            return new Outcome(CollapsedFormat.read(file, Event.CPU), null);
        } catch (InvalidInputException e) {
            return new Outcome(null, e.getMessage());
        }
    }

    /** The reference: the same bytes decoded strictly as UTF-8 text and read as lines of text. */
    private static Outcome fromText(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Outcome(CollapsedFormat.read(reader, file.toString(), Event.CPU), null);
        } catch (MalformedInputException e) {
            return new Outcome(null, new InvalidInputException(file.toString(), InvalidInputException.NO_LINE,
                    "not UTF-8 text (binary data?)", "Pass a collapsed stack file (a;b;c 42 per line) or a JFR recording")
                    .getMessage());
        } catch (InvalidInputException e) {
            return new Outcome(null, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertSameReading(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("collapsed", ".txt");
        try {
            Files.write(file, bytes);
            Outcome text = fromText(file);
            Outcome read = fromBytes(file);
            assertThat(read.error()).isEqualTo(text.error());
            assertThat(read.profile()).isEqualTo(text.profile());
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 300)
    void profilesWrittenAsTextReadTheSame(@ForAll("profiles") Profile profile, @ForAll boolean crlf, @ForAll boolean bom) throws IOException {
        String text = CollapsedFormat.toText(profile);
        text = (bom ? "\uFEFF" : "") + (crlf ? text.replace("\n", "\r\n") : text);
        assertSameReading(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 500)
    void arbitraryLinesReadTheSameOrFailTheSame(@ForAll("lines") List<String> lines) throws IOException {
        assertSameReading(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 500)
    void stacksSharingPrefixesWithTheLineBeforeReadTheSame(@ForAll("prefixedLines") List<String> lines) throws IOException {
        // the reader reuses the frames a line shares with the line before; lines the text rules read break the chain
        assertSameReading(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void bytesThatAreNotUtf8FailAsNotText(@ForAll("profiles") Profile profile, @ForAll("malformed") byte[] bad) throws IOException {
        byte[] text = CollapsedFormat.toText(profile).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[text.length + bad.length];
        System.arraycopy(text, 0, bytes, 0, text.length);
        System.arraycopy(bad, 0, bytes, text.length, bad.length);
        Path file = Files.createTempFile("collapsed", ".txt");
        try {
            Files.write(file, bytes);
            assertThat(fromBytes(file).error()).isNotNull().isEqualTo(fromText(file).error());
        } finally {
            Files.delete(file);
        }
    }

    @Example
    void theEdgeCasesOfTheFormatReadTheSame() throws IOException {
        for (String text : List.of("", "\n\n", "# flamegate event=alloc unit=bytes interval=0 durationMs=5 engine=x\na;b 3\n",
                "a;b 3\r\na;b 4", " \t a b;c d 7 \n", "a;b\t5", "a;b  5", "a;b +5", "a;b -5", "a;b 9223372036854775807",
                "a 9223372036854775807\nb 1", "a;b 3 4", "a;;b 1", ";a 1", "a; 1", "a;b", "12", " 12", "a;b 0",
                "\u3000a;b 1", "a;b\u3000 1", "\u00a0a;b 1", "é;ü 2\nü;é 3", "\u000Ba;b 1", "a\u0001;b 2",
                "# comment é\na 1", "#\u00e9 1", "\uFEFF# flamegate event=cpu unit=samples\na 1", "a;b 1\n\uFEFFc 2",
                "a;b 0012", "a;b 1234567890123456789", "a;b 12345678901234567890", "x 1\r", "x 1\r\r\n")) {
            assertSameReading(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Property(tries = 200)
    void normalisingWhileReadingEqualsNormalisingAfter(@ForAll("profiles") Profile profile) throws IOException {
        // a line only the text rules read (a leading ideographic space), so the builder's renaming is used too
        String text = CollapsedFormat.toText(profile) + "\u3000com/acme/Foo$$Lambda$7/0x0000000800c0b440.run_[j];x_[i] 3\n";
        Path file = Files.createTempFile("collapsed", ".txt");
        try {
            Files.writeString(file, text);
            FrameNormalizer normalizer = FrameNormalizer.defaults();
            Outcome plain = fromBytes(file);
            if (plain.error() != null) { // a frame like "a b 12" last in a stack reads as a second weight
                assertThatThrownBy(() -> CollapsedFormat.read(file, Event.CPU, normalizer.renaming()))
                        .hasMessage(plain.error());
                return;
            }

            Profile whileReading = CollapsedFormat.read(file, Event.CPU, normalizer.renaming());

            assertThat(whileReading).isEqualTo(normalizer.normalize(plain.profile()));
            assertThat(ProfileFiles.read(file, Event.CPU, normalizer)).isEqualTo(whileReading);
        } finally {
            Files.delete(file);
        }
    }

    @Example
    void aNulByteFailsNamingItsLine() throws IOException {
        Path file = Files.createTempFile("collapsed", ".txt");
        try {
            Files.write(file, "a;b 1\nc\0;d 2\n".getBytes(StandardCharsets.UTF_8));
            assertThat(fromBytes(file).error()).isEqualTo(fromText(file).error()).contains(":2:").contains("NUL");
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<Profile> profiles() {
        Arbitrary<String> frame = Arbitraries.oneOf(
                Arbitraries.of("java.lang.String.equals", "com/acme/Foo$$Lambda$12/0x0000000800c0b440.run_[j]",
                        "com/acme/Foo$$Lambda$13/0x0000000800c0b990.run_[j]", "com.acme.Foo.run_[i]", "com.acme.Foo.run",
                        "Thread [main]", "日本語.メソッド", "[unknown]", "a b 12", "x\t3"),
                Arbitraries.strings().all().excludeChars(';', '\n', '\r', '\0').ofMinLength(1).ofMaxLength(12)
                        .filter(s -> !s.strip().isEmpty() && s.strip().equals(s) && !s.startsWith("#")
                                && s.codePoints().noneMatch(c -> Character.isSurrogate((char) c) || c == 0xFEFF)));
        Arbitrary<Stack> stacks = Combinators.combine(frame.list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.longs().between(1, 1_000_000_000L)).as(Stack::new);
        return stacks.list().ofMaxSize(30).map(list -> {
            Profile.Builder builder = Profile.builder(Event.CPU);
            list.forEach(stack -> builder.add(stack.frames(), stack.weight()));
            return builder.build();
        });
    }

    @Provide
    Arbitrary<List<String>> lines() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab; #-+0123456789\t\r\u000B\u3000é").ofMaxLength(24),
                Arbitraries.strings().all().excludeChars('\0').ofMaxLength(20));
        return line.list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<List<String>> prefixedLines() {
        Arbitrary<String> frames = Arbitraries.of("a", "ab", "a b", "b", "é").list().ofMinSize(1).ofMaxSize(5)
                .map(list -> String.join(";", list));
        Arbitrary<String> stack = Combinators.combine(frames, Arbitraries.of("1", "0", "7", "12"), Arbitraries.of(" ", "\t", "  "))
                .as((f, weight, gap) -> f + gap + weight);
        Arbitrary<String> textOnly = Arbitraries.of("a;;b 2", "\u3000a;b 1", "a;b 3 4", "# note", "", "a;b");
        return Arbitraries.frequencyOf(Tuple.of(8, stack), Tuple.of(1, textOnly)).list().ofMaxSize(16);
    }

    @Provide
    Arbitrary<byte[]> malformed() {
        return Arbitraries.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xE2, (byte) 0x82},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0x80, 'a', ' ', '1'});
    }
}
