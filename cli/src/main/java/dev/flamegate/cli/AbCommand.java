package dev.flamegate.cli;

import dev.flamegate.ab.AbArtifacts;
import dev.flamegate.ab.AbRecords;
import dev.flamegate.ab.AbResult;
import dev.flamegate.ab.AbRun;
import dev.flamegate.ab.AbSettings;
import dev.flamegate.ab.CommandSideRunner;
import dev.flamegate.ab.GitWorktree;
import dev.flamegate.ab.Side;
import dev.flamegate.compare.CompareSettings;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.Verdict;
import dev.flamegate.io.ConsolePrefix;
import dev.flamegate.redact.Redactor;
import dev.flamegate.report.RunReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flamegate ab --base REF -- COMMAND...}: base and head measured side by side on this machine. Checks base
 * out into a git worktree, then runs COMMAND (which runs the profiled tests or benchmarks, e.g. {@code mvn -B test})
 * in base's and head's tree in alternating fresh processes, pair by pair in randomised order, each side recording
 * into its own directory; compares head with base paired by pair, and writes the results, flame diffs, report and
 * PR comment under {@code --out}.
 */
@Command(name = "ab", mixinStandardHelpOptions = true,
        header = "Measure base and head side by side on this machine, pair by pair, and compare head with base.",
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {" 0:No regression (PASS, IMPROVEMENT, INCONCLUSIVE or new in head).",
        " 1:A REGRESSION, or a test that base ran and head failed or lost (ERROR).",
        ExitCodes.HELP_INVALID_INPUT,
        ExitCodes.HELP_INTERNAL}, sortOptions = false,
        description = {"COMMAND runs the profiled tests or benchmarks in a source tree, e.g. -- mvn -B -ntp test -Dtest=CheckoutProfiledTest;",
                "flamegate adds -Dflamegate.mode=record and where to record. It runs in base's checkout and in --head by turns."})
