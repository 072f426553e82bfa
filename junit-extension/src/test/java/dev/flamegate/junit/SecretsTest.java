package dev.flamegate.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.baseline.BaselineIds;
import dev.flamegate.junit.fixtures.SecretsFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planted secrets: a {@code -D} system property and an environment variable of the test JVM (which JFR
 * recordings carry), and a frame name, span name and span attributes holding a fake token, password and
 * e-mail address. Nothing flamegate writes — artifacts, run index, PR comment, baselines — nor what it prints
 * holds any of them; only an opted-in raw recording does.
 */
class SecretsTest {

    private static final String PROPERTY_SECRET = "PlantedSystemPropertySecret7";
    private static final String ENV_SECRET = "PlantedEnvironmentSecret9";
    private static final List<String> SECRETS = List.of(PROPERTY_SECRET, ENV_SECRET, SecretsFixture.TOKEN,
            SecretsFixture.EMAIL, SecretsFixture.PASSWORD, SecretsFixture.IN_HOUSE, SecretsFixture.AWS_KEY,
            SecretsFixture.STRIPE_KEY, SecretsFixture.PARAMETER_SECRET, SecretsFixture.PARAMETER_KEY);
    /** {@code flamegate.redact}: the in-house secret pattern no default rule knows. */
    private static final Map<String, String> IN_HOUSE_RULE = Map.of(ProfiledTest.REDACT_KEY, "acmeInternal_[0-9a-f]{16}");

    @TempDir
    Path baselines;
    @TempDir
    Path output;
    /** The child JVM's {@code java.io.tmpdir}, where raw recordings used to be left behind. */
    @TempDir
    Path childTmp;

    @Test
    void plantedSecretsReachNoFileFlamegateWritesAndNoConsoleLine() throws Exception {
        List<String> recordRun = runInChildJvm(Map.of(ProfiledTest.MODE_KEY, "record", ProfiledTest.REDACT_KEY,
                IN_HOUSE_RULE.get(ProfiledTest.REDACT_KEY)));
        List<String> verifyRun = runInChildJvm(Map.of(ProfiledTest.MODE_KEY, "verify", ProfiledTest.REDACT_KEY,
                IN_HOUSE_RULE.get(ProfiledTest.REDACT_KEY)));

        Path artifacts = output.resolve(BaselineIds.fileName(SecretsFixture.class.getName() + "#handlesUserData"));
        assertThat(artifacts.resolve("cpu.collapsed")).as("the secret frames were sampled, and redacted").content()
                .contains(SecretsFixture.class.getName() + ".[REDACTED];dev.flamegate.junit.fixtures.Work.spin")
                .contains(SecretsFixture.class.getName() + ".handlesUserData;" + SecretsFixture.class.getName() + ".[REDACTED]");
        assertThat(artifacts.resolve("profile.jfr")).as("no raw recording by default").doesNotExist();
        assertThat(output.resolve("index.html")).isRegularFile();
        assertThat(leftInTmp()).as("recordings left in java.io.tmpdir").isEmpty();
        for (Path file : files(output, baselines)) {
            assertThat(SECRETS).as("file name %s", file).allSatisfy(secret -> assertThat(file.toString()).doesNotContain(secret));
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(SECRETS).as(file.toString()).allSatisfy(secret -> assertThat(content).doesNotContain(secret));
        }
        // "test ..." lines are the child launcher's own, naming each test by its JUnit display name.
        for (String line : concat(recordRun, verifyRun).stream().filter(l -> !l.startsWith("test ")).toList()) {
            assertThat(SECRETS).as(line).allSatisfy(secret -> assertThat(line).doesNotContain(secret));
        }
    }

    @Test
    void anOptedInRecordingIsKeptRawAndDoesCarryTheSystemProperty() throws Exception {
        runInChildJvm(Map.of(ProfiledTest.MODE_KEY, "record", ProfiledTest.KEEP_JFR_KEY, "true"));

        Path recording = output.resolve(BaselineIds.fileName(SecretsFixture.class.getName() + "#handlesUserData"))
                .resolve("profile.jfr");
        assertThat(recording).as("why it is off by default").isRegularFile();
        assertThat(new String(Files.readAllBytes(recording), StandardCharsets.ISO_8859_1)).contains(PROPERTY_SECRET);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(recording))).as("owner only")
                .isEqualTo("rw-------");
        assertThat(leftInTmp()).as("recordings left in java.io.tmpdir").isEmpty();
    }

    private List<Path> leftInTmp() throws IOException {
        try (Stream<Path> walk = Files.walk(childTmp)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".jfr")
                    || p.getFileName().toString().startsWith("flamegate-")).toList();
        }
    }

    /** Runs the fixture in a child JVM with the planted property and environment variable; its output lines. */
    private List<String> runInChildJvm(Map<String, String> parameters) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dplanted.db.password=" + PROPERTY_SECRET, "-Djava.io.tmpdir=" + childTmp, "-cp", System.getProperty("java.class.path"),
                ForkedEngineRun.class.getName(), SecretsFixture.class.getName()));
        command.addAll(new EngineRuns(baselines, output).arguments());
        parameters.forEach((key, value) -> command.add(key + "=" + value));
        Path log = Files.createTempFile("flamegate-secrets-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("PLANTED_API_TOKEN", ENV_SECRET);
            Process child = builder.start();
            if (!child.waitFor(120, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor();
                throw new AssertionError("child JVM still running: " + Files.readString(log));
            }
            List<String> lines = Files.readAllLines(log);
            assertThat(lines).as("child output").contains("test SUCCESSFUL handlesUserData(Tracer)")
                    .filteredOn(line -> line.startsWith("test SUCCESSFUL [")).hasSize(2);
            return lines;
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static List<Path> files(Path... roots) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        assertThat(files).as("written files").hasSizeGreaterThan(5);
        return files;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
