package dev.flamegate.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CollapsedFormatTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            a;b                 | b.collapsed:2: no weight after the stack in 'a;b'. Each line must be 'frame;frame;frame <weight>'
            "a;b "              | b.collapsed:2: no weight after the stack in 'a;b'. Each line must be 'frame;frame;frame <weight>'
            a;b -3              | b.collapsed:2: negative weight -3. Weights are sample counts, bytes or nanoseconds and cannot be negative
            a;b three           | b.collapsed:2: weight 'three' is not a whole number. Each line must be 'frame;frame;frame <weight>'
            a;b 1.5             | b.collapsed:2: weight '1.5' is not a whole number. Each line must be 'frame;frame;frame <weight>'
            a;b 99999999999999999999 | b.collapsed:2: weight '99999999999999999999' is not a whole number. Each line must be 'frame;frame;frame <weight>'
            42                  | b.collapsed:2: a weight without a stack. Each line must be 'frame;frame;frame <weight>'
            " 42"               | b.collapsed:2: a weight without a stack. Each line must be 'frame;frame;frame <weight>'
            a;;b 1              | b.collapsed:2: an empty frame name in 'a;;b'. Frames are separated by single ';' characters
            ;a 1                | b.collapsed:2: an empty frame name in ';a'. Frames are separated by single ';' characters
            a;b 3 5             | b.collapsed:2: two weights after the stack (a differential folded file?). Pass the before and after profiles as separate collapsed files
            """)
    void malformedLineNamesFileLineAndRemedy(String line, String message) {
        String text = "main;ok 1\n" + line + "\nmain;ok 2\n";

        assertThatThrownBy(() -> CollapsedFormat.parse(text, "b.collapsed", Event.CPU))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((InvalidInputException) e).line()).isEqualTo(2));
    }

    @Test
    void overflowingWeightsAreInvalidInputNotArithmeticException() {
        String text = "a 9223372036854775807\na 1\n";

        assertThatThrownBy(() -> CollapsedFormat.parse(text, "big.collapsed", Event.CPU))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("big.collapsed:2: the weights add up to more than 9223372036854775807. Check the weights;"
                        + " they are sample counts, bytes or nanoseconds");
    }

    @Test
    void acceptsBlankLinesCommentsCrlfTabsZeroWeightsAndABom() {
        String text = "\uFEFF# produced by hand\r\n\r\nmain;work 3\r\n   \r\nmain;work 2\r\nmain;idle\t4\r\nmain;gone 0\r\n";

        Profile profile = CollapsedFormat.parse(text, "crlf.collapsed", Event.CPU);

        assertThat(profile.stacks()).containsExactly(
                new Stack(List.of("main", "idle"), 4),
                new Stack(List.of("main", "work"), 5));
        assertThat(profile.total()).isEqualTo(9);
    }

    @Test
    void framesMayContainSpacesAndUnicode() {
        String text = "Thread [main];Ünïcødé.ñame;日本語.メソッド;com.acme.Foo.<init> (inlined);λ→x 7\n";

        Profile profile = CollapsedFormat.parse(text, "u.collapsed", Event.CPU);

        assertThat(profile.stacks()).singleElement().satisfies(stack -> {
            assertThat(stack.frames()).containsExactly("Thread [main]", "Ünïcødé.ñame", "日本語.メソッド",
                    "com.acme.Foo.<init> (inlined)", "λ→x");
            assertThat(stack.weight()).isEqualTo(7);
        });
    }

    @Test
    void headerSetsEventUnitAndMetadataAndIsWrittenBack() {
        Profile profile = Profile.builder(Event.ALLOC)
                .metadata(new ProfileMetadata(524288, Duration.ofMillis(1500), "async-profiler/alloc"))
                .add("main;alloc", 4096)
                .build();

        String text = CollapsedFormat.toText(profile);

        assertThat(text).isEqualTo("# flamegate event=alloc unit=bytes interval=524288 durationMs=1500"
                + " engine=async-profiler/alloc\nmain;alloc 4096\n");
        assertThat(CollapsedFormat.parse(text, "x", Event.CPU)).isEqualTo(profile);
    }

    @Test
    void badHeaderNamesTheLine() {
        assertThatThrownBy(() -> CollapsedFormat.parse("# flamegate event=heap\na 1\n", "h.collapsed", Event.CPU))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("h.collapsed:1: bad flamegate header: Unknown event 'heap': expected one of cpu, alloc, lock,"
                        + " wall. Fix or delete the first line ('# flamegate ...')");
    }

    @Test
    void aCommentStartingWithFlamegateIsNoHeader() {
        Profile profile = CollapsedFormat.parse("# flamegate example: two stacks\na 1\nb 2\n", "c", Event.LOCK);

        assertThat(profile.event()).isEqualTo(Event.LOCK);
        assertThat(profile.total()).isEqualTo(3);
    }

    @Test
    void binaryFileIsRejectedAsNotText() throws Exception {
        Path file = dir.resolve("binary.collapsed");
        Files.write(file, new byte[] {'a', ' ', '1', '\n', (byte) 0xC3, (byte) 0x28, '\n'});

        assertThatThrownBy(() -> CollapsedFormat.read(file, Event.CPU))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": not UTF-8 text (binary data?). Pass a collapsed stack file (a;b;c 42 per line)"
                        + " or a JFR recording");
    }

    @Test
    void readsAFileWithItsPathInErrors() throws Exception {
        Path file = dir.resolve("bad.collapsed");
        Files.writeString(file, "a 1\nb x\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> CollapsedFormat.read(file, Event.CPU))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ":2: weight 'x' is not a whole number.");
    }

    @Test
    void anEndlessLineIsRefusedAtTheLimitNotReadIntoMemory() {
        // "a 1", then one line of 'a' that never ends: reading it whole would never finish.
        java.io.Reader endless = new java.io.Reader() {
            private long served;

            @Override
            public int read(char[] buffer, int offset, int length) {
                for (int i = 0; i < length; i++, served++) {
                    buffer[offset + i] = served < 4 ? "a 1\n".charAt((int) served) : 'a';
                }
                return length;
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> CollapsedFormat.read(endless, "endless", Event.CPU))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("endless:2: the line is longer than " + CollapsedFormat.MAX_LINE_CHARS + " characters. Check that"
                        + " this is a collapsed stack file (a;b;c 42 per line)");
    }

    @Test
    void aNulCharacterIsBinaryDataAndFrameNamesNeverWriteOne() {
        assertThatThrownBy(() -> CollapsedFormat.parse("a 1\nb\0c 2\n", "nul", Event.CPU))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("nul:2: a NUL character: binary data, not collapsed text. Pass a collapsed stack file"
                        + " (a;b;c 42 per line) or a JFR recording");
        Profile withNul = Profile.builder(Event.CPU).add(List.of("main", "odd\0name"), 3).build();

        assertThat(CollapsedFormat.parse(CollapsedFormat.toText(withNul), "written", Event.CPU).stacks())
                .singleElement().satisfies(stack -> assertThat(stack.frames()).containsExactly("main", "odd\uFFFDname"));
    }
}
