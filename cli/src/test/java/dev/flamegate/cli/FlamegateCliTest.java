package dev.flamegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.profile.Event;
import dev.flamegate.profile.JfrFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FlamegateCliTest {

    @TempDir
    Path dir;

    /** What one run of the CLI did. */
    record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FlamegateCli.commandLineFor(args); // what main runs
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static String example(String name) {
        try {
            return Path.of(FlamegateCliTest.class.getResource("/examples/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        Run run = run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: flamegate", "diff", "flame", "top", "Exit codes:",
                "1   A comparing command found a regression.", "2   Unusable input or usage");
        assertThat(run("diff", "--help").out()).contains("Usage: flamegate diff", "BEFORE", "AFTER", "-o, --output=FILE",
                "--focus=REGEX", "Exit codes:");
    }

    @Test
    void versionPrintsFlamegateVersion() {
        Run run = run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("flamegate ");
    }

    @Test
    void noCommandPrintsUsageAndIsAUsageError() {
        Run run = run();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.err()).contains("Usage: flamegate");
    }

    @Test
    void diffOfTheBundledExamplesWritesAPage() {
        Path out = dir.resolve("nested/dir/example-diff.html");

        Run run = run("diff", example("before.collapsed"), example("after.collapsed"), "-o", out.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Wrote " + out + " (cpu: before 769 samples, after 1,009 samples)\n");
        assertThat(out).isRegularFile().content().contains("<html", "RuleMatcher");
    }

    @Test
    void flameOfOneProfileWritesAPage() {
        Path out = dir.resolve("flame.html");

        Run run = run("flame", example("after.collapsed"), "-o", out.toString(), "--title", "After <b>");

        assertThat(run.exitCode()).isZero();
        assertThat(out).isRegularFile().content().contains("Pattern.compile").doesNotContain("After <b>");
    }

    @Test
    void topShowsTheFramesWhoseShareChangedMostWithNormalisedNamesAndNoHarnessFrames() {
        Run run = run("top", example("before.collapsed"), example("after.collapsed"), "-n", "6");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).isEqualTo("Frames whose total share changed most (cpu; before 769 samples, after 1,009 samples)");
        assertThat(lines.get(1)).isEqualTo(" total +-   before    after   self +-  frame");
        // 143 + 66 + 21 = 230 of 1,009 samples are new, under Pattern.<init> and Pattern.compile alike (ties by name).
        assertThat(lines.get(2)).isEqualTo(" +22.79pp    0.00%   22.79%   +0.00pp  java.util.regex.Pattern.<init>  (new)");
        assertThat(lines.get(3)).isEqualTo(" +22.79pp    0.00%   22.79%   +0.00pp  java.util.regex.Pattern.compile  (new)");
        // The lambda's two recorded names (different numbers and addresses per run) are one frame here.
        assertThat(lines.get(6)).isEqualTo(" +19.33pp   16.64%   35.98%   +0.00pp  com.acme.orders.pricing.DiscountEngine$$Lambda.test");
        assertThat(lines.get(7)).isEqualTo(" +19.33pp   16.64%   35.98%   -0.33pp  com.acme.orders.pricing.RuleMatcher.matches");
        assertThat(run.out()).doesNotContain("DirectMethodHandleAccessor", "0x0000000800c0");
    }

    @Test
    void topHonoursFiltersAndRawFrames() {
        Run focused = run("top", example("before.collapsed"), example("after.collapsed"), "--focus", "TaxCalculator", "-n", "1");
        Run raw = run("top", example("before.collapsed"), example("after.collapsed"), "--no-normalize",
                "--keep-harness-frames", "-n", "50");

        assertThat(focused.exitCode()).isZero();
        assertThat(focused.out()).contains("before 141 samples").doesNotContain("Pattern");
        assertThat(raw.out()).contains("DiscountEngine$$Lambda$418/0x0000000800c0d2a8.test  (new)",
                "DiscountEngine$$Lambda$412/0x0000000800c0b440.test  (gone)", "DirectMethodHandleAccessor");
    }

    @Test
    void topMarksFramesWhoseRecursionGotDeeper() throws Exception {
        Path before = file("before.collapsed", "main;walk;visit 6\nmain;idle 4\n");
        Path after = file("after.collapsed", "main;walk;walk;walk;visit 8\nmain;idle 2\n");

        Run run = run("top", before.toString(), after.toString(), "-n", "2");

        assertThat(run.out().lines().skip(2)).containsExactly(
                " +20.00pp   60.00%   80.00%  +20.00pp  visit",
                " +20.00pp   60.00%   80.00%   +0.00pp  walk  (recursion 1 -> 3)");
    }

    /** 300 ms of a busy loop under JDK Flight Recorder's execution sampler, dumped to {@code file}. */
    private static Path recordBusyLoop(Path file) throws IOException {
        try (jdk.jfr.Recording jfr = new jdk.jfr.Recording()) {
            jfr.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
            jfr.start();
            long end = System.nanoTime() + 300_000_000L;
            long x = 0;
            while (System.nanoTime() < end) {
                x += Long.toString(x).hashCode();
            }
            jfr.stop();
            jfr.dump(file);
            assertThat(x).isNotEqualTo(1); // keeps the loop alive
        }
        return file;
    }

    @Test
    void jfrInputsAreDetectedByContent() throws Exception {
        Path recording = dir.resolve("run.recording"); // no .jfr extension: detection is by magic bytes
        // JFR's sampler can miss a thread for 300 ms on a loaded machine (seen with 4 builds on 2 cores): retry.
        for (int attempt = 1; !JfrFormat.read(recordBusyLoop(recording)).containsKey(Event.CPU) && attempt < 5; attempt++) {
            Files.delete(recording);
        }
        Path out = dir.resolve("jfr-diff.html");

        Run diff = run("diff", recording.toString(), recording.toString(), "-o", out.toString());
        Run top = run("top", recording.toString(), recording.toString(), "-n", "3");
        Run lock = run("top", recording.toString(), recording.toString(), "--event", "lock");

        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(out).isRegularFile();
        assertThat(top.exitCode()).isZero();
        assertThat(top.out()).contains("+0.00pp"); // a profile against itself: nothing changed
        assertThat(lock.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(lock.errLines()).containsExactly(recording + ": the JFR recording has no lock samples (it has cpu)."
                + " Choose one of the recorded events (--event cpu)");
    }

    @Test
    void missingInputIsOneLineNamingTheFile() {
        Path missing = dir.resolve("nope.collapsed");

        Run run = run("diff", missing.toString(), example("after.collapsed"), "-o", dir.resolve("x.html").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.errLines()).containsExactly(
                missing + ": no such file. Check the path; profiles are collapsed stack files or JFR recordings");
        assertThat(run.out()).isEmpty();
        assertThat(dir.resolve("x.html")).doesNotExist();
    }

    @Test
    void emptyInputIsOneLine() throws Exception {
        Path empty = file("empty.collapsed", "");

        Run run = run("flame", empty.toString(), "-o", dir.resolve("x.html").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.errLines()).containsExactly(
                empty + ": empty file. The profiler wrote nothing; check that profiling ran, or pass another file");
    }

    @Test
    void malformedLineIsOneLineNamingFileAndLine() throws Exception {
        Path bad = file("bad.collapsed", "a;b 1\r\n\r\nc;d -4\r\n");

        Run run = run("top", example("before.collapsed"), bad.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.errLines()).containsExactly(
                bad + ":3: negative weight -4. Weights are sample counts, bytes or nanoseconds and cannot be negative");
    }

    @Test
    void unreadableAndBinaryInputsAreOneLine() throws Exception {
        Path directory = Files.createDirectory(dir.resolve("adir"));
        Path binary = dir.resolve("binary.bin");
        Files.write(binary, new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 1, 2});
        Path cutOff = dir.resolve("cut.jfr");
        Files.write(cutOff, new byte[] {'F', 'L', 'R', 0, 0, 2, 0, 0});

        assertThat(run("flame", directory.toString(), "-o", "x.html").errLines())
                .containsExactly(directory + ": not a readable file. Pass a collapsed stack file or a JFR recording");
        assertThat(run("flame", binary.toString(), "-o", "x.html").errLines())
                .containsExactly(binary + ": not UTF-8 text (binary data?). Pass a collapsed stack file (a;b;c 42 per line)"
                        + " or a JFR recording");
        Run jfr = run("flame", cutOff.toString(), "-o", "x.html");
        assertThat(jfr.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(jfr.errLines()).singleElement().asString().startsWith(cutOff + ": not a complete JFR recording");
    }

    @Test
    void profilesOfDifferentEventsDoNotCompare() throws Exception {
        Path alloc = file("alloc.collapsed", "# flamegate event=alloc unit=bytes\nmain;new 4096\n");

        Run run = run("top", example("before.collapsed"), alloc.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.errLines()).containsExactly(alloc + ": measures alloc in bytes but " + example("before.collapsed")
                + " measures cpu in samples. Compare profiles of the same event");
    }

    @Test
    void filtersThatLeaveNothingAreOneLine() {
        Run run = run("top", example("before.collapsed"), example("after.collapsed"), "--focus", "NoSuchFrame");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.errLines()).containsExactly(example("before.collapsed") + ": no stacks left after"
                + " --focus/--include/--exclude/--drop-frames. Loosen the filters, or pass --keep-harness-frames if the"
                + " profile only has harness frames");
    }

    @Test
    void usageErrorsAreOneLineWithAHint() {
        Run unknown = run("top", "a", "b", "--frobnicate");
        Run regex = run("top", "a", "b", "--focus", "([");
        Run event = run("top", "a", "b", "--event", "heap");
        Run output = run("diff", "a", "b");

        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(unknown.errLines()).containsExactly("[flamegate] Unknown option: '--frobnicate'. See 'flamegate top --help'");
        assertThat(regex.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(regex.errLines()).singleElement().asString().startsWith("[flamegate] Invalid value for option '--focus'");
        assertThat(event.errLines()).containsExactly("[flamegate] Invalid value for option '--event': Unknown event 'heap':"
                + " expected one of cpu, alloc, lock, wall. See 'flamegate top --help'");
        assertThat(output.errLines()).containsExactly(
                "[flamegate] Missing required option: '--output=FILE'. See 'flamegate diff --help'");
    }

    @Test
    void anOutputThatIsAnInputIsRefusedAndTheInputKept() throws Exception {
        Path before = Files.copy(Path.of(example("before.collapsed")), dir.resolve("x.collapsed"));
        Path after = Files.copy(Path.of(example("after.collapsed")), dir.resolve("y.collapsed"));
        Path link = Files.createSymbolicLink(dir.resolve("link.collapsed"), after);
        Files.createDirectories(dir.resolve("sub"));
        Path jmhBase = Files.copy(Path.of(JmhCompareCommandTest.fixture("base.json")), dir.resolve("base.json"));
        Path jmhNew = Files.copy(Path.of(JmhCompareCommandTest.fixture("new.json")), dir.resolve("new.json"));
        byte[] beforeBytes = Files.readAllBytes(before);
        byte[] afterBytes = Files.readAllBytes(after);
        byte[] jmhBytes = Files.readAllBytes(jmhNew);

        List<Run> runs = List.of(
                run("flame", before.toString(), "-o", before.toString()),
                run("flame", before.toString(), "-o", dir.resolve("sub").resolve("..").resolve("x.collapsed").toString()),
                run("diff", before.toString(), after.toString(), "-o", after.toString()),
                run("diff", before.toString(), after.toString(), "--output", link.toString()),
                run("jmh-compare", jmhBase.toString(), jmhNew.toString(), "--markdown", jmhNew.toString()));

        for (Run run : runs) {
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.errLines()).singleElement().asString().contains("is the input ")
                    .contains("Choose another output file");
            assertThat(run.out()).isEmpty();
        }
        assertThat(Files.readAllBytes(before)).isEqualTo(beforeBytes);
        assertThat(Files.readAllBytes(after)).isEqualTo(afterBytes);
        assertThat(Files.readAllBytes(jmhNew)).isEqualTo(jmhBytes);
        assertThat(run("flame", before.toString(), "-o", dir.resolve("x.html").toString()).exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void unwritableOutputIsOneLineAndExitTwo() throws Exception {
        Path notADirectory = file("plain.txt", "x");

        Run run = run("flame", example("before.collapsed"), "-o", notADirectory.resolve("out.html").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(run.errLines()).singleElement().asString().startsWith("[flamegate] input/output failed: ")
                .contains(notADirectory.toString());
    }

    @CommandLine.Command(name = "broken")
    static final class Broken implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("a bug\nwith two lines");
        }
    }

    @Test
    void anyOtherExceptionIsAnInternalErrorOnOneLine() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Broken());
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(new ExitCodes(false));

        int code = cli.execute();

        assertThat(code).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString().lines()).containsExactly("[flamegate] internal error: IllegalStateException: a bug with"
                + " two lines. Set FLAMEGATE_DEBUG=1 to see the stack trace, and please report it");
    }

}
