package dev.flamegate.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import dev.flamegate.compare.CompareSettings;
import dev.flamegate.compare.BaselineComparator;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.SyntheticRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactWriterTest {

    @TempDir
    Path root;

    private final Profile profile = Profile.builder(Event.CPU)
            .add("main;com.acme.<Pricing>.quote$\"x\"", 3).add("main;idle", 1).build();

    @Test
    void writesEachArtifactIntoTheIdsSafeDirectoryAndLabelsIt() throws IOException {
        ArtifactWriter writer = ArtifactWriter.forId(root, "com.acme.PricingTest#quotes[1: ../../etc]");
        writer.profile(profile).flame(profile, "quotes <script>").diff(profile, profile, "diff").text("trace-shape.txt", "quote\n");

        assertThat(writer.directory().getParent()).isEqualTo(root.toAbsolutePath().normalize());
        assertThat(writer.directory().getFileName().toString()).doesNotContain("/").contains("~"); // ".." inside one name is no path step
        assertThat(writer.artifacts()).containsExactly(
                java.util.Map.entry("cpu.collapsed", "cpu.collapsed"), java.util.Map.entry("cpu.flame", "cpu.flame.html"),
                java.util.Map.entry("cpu.diff", "cpu.diff.html"), java.util.Map.entry("trace-shape", "trace-shape.txt"));
        assertThat(writer.directory().resolve("cpu.collapsed")).content().contains("main;idle 1");
        assertThat(writer.warnings()).isEmpty();
        try (Stream<Path> files = Files.list(writer.directory())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aFlameDiffAlsoWritesItsChangedPathsAsText() {
        ArtifactWriter writer = ArtifactWriter.forId(root, "com.acme.PricingTest#quotes");
        Profile slower = Profile.builder(dev.flamegate.profile.Event.CPU)
                .add("main;com.acme.<Pricing>.quote$\"x\"", 3).add("main;idle", 1).add("main;com.acme.Tax.compile", 4).build();
        writer.diff(profile, slower, "d");
        assertThat(writer.artifacts()).containsEntry("cpu" + ArtifactWriter.DIFF_TEXT, "cpu.diff.txt");
        assertThat(writer.directory().resolve("cpu.diff.txt")).content()
                .startsWith("all  100.0% → 100.0%\n└─ main  100.0% → 100.0%  +0.0 pp\n   ├─ com.acme.Tax.compile  0.0% → 50.0%  +50.0 pp");
    }

    @Test
    void anUnwritableTargetIsAWarningNotAnException() throws IOException {
        Path blocked = root.resolve("target");
        Files.writeString(blocked, "a file where the directory should be");
        ArtifactWriter writer = ArtifactWriter.forId(blocked, "com.acme.T#m");

        writer.profile(profile).flame(profile, "t").text("trace-shape.txt", "x");

        assertThat(writer.artifacts()).isEmpty();
        assertThat(writer.warnings()).hasSize(3).allSatisfy(w -> assertThat(w).startsWith("could not write " + blocked));
    }

    @Test
    void aDiskThatFillsUpMidWayIsAWarningPerMissingArtifactAndLeavesNoPartialFile() throws IOException {
        // A full disk simulated at the exception level (a real ENOSPC runs in DiskFullTest where namespaces allow it).
        ArtifactWriter writer = new ArtifactWriter(root.resolve("out"), dev.flamegate.flame.FlameOptions.defaults(), file -> {
            if (file.getFileName().toString().endsWith(".html")) {
                throw new IOException("No space left on device");
            }
        });
        Comparison comparison = BaselineComparator.compare(Optional.empty(),
                new SyntheticRuns(1).run(), CompareSettings.defaults());

        writer.profile(profile).flame(profile, "t").diff(profile, profile, "d").text("trace-shape.txt", "x");
        Optional<Path> result = writer.result(comparison);

        assertThat(writer.warnings()).containsExactly(
                "could not write " + writer.directory().resolve("cpu.flame.html") + ": IOException No space left on device",
                "could not write " + writer.directory().resolve("cpu.diff.html") + ": IOException No space left on device");
        assertThat(result).hasValueSatisfying(file -> assertThat(file).content()
                .contains("\"cpu.collapsed\"").contains("\"trace-shape.txt\"").doesNotContain(".html"));
        try (Stream<Path> files = Files.list(writer.directory())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("cpu.collapsed", "trace-shape.txt", "result.json");
        }
    }

    @Test
    void aResultFileThatDoesNotFitIsAWarningToo() {
        ArtifactWriter writer = new ArtifactWriter(root, dev.flamegate.flame.FlameOptions.defaults(), file -> {
            throw new IOException("No space left on device");
        });
        Comparison comparison = BaselineComparator.compare(Optional.empty(),
                new SyntheticRuns(1).run(), CompareSettings.defaults());

        assertThat(writer.result(comparison)).isEmpty();
        assertThat(writer.warnings()).singleElement().asString().startsWith("could not write " + root.resolve("result.json"))
                .endsWith("No space left on device");
    }
}
