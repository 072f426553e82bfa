package dev.flamegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import dev.flamegate.baseline.BaselineStore;
import dev.flamegate.compare.SyntheticRuns;
import dev.flamegate.io.RepositoryRoot;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed input, through the CLI entry point of every command that reads it: exit code 2, exactly
 * one line on stderr that names the bad file and says what to do, no stack trace, nothing on stdout and no
 * output file (not even a temporary one) left behind. Huge inputs are 1 GiB sparse files (no disk used) and
 * must be refused or streamed within a few MiB of allocation, never read whole.
 */
class BadInputMatrixTest {

    private static final long ONE_GIB = 1L << 30;
    /** What reading a refused input may allocate at most: far below the 1 GiB a whole read would take. */
    private static final long ALLOCATION_BOUND = 64L << 20;

    @TempDir
    static Path fixtures;
    private static Path goodCollapsed;
    private static Path goodRounds;
    private static Path goodBaseline;
    private static Path goodJmh;
    private static Path recording;

    @TempDir
    Path work;

    @BeforeAll
    static void goodInputs() throws Exception {
        goodCollapsed = Files.writeString(fixtures.resolve("good.collapsed"), "main;a 10\nmain;b 5\n");
        goodRounds = Files.createDirectories(fixtures.resolve("good-rounds"));
        for (int i = 1; i <= 3; i++) {
            Files.writeString(goodRounds.resolve("r" + i + ".collapsed"), "main;a 10\nmain;b " + (4 + i) + "\n");
        }
        BaselineStore store = BaselineStore.at(fixtures.resolve("baselines"));
        store.save(Baseline.from(new SyntheticRuns(7).withProfiles(400).rounds(3).run(), BaselineOptions.defaults()));
        goodBaseline = store.directoryOf("com.acme.PricingTest#quotes");
        goodJmh = Path.of(BadInputMatrixTest.class.getResource("/jmh-compare/base.json").toURI());
        recording = fixtures.resolve("real.jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            r.start();
            long end = System.nanoTime() + 300_000_000L;
            double x = 0;
            while (System.nanoTime() < end) {
                x += Math.sqrt(x + 1);
            }
            r.stop();
            r.dump(recording);
            assertThat(x).isPositive();
        }
    }

