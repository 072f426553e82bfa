package dev.flamegate.flame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written page: escaping, embedded data, pruning numbers and atomic writes. */
class FlamePageTest {

    static final String SCRIPT_FRAME = "<script>alert(1)</script>";
    static final String IMG_FRAME = "<img src=x onerror=window.__flamegatePwned=1>";
    private static final Pattern DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"flamegate-data\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    /** Frames an attacker or an odd JVM could put in a profile. */
    static Profile hostile(int scale) {
        return Profile.builder(Event.CPU)
                .add(List.of("main", "Foo.<init>", SCRIPT_FRAME), 3L * scale)
                .add(List.of("main", "Foo.<init>", IMG_FRAME), 2L * scale)
                .add(List.of("main", "bar\u2028baz & \"q\" 'x' </script><!--"), 5L * scale)
                .build();
    }

    @Test
    void frameNamesCannotBreakOutOfTheDataElementAndTheTitleIsEscaped() throws IOException {
        Path out = dir.resolve("diff.html");

        DiffFlameGraph.writeHtml(FlameDiffTest.before(), hostile(1), FlameOptions.defaults(), "a <b>bold</b> & title", out);

        String html = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(html).doesNotContain(SCRIPT_FRAME).doesNotContain("<img").doesNotContain("<!--")
                .doesNotContain("\u2028").doesNotContain("<b>");
        assertThat(html).contains("<title>a &lt;b&gt;bold&lt;/b&gt; &amp; title</title>");
        assertThat(countOf(html, "</script>")).as("only the page's own two script elements close").isEqualTo(2);
        assertThat(html).doesNotContain("innerHTML").doesNotContain("http://").doesNotContain("https://");

        JsonNode data = data(html);
        List<String> names = new ArrayList<>();
        data.get("names").forEach(n -> names.add(n.asText()));
        assertThat(names).contains(SCRIPT_FRAME, IMG_FRAME, "Foo.<init>", "bar\u2028baz & \"q\" 'x' </script><!--");
    }

    @Test
    void embedsTheMergedTreeInPreOrderWithAnInternedNameTable() throws IOException {
        Path out = dir.resolve("diff.html");

        DiffFlameGraph.writeHtml(FlameDiffTest.before(), FlameDiffTest.after(), FlameOptions.defaults(), "t", out);

        JsonNode data = data(Files.readString(out));
        assertThat(data.get("mode").asText()).isEqualTo("diff");
        assertThat(data.get("beforeTotal").asLong()).isEqualTo(10);
        assertThat(data.get("afterTotal").asLong()).isEqualTo(20);
        assertThat(data.get("widths").asText()).isEqualTo("NEW");
        // pre-order: all, main, a, b, c, e, d
        assertThat(frameNames(data)).containsExactly("all", "main", "a", "b", "c", "e", "d");
        assertThat(longs(data, "depth")).containsExactly(0L, 1L, 2L, 3L, 3L, 3L, 2L);
        assertThat(longs(data, "before")).containsExactly(10L, 10L, 6L, 4L, 2L, 0L, 4L);
        assertThat(longs(data, "after")).containsExactly(20L, 20L, 10L, 6L, 0L, 4L, 10L);
        assertThat(data.get("prunedNodes").asLong()).isZero();
    }

    @Test
    void prunesFramesNarrowerThanTheMinimumInBothProfilesAndCountsThem() throws IOException {
        Path out = dir.resolve("diff.html");

        // c is 20 % before / 0 % after, e is 0 % / 20 %: both below 25 %; b (40 % / 30 %) stays
        DiffFlameGraph.writeHtml(FlameDiffTest.before(), FlameDiffTest.after(),
                FlameOptions.defaults().withMinWidth(0.25).withWidths(FlameOptions.Widths.OLD), null, out);

        String html = Files.readString(out);
        JsonNode data = data(html);
        assertThat(frameNames(data)).containsExactly("all", "main", "a", "b", "d");
        assertThat(data.get("prunedNodes").asLong()).isEqualTo(2);
        assertThat(data.get("prunedBefore").asLong()).isEqualTo(2);
        assertThat(data.get("prunedAfter").asLong()).isEqualTo(4);
        assertThat(data.get("widths").asText()).isEqualTo("OLD");
        assertThat(html).contains("<title>" + FlameOptions.DEFAULT_TITLE + "</title>");
    }

    @Test
    void interningSharesRepeatedNames() {
        Profile recursive = Profile.builder(Event.CPU).add("f;f;f;f", 1).add("f;g;f", 1).build();

        PrunedTree tree = PrunedTree.of(FlameDiff.single(recursive, 0), 0);

        assertThat(tree.names).containsExactly("all", "f", "g");
        assertThat(tree.size).isEqualTo(7);
    }

    @Test
    void plainFlameGraphHasOneWeightPerFrame() throws IOException {
        Path out = dir.resolve("flame.html");

        FlameGraph.writeHtml(FlameDiffTest.after(), FlameOptions.defaults().withTitle("plain"), null, out);

        String html = Files.readString(out);
        JsonNode data = data(html);
        assertThat(data.get("mode").asText()).isEqualTo("plain");
        assertThat(data.has("before")).isFalse();
        assertThat(longs(data, "after")).containsExactly(20L, 20L, 10L, 6L, 4L, 10L);
        assertThat(html).contains("<title>plain</title>");
    }

    @Test
    void replacesAnExistingFileAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path out = dir.resolve("diff.html");
        Files.writeString(out, "old");

        DiffFlameGraph.writeHtml(FlameDiffTest.before(), FlameDiffTest.after(), FlameOptions.defaults(), "t", out);

        assertThat(Files.readString(out)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void thePageGetsTheSamePermissionsAsAnyNewFile() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path out = dir.resolve("diff.html");

        DiffFlameGraph.writeHtml(FlameDiffTest.before(), FlameDiffTest.after(), FlameOptions.defaults(), "t", out);

        assertThat(Files.getPosixFilePermissions(out)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void anUnwritableTargetFailsWithoutLeavingAFile() throws IOException {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");

        assertThatThrownBy(() -> FlameGraph.writeHtml(FlameDiffTest.after(), FlameOptions.defaults(), "t",
                blocker.resolve("out.html")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("out.html");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(blocker);
        }
    }

    @Test
    void optionsValidateAndCompareByValue() {
        assertThatThrownBy(() -> FlameOptions.defaults().withMinWidth(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlameOptions.defaults().withMinWidth(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FlameOptions.defaults().minWidth()).isEqualTo(FlameOptions.DEFAULT_MIN_WIDTH);
        assertThat(FlameOptions.defaults().withMinWidth(0.01)).isEqualTo(FlameOptions.defaults().withMinWidth(0.01));
        assertThat(FlameOptions.defaults().withTitle("x").titleOr(" ")).isEqualTo("x");
    }

    static JsonNode data(String html) throws IOException {
        Matcher m = DATA.matcher(html);
        assertThat(m.find()).as("data element present").isTrue();
        return new ObjectMapper().readTree(m.group(1));
    }

    /** Each embedded frame's name, resolved through the name table, in pre-order. */
    private static List<String> frameNames(JsonNode data) {
        List<String> table = new ArrayList<>();
        data.get("names").forEach(n -> table.add(n.asText()));
        List<String> values = new ArrayList<>();
        data.get("name").forEach(i -> values.add(table.get(i.asInt())));
        return values;
    }

    private static List<Long> longs(JsonNode data, String field) {
        List<Long> values = new ArrayList<>();
        data.get(field).forEach(n -> values.add(n.asLong()));
        return values;
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }
}
