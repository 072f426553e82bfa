package dev.flamegate.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.SyntheticRuns;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import dev.flamegate.redact.Redactor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever a front end hands {@link ArtifactWriter}, the files it writes hold no planted secret. */
class ArtifactRedactionTest {

    private static final String TOKEN = "ghp_PlantedFakeToken0123456789abcdefABCD";
    private static final String EMAIL = "jane.planted@example.com";
    private static final String PASSWORD = "PlantedHunter2";

    @TempDir
    Path root;

    @Test
    void framesTitlesTextsAndResultJsonAreRedacted() throws IOException {
        String id = "com.acme.LoginTest#logsIn[1: " + EMAIL + ", password=" + PASSWORD + "]";
        Profile profile = Profile.builder(Event.CPU)
                .add("main;com.acme.Auth.check;com.acme.Keys." + TOKEN, 5)
                .add("main;Thread [worker password=" + PASSWORD + "]", 2).build();
        Comparison comparison = Comparison.builder(id, "LoginTest.logsIn(" + EMAIL + ")", SyntheticRuns.ENV)
                .note("request GET /reset?token=" + TOKEN).build();

        ArtifactWriter writer = ArtifactWriter.forId(root, id)
                .profile(profile).flame(profile, "logs in as " + EMAIL).diff(profile, profile, "password=" + PASSWORD)
                .text("trace-shape.txt", "GET /reset [server] {user=" + EMAIL + "}\n");
        writer.result(comparison);

        assertThat(writer.warnings()).isEmpty();
        assertThat(writer.directory().resolve("cpu.collapsed")).content().contains("com.acme.Keys.[REDACTED] 5");
        assertThat(writer.directory().resolve("result.json")).content().contains("[EMAIL]", "token=[REDACTED]");
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(file.toString()).doesNotContain(EMAIL, PASSWORD);
                assertThat(file).content().doesNotContain(TOKEN, EMAIL, PASSWORD);
            }
        }
    }

    @Test
    void aCallerCanAddItsOwnRule() {
        ArtifactWriter writer = ArtifactWriter.forId(root, "com.acme.T#m")
                .redacting(Redactor.defaults().toBuilder().add("acmeInternal_[0-9a-f]{16}", Redactor.REDACTED).build());

        writer.text("notes.txt", "calls acmeInternal_7f3a9c2b1d4e5f60 twice\n");

        assertThat(writer.directory().resolve("notes.txt")).hasContent("calls [REDACTED] twice");
        assertThat(List.of(writer.artifacts().keySet().toArray())).containsExactly("notes");
    }
}