final class AbCommand implements Callable<Integer> {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|min)?");

    @Option(names = "--base", paramLabel = "REF", description = "The git ref or commit to compare head with, e.g. origin/main.")
    String base;

    @Option(names = "--recorded", paramLabel = "DIR",
            description = "Compare the pairs an earlier run recorded in DIR (its --out) again, e.g. with other settings; runs nothing.")
    Path recorded;

    @Option(names = "--head", paramLabel = "DIR", defaultValue = ".",
            description = "Head's source tree, a git checkout (default: the current directory).")
    Path head;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: target/flamegate-ab under --head).")
    Path out;

    @Option(names = "--min-pairs", paramLabel = "N", defaultValue = "" + AbSettings.DEFAULT_MIN_PAIRS,
            description = "Pairs before the first look (default: ${DEFAULT-VALUE}).")
    int minPairs;

    @Option(names = "--max-pairs", paramLabel = "N", defaultValue = "" + AbSettings.DEFAULT_MAX_PAIRS,
            description = "Most pairs; a test still unclear then is INCONCLUSIVE (default: ${DEFAULT-VALUE}).")
    int maxPairs;

    @Option(names = "--budget", paramLabel = "TIME", defaultValue = "30m",
            description = "No pair starts that would end later than this, e.g. 20m (default: ${DEFAULT-VALUE}).")
    String budget;

    @Option(names = "--side-timeout", paramLabel = "TIME", defaultValue = "20m",
            description = "One side of one pair is stopped after this and counted as failed (default: ${DEFAULT-VALUE}).")
    String sideTimeout;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the randomised run order (default: random, printed).")
    Long seed;

    @Option(names = "--properties-via", paramLabel = "HOW", defaultValue = "arguments",
            description = "How flamegate's settings reach the tests' JVMs: arguments (-D appended, for Maven) or java-tool-options.")
    String propertiesVia;

    @Option(names = "--same-within", paramLabel = "PCT", defaultValue = "6%",
            description = "A test counts as unchanged once its pairs could detect a change this small; until then more pairs run (default: ${DEFAULT-VALUE}).")
    String sameWithin;

    @Option(names = "--max-regression", paramLabel = "PCT", description = "Smallest change that counts, e.g. 10%% (default 5%%).")
    String maxRegression;

    @Option(names = "--confidence", paramLabel = "PCT",
            description = "Chance of no false alarm per test over all looks, e.g. 99%% (default).")
    String confidence;

    @Option(names = "--artifact-url", paramLabel = "URL", description = "Base URL of the uploaded artifact, for links in the PR comment.")
    String artifactUrl;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command that runs the tests in a source tree (after --).")
    List<String> command = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Path headTree = head.toAbsolutePath().normalize();
        if (!Files.isDirectory(headTree)) {
            throw new ParameterException(spec.commandLine(), "--head " + head + " is not a directory");
        }
        if (recorded == null && (base == null || command.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "give --base REF and the command after --, or --recorded DIR");
        }
        Path output = (recorded != null ? recorded : out != null ? out : headTree.resolve("target").resolve("flamegate-ab"))
                .toAbsolutePath().normalize();
        AbRecords records = recorded != null ? AbRecords.read(output) : null;
        AbSettings settings;
        try {
            long orderSeed = records != null ? records.seed() : seed != null ? seed : ThreadLocalRandom.current().nextLong();
            settings = new AbSettings(minPairs, maxPairs, duration("--budget", budget), orderSeed, compareSettings(),
                    CompareSettings.parseFraction("--same-within", sameWithin));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        AbResult result = records != null ? AbRun.compareRecorded(records, settings)
                : measure(stdout, headTree, output, settings);
        Redactor redactor = Redactor.defaults();
        AbArtifacts.write(result, output, redactor).forEach(w -> say(stdout, "warning: " + w));
        RunReport.Outcome report = RunReport.builder().resultsRoot(output.resolve(AbArtifacts.RESULTS))
                .outputDirectory(output.resolve("report")).artifactRoot(output).artifactUrl(artifactUrl).redactor(redactor)
                .build().write();
        say(stdout, String.format(Locale.ROOT, "%d pair%s in %d s; stopped: %s", result.pairs(), result.pairs() == 1 ? "" : "s",
                result.took().toSeconds(), result.stopReason()));
        for (Comparison comparison : result.comparisons()) {
            say(stdout, redactor.redact(comparison.headline()));
        }
        say(stdout, report.run().statusLine());
        stdout.println("  " + report.index());
        stdout.println("  " + report.comment());
        stdout.flush();
        boolean failed = result.count(Verdict.REGRESSION) > 0 || result.count(Verdict.ERROR) > 0;
        return failed ? ExitCodes.REGRESSION : ExitCodes.OK;
    }

    /** Checks base out, runs the pairs and removes the checkout again. */
    private AbResult measure(PrintWriter stdout, Path headTree, Path output, AbSettings settings) {
        CommandSideRunner.PropertiesVia via = switch (propertiesVia.toLowerCase(Locale.ROOT)) {
            case "arguments" -> CommandSideRunner.PropertiesVia.ARGUMENTS;
            case "java-tool-options" -> CommandSideRunner.PropertiesVia.JAVA_TOOL_OPTIONS;
            default -> throw new ParameterException(spec.commandLine(),
                    "--properties-via " + propertiesVia + ": use arguments or java-tool-options");
        };
        Duration timeout = duration("--side-timeout", sideTimeout);
        // An AbException (no git, no such ref, a command that cannot start) leaves as exit 2 with its message.
        try (GitWorktree worktree = GitWorktree.add(headTree, base)) {
            // Ctrl-C or a CI timeout must not leave the base checkout behind
            Thread cleanUp = new Thread(() -> {
                try {
                    worktree.close();
                } catch (RuntimeException e) {
                    System.err.println(ConsolePrefix.PREFIX + "could not remove " + worktree.directory() + ": " + e.getMessage());
                }
            }, "flamegate-ab-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanUp);
            say(stdout, "A/B: base " + base + " (" + worktree.commit().substring(0, Math.min(12, worktree.commit().length()))
                    + ") in " + worktree.directory() + ", head " + headTree + "; order seed " + settings.seed());
            CommandSideRunner runner = new CommandSideRunner(command, Map.of(Side.BASE, worktree.directory(), Side.HEAD, headTree),
                    output.resolve("pairs"), via, timeout);
            AbResult result = new AbRun(runner, settings, line -> say(stdout, line)).run();
            Runtime.getRuntime().removeShutdownHook(cleanUp);
            return result;
        }
    }

    private static void say(PrintWriter out, String line) {
        out.println(ConsolePrefix.PREFIX + line);
        out.flush();
    }

    private CompareSettings compareSettings() {
        Map<String, String> overrides = new HashMap<>();
        if (maxRegression != null) {
            overrides.put(CompareSettings.MAX_REGRESSION, maxRegression);
        }
        if (confidence != null) {
            overrides.put(CompareSettings.CONFIDENCE, confidence);
        }
        return CompareSettings.defaults().withOverrides(overrides::get);
    }

    private Duration duration(String option, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new ParameterException(spec.commandLine(), option + " " + text + " is not a duration; use e.g. 90s, 20m or 1h");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "h" -> Duration.ofHours(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            default -> Duration.ofSeconds(amount);
        };
        if (d.isZero()) {
            throw new ParameterException(spec.commandLine(), option + " must be positive, was " + text);
        }
        return d;
    }
}
