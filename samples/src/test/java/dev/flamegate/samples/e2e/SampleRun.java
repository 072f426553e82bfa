package dev.flamegate.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One run of the samples' profiled tests in a fresh child JVM on this test's class path, launched through
 * the JUnit Platform ({@link ProfiledTestMain}) the way a build tool launches them, with a regression switch
 * and its own flamegate output directory. (Frames of the launcher differ from Surefire's, which does not
 * matter: harness frames sit at the root of every stack and the comparison works on the workload's paths.)
 *
 * @param exitCode  0 when every selected test passed
 * @param output    the child's stdout and stderr
 * @param outputDir the child's {@code flamegate.output.dir}
 */
public record SampleRun(int exitCode, String output, Path outputDir) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The repository's top-level directory: the nearest ancestor of the working directory with a {@code samples} module. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("samples")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no flamegate repository above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /**
     * Runs {@code tests} (surefire {@code -Dtest} patterns, e.g. {@code OrderServiceProfiledTest#quotesOrders})
     * with {@code -Dsamples.regression=regression} (none when blank), extra properties {@code props}
     * ({@code key=value}) and flamegate output under {@code outputDir}.
     */
    public static SampleRun run(String regression, Path outputDir, List<String> props, String tests) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The samples' Surefire settings: a fixed, pre-touched heap, exact attribution of inlined frames.
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints", "-cp", System.getProperty("java.class.path"),
                "-Dflamegate.output.dir=" + outputDir.toAbsolutePath(), "-Dflamegate.mode=verify",
                "-Dflamegate.baselines.dir=" + System.getProperty("flamegate.baselines.dir",
                        repositoryRoot().resolve("baselines").toString())));
        if (regression != null && !regression.isBlank()) {
            command.add("-Dsamples.regression=" + regression);
        }
        if (System.getProperty("samples.jdbc.url") != null) {
            command.add("-Dsamples.jdbc.url=" + System.getProperty("samples.jdbc.url"));
        }
        props.forEach(p -> command.add("-D" + p));
        command.add(ProfiledTestMain.class.getName());
        command.addAll(List.of(tests.split(",")));
        try {
            Files.createDirectories(outputDir);
            Path log = outputDir.resolve("child-output.txt");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("child JVM did not finish in 10 minutes: " + command);
            }
            return new SampleRun(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), outputDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The artifact directory of the test method {@code method}, {@code Class#method} or a bare method name
     * (matched by its id's suffix).
     */
    public Path testDir(String method) {
        String key = method.contains("#") ? "." + method.replace('#', '_') + "~" : "_" + method + "~";
        try (Stream<Path> dirs = Files.list(outputDir)) {
            return dirs.filter(d -> d.getFileName().toString().contains(key)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no artifacts for " + method + " in " + outputDir
                            + "; child output:\n" + output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code result.json} of {@code method}. */
    public JsonNode result(String method) {
        try {
            return JSON.readTree(testDir(method).resolve("result.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The verdict of {@code method}, e.g. {@code REGRESSION}. */
    public String verdict(String method) {
        return result(method).path("verdict").asText();
    }

    /** A metric object of {@code method}'s result, e.g. {@code wall.time}. */
    public Optional<JsonNode> metric(String method, String name) {
        for (JsonNode m : result(method).path("metrics")) {
            if (m.path("name").asText().equals(name)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