    /** A malformed file: how to make it in a directory, and what its one-line error must say. */
    record Bad(String name, Maker maker, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Maker {
        Path make(Path dir) throws Exception;
    }

    private static Path text(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static Path bytes(Path dir, String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    /** A 1 GiB file that starts with {@code head} and is a hole after it: instant, and no disk blocks. */
    static Path sparse(Path dir, String name, byte[] head) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.write(head);
            raf.setLength(ONE_GIB);
        }
        return file;
    }

    private static final byte[] GARBAGE = {(byte) 0xC3, 0x28, (byte) 0xFF, 0x00, 0x13, (byte) 0xFE, (byte) 0x80, 0x7F, 0x01};

    // ---- profiles (diff, flame, top and the rounds of compare) ----

    static List<Bad> badProfiles() {
        return List.of(
                new Bad("empty", d -> text(d, "p.collapsed", ""), "empty file"),
                new Bad("truncated mid-line", d -> text(d, "p.collapsed", "main;a 10\nmain;b;c"), ":2: no weight"),
                new Bad("binary garbage", d -> bytes(d, "p.collapsed", GARBAGE), "not UTF-8 text"),
                new Bad("JSON instead of stacks", d -> text(d, "p.collapsed", "{\"stacks\": [1, 2]}\n"), ":1: "),
                new Bad("malformed line", d -> text(d, "p.collapsed", "main;a 10\nmain;;b 3\n"), ":2: an empty frame name"),
                new Bad("negative weight", d -> text(d, "p.collapsed", "main;a -1\n"), ":1: negative weight"),
                new Bad("1 GiB of zeros", d -> sparse(d, "p.collapsed", new byte[0]), ":1: "),
                new Bad("1 GiB line", d -> sparse(d, "p.collapsed", "main;a 1\nmain;b".getBytes(StandardCharsets.US_ASCII)), ":2: "),
                new Bad("cut-off JFR", d -> bytes(d, "p.jfr", half(Files.readAllBytes(recording))), "not a complete JFR recording"),
                new Bad("JFR header only", d -> bytes(d, "p.jfr", Arrays.copyOf(Files.readAllBytes(recording), 68)),
                        "not a complete JFR recording"),
                new Bad("1 GiB JFR", d -> sparse(d, "p.jfr", Arrays.copyOf(Files.readAllBytes(recording), 68)),
                        "not a complete JFR recording"),
                new Bad("missing", d -> d.resolve("missing.collapsed"), "no such (file|directory)"),
                new Bad("directory", d -> Files.createDirectory(d.resolve("adir.collapsed")), "not a readable file|no round profiles"));
    }

    private static byte[] half(byte[] whole) {
        return Arrays.copyOf(whole, whole.length / 2);
    }

    /** The profile commands, each with the bad file in one position and good inputs elsewhere. */
    static Stream<Arguments> profileCases() {
        List<Named<Function<Path, String[]>>> commands = List.of(
                Named.of("diff old", bad -> new String[] {"diff", bad.toString(), goodCollapsed.toString(), "-o", "OUT/d.html"}),
                Named.of("diff new", bad -> new String[] {"diff", goodCollapsed.toString(), bad.toString(), "-o", "OUT/d.html"}),
                Named.of("flame", bad -> new String[] {"flame", bad.toString(), "-o", "OUT/f.html"}),
                Named.of("top", bad -> new String[] {"top", goodCollapsed.toString(), bad.toString()}),
                Named.of("compare (round file)", bad -> new String[] {"compare", goodRounds.toString(), bad.toString()}));
        return cross(commands, badProfiles());
    }

    /** Every command with every bad input. */
    private static Stream<Arguments> cross(List<Named<Function<Path, String[]>>> commands, List<Bad> inputs) {
        return commands.stream().flatMap(c -> inputs.stream().map(b -> Arguments.of(c, b)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource({"profileCases", "jmhCases"})
    void badInputFileIsOneLineNamingTheFile(Function<Path, String[]> command, Bad bad) throws Exception {
        Path input = bad.maker().make(work);
        assertOneLineError(command.apply(input), input, bad.expected());
    }

    // ---- baselines (either side of compare) ----

    static List<Bad> badBaselines() {
        return List.of(
                new Bad("empty baseline.json", d -> json(d, ""), "the file is empty"),
                new Bad("truncated baseline.json", d -> json(d, half(goodJson())), "not valid JSON, truncated or corrupt"),
                new Bad("binary baseline.json", d -> json(d, GARBAGE), "not valid JSON"),
                new Bad("invalid JSON", d -> json(d, "{\"schemaVersion\": 1,, }"), ":1: not valid JSON"),
                new Bad("JSON array", d -> json(d, "[1, 2]"), "not a JSON object"),
                new Bad("two documents (bad merge)", d -> json(d, goodJsonText() + goodJsonText()), "not valid JSON"),
                new Bad("future schema", d -> json(d, goodJsonText().replaceFirst("\"schemaVersion\" : \\d+",
                        "\"schemaVersion\" : 999")), "schema version 999 was written by a newer flamegate"),
                new Bad("schema version 0", d -> json(d, goodJsonText().replaceFirst("\"schemaVersion\" : \\d+",
                        "\"schemaVersion\" : 0")), "unknown schema version 0"),
                new Bad("schema version text", d -> json(d, goodJsonText().replaceFirst("\"schemaVersion\" : \\d+",
                        "\"schemaVersion\" : \"two\"")), "field 'schemaVersion' is not a whole number"),
                new Bad("1 GiB baseline.json", d -> sparseJson(d), "more than the"),
                new Bad("malformed cpu.collapsed", d -> collapsed(d, "main;a 10\nmain;b x\n"), "cpu.collapsed:2: weight 'x'"),
                new Bad("truncated cpu.collapsed", d -> collapsed(d, "main;a 10\nmain;b"), "cpu.collapsed:2: no weight"),
                new Bad("1 GiB cpu.collapsed", d -> sparseCollapsed(d), "cpu.collapsed"),
                new Bad("missing baseline directory", d -> d.resolve("no-such-baseline"), "no such directory"));
    }

    private static byte[] goodJson() {
        try {
            return Files.readAllBytes(goodBaseline.resolve(BaselineStore.JSON_FILE));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String goodJsonText() {
        return new String(goodJson(), StandardCharsets.UTF_8);
    }

    /** A copy of the good baseline directory; the file the case breaks is returned (it is what the error names). */
    private static Path copyOfBaseline(Path dir) throws IOException {
        Path copy = Files.createDirectories(dir.resolve("baseline"));
        try (Stream<Path> files = Files.list(goodBaseline)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private static Path json(Path dir, String content) throws IOException {
        return json(dir, content.getBytes(StandardCharsets.UTF_8));
    }

    private static Path json(Path dir, byte[] content) throws IOException {
        return Files.write(copyOfBaseline(dir).resolve(BaselineStore.JSON_FILE), content);
    }

    private static Path sparseJson(Path dir) throws IOException {
        Path copy = copyOfBaseline(dir);
        Files.delete(copy.resolve(BaselineStore.JSON_FILE));
        return sparse(copy, BaselineStore.JSON_FILE, goodJson());
    }

    private static Path collapsed(Path dir, String content) throws IOException {
        return Files.writeString(copyOfBaseline(dir).resolve("cpu.collapsed"), content);
    }

    private static Path sparseCollapsed(Path dir) throws IOException {
        Path copy = copyOfBaseline(dir);
        Files.delete(copy.resolve("cpu.collapsed"));
        return sparse(copy, "cpu.collapsed", new byte[0]);
    }

    static Stream<Arguments> baselineCases() {
        List<Named<Function<Path, String[]>>> sides = List.of(
                Named.of("compare BASE", dir -> new String[] {"compare", dir.toString(), goodRounds.toString()}),
                Named.of("compare NEW", dir -> new String[] {"compare", goodBaseline.toString(), dir.toString()}));
        return cross(sides, badBaselines());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("baselineCases")
    void badBaselineIsOneLineNamingTheFile(Function<Path, String[]> command, Bad bad) throws Exception {
        Path file = bad.maker().make(work);
        Path directory = file.getFileName().toString().startsWith("no-such") ? file : file.getParent();
        assertOneLineError(command.apply(directory), file, bad.expected());
    }

    // ---- JMH results (jmh-compare) ----

    static List<Bad> badJmhResults() {
        return List.of(
                new Bad("empty", d -> text(d, "jmh.json", ""), "the file is empty"),
                new Bad("blank", d -> text(d, "jmh.json", "  \n\n"), "the file is empty"),
                new Bad("truncated", d -> bytes(d, "jmh.json", half(Files.readAllBytes(goodJmh))), "malformed JSON"),
                new Bad("binary garbage", d -> bytes(d, "jmh.json", GARBAGE), "JSON"),
                new Bad("invalid JSON", d -> text(d, "jmh.json", "[{\"benchmark\": }]"), ":1: malformed JSON"),
                new Bad("an object, not an array", d -> text(d, "jmh.json", "{}"), "expected a JSON array"),
                new Bad("two documents (bad merge)", d -> text(d, "jmh.json", Files.readString(goodJmh) + "[]"), "malformed JSON"),
                new Bad("result without primaryMetric", d -> text(d, "jmh.json", "[{\"benchmark\": \"a.B.c\", \"mode\": \"avgt\"}]"),
                        "has no primaryMetric"),
                new Bad("1 GiB of zeros", d -> sparse(d, "jmh.json", new byte[0]), "more than"),
                new Bad("1 GiB JSON", d -> sparse(d, "jmh.json", Files.readAllBytes(goodJmh)), "more than"),
                new Bad("missing", d -> d.resolve("missing.json"), "no such file"));
    }

    static Stream<Arguments> jmhCases() {
        List<Named<Function<Path, String[]>>> sides = List.of(
                Named.of("jmh-compare BASE", f -> new String[] {"jmh-compare", f.toString(), goodJmh.toString(), "--markdown", "OUT/j.md"}),
                Named.of("jmh-compare NEW", f -> new String[] {"jmh-compare", goodJmh.toString(), f.toString(), "--markdown", "OUT/j.md"}));
        return cross(sides, badJmhResults());
    }

    // ---- result files (report) ----

    static List<Bad> badResults() {
        return List.of(
                new Bad("empty", d -> text(d, "result.json", ""), "the file is empty"),
                new Bad("truncated", d -> bytes(d, "result.json", half(Files.readAllBytes(goodResult()))), "not valid JSON"),
                new Bad("binary garbage", d -> bytes(d, "result.json", GARBAGE), "not valid JSON"),
                new Bad("invalid JSON", d -> text(d, "result.json", "{\"schemaVersion\": 1,, }"), "not valid JSON"),
                new Bad("future schema", d -> text(d, "result.json", Files.readString(goodResult())
                        .replaceFirst("\"schemaVersion\" : \\d+", "\"schemaVersion\" : 999")), "999"),
                new Bad("two documents (bad merge)", d -> text(d, "result.json", Files.readString(goodResult()).repeat(2)),
                        "not valid JSON"),
                new Bad("1 GiB", d -> sparse(d, "result.json", Files.readAllBytes(goodResult())), "more than"));
    }

    private static Path goodResult() throws Exception {
        return RepositoryRoot.find().resolve("harness/src/test/resources/report/regression-result.json");
    }

    /** The report lists a bad result file and fails; it never leaves it out and passes. */
    @ParameterizedTest(name = "report: {0}")
    @MethodSource("badResults")
    void badResultFileFailsTheReportAndIsListed(Bad bad) throws Exception {
        Path results = Files.createDirectories(work.resolve("project/target/flamegate/t"));
        Path file = bad.maker().make(results);
        Path out = work.resolve("report");
        long allocatedBefore = allocatedBytes();

        FlamegateCliTest.Run run = FlamegateCliTest.run("report", "--root", work.resolve("project").toString(),
                "--out", out.toString());

        assertThat(allocatedBytes() - allocatedBefore).as("bytes allocated").isLessThan(ALLOCATION_BOUND);
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("[flamegate] unreadable result ../project/target/flamegate/t/result.json: " + file)
                .containsPattern(bad.expected())
                .doesNotContain("\tat ", "Exception");
        assertThat(out.resolve("pr-comment.md")).content().contains("Unreadable result files");
        assertThat(out.resolve("summary.json")).content().contains("t/result.json");
    }

    // ---- the check ----

    private void assertOneLineError(String[] args, Path badFile, String expected) throws IOException {
        Path out = work.resolve("out");
        String[] resolved = Arrays.stream(args).map(a -> a.replace("OUT/", out + "/")).toArray(String[]::new);
        List<Path> before = listing();
        long allocatedBefore = allocatedBytes();

        FlamegateCliTest.Run run = FlamegateCliTest.run(resolved);

        long allocated = allocatedBytes() - allocatedBefore;
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.errLines()).as("stderr").singleElement().asString()
                .startsWith(badFile.toString())
                .containsPattern(expected)
                .doesNotContain("\tat ", "Exception", "internal error")
                .matches(line -> line.substring(badFile.toString().length()).matches("(:\\d+)?: .+\\. [A-Z].+"),
                        "'<file>[:line]: problem. Remedy'");
        assertThat(run.out()).as("stdout").isEmpty();
        assertThat(out).as("no output directory").doesNotExist();
        assertThat(listing()).as("no file left behind").isEqualTo(before);
        assertThat(allocated).as("bytes allocated while reading").isLessThan(ALLOCATION_BOUND);
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> all = Files.walk(work)) {
            return all.sorted().toList();
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
