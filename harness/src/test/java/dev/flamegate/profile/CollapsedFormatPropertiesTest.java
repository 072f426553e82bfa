package dev.flamegate.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.InvalidInputException;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips of the collapsed format over generated profiles, and robustness against arbitrary text. */
class CollapsedFormatPropertiesTest {

    @Property(tries = 200)
    void writingThenReadingGivesTheSameProfile(@ForAll("profiles") Profile profile) {
        String text = CollapsedFormat.toText(profile);

        assertThat(CollapsedFormat.parse(text, "generated", Event.WALL)).isEqualTo(profile);
    }

    @Property(tries = 200)
    void normalisingTwiceChangesNothingMore(@ForAll("profiles") Profile profile) {
        FrameNormalizer normalizer = FrameNormalizer.defaults();
        Profile once = normalizer.normalize(profile);

        assertThat(normalizer.normalize(once)).isEqualTo(once);
        assertThat(once.total()).isEqualTo(profile.total());
    }

    @Property(tries = 200)
    void framesCountedOncePerStackNeverExceedTheTotal(@ForAll("profiles") Profile profile) {
        FrameStats stats = FrameStats.of(profile);

        assertThat(stats.byTotal()).allSatisfy(frame -> {
            assertThat(frame.total()).isBetween(frame.self(), profile.total());
            assertThat(frame.totalShare()).isBetween(0.0, 1.0);
        });
        assertThat(stats.byTotal().stream().mapToLong(FrameStats.Frame::self).sum()).isEqualTo(profile.total());
    }

    @Property(tries = 300)
    void arbitraryTextParsesOrFailsWithInvalidInputOnly(@ForAll("lines") List<String> lines) {
        String text = String.join("\n", lines);
        try {
            Profile profile = CollapsedFormat.parse(text, "fuzz", Event.CPU);
            assertThat(profile.total()).isNotNegative();
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).startsWith("fuzz:").doesNotContain("\n");
        }
    }

    @Provide
    Arbitrary<Profile> profiles() {
        Arbitrary<Stack> stacks = Combinators.combine(
                frame().list().ofMinSize(1).ofMaxSize(12),
                Arbitraries.longs().between(1, 1_000_000_000L)).as(Stack::new);
        Arbitrary<Event> events = Arbitraries.of(Event.class);
        Arbitrary<ProfileMetadata> metadata = Combinators.combine(
                Arbitraries.longs().between(0, 10_000_000_000L),
                Arbitraries.longs().between(0, 86_400_000L),
                Arbitraries.strings().alpha().numeric().withChars("/-._").ofMinLength(1).ofMaxLength(20))
                .as((interval, millis, engine) -> new ProfileMetadata(interval, Duration.ofMillis(millis), engine));
        return Combinators.combine(events, metadata, stacks.list().ofMaxSize(40)).as((event, meta, list) -> {
            Profile.Builder builder = Profile.builder(event).metadata(meta);
            list.forEach(stack -> builder.add(stack.frames(), stack.weight()));
            return builder.build();
        });
    }

    /**
     * Frame names as they occur: Java, native and kernel names with spaces, Unicode, {@code <>$/[]}; never
     * {@code ;}, a line break or NUL, never blank-edged, never starting with {@code #} (documented limits).
     */
    private static Arbitrary<String> frame() {
        Arbitrary<String> java = Arbitraries.of("java.lang.String.equals", "com/acme/Foo$$Lambda$12/0x0000000800c0b440.run_[j]",
                "com.acme.Foo.<init>", "Thread [main]", "do_syscall_64_[k]", "JavaThread::run", "byte[]",
                "<script>alert(1)</script>", "日本語.メソッド", "[unknown]");
        Arbitrary<String> any = Arbitraries.strings().all().excludeChars(';', '\n', '\r', '\0')
                .ofMinLength(1).ofMaxLength(30)
                .filter(s -> !s.strip().isEmpty() && s.strip().equals(s) && !s.startsWith("#")
                        && s.codePoints().noneMatch(c -> Character.isSurrogate((char) c) || c == 0xFEFF));
        return Arbitraries.oneOf(java, any);
    }

    @Provide
    Arbitrary<List<String>> lines() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab; #-0123456789\t\r").ofMaxLength(20),
                Arbitraries.strings().all().ofMaxLength(20));
        return line.list().ofMaxSize(10);
    }
}
