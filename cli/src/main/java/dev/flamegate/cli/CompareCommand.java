package dev.flamegate.cli;

import dev.flamegate.InvalidInputException;
import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import dev.flamegate.baseline.BaselineStore;
import dev.flamegate.compare.BaselineComparator;
import dev.flamegate.compare.CompareSettings;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.ComparisonJson;
import dev.flamegate.compare.Verdict;
import dev.flamegate.measure.Environment;
import dev.flamegate.measure.FlamegateVersion;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Round;
import dev.flamegate.profile.Profile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flamegate compare BASE NEW}: the comparison engine on profiles people already have.
 *
 * <p>Each side is either a directory of round profiles (one collapsed or JFR file per round, e.g.
 * {@code r1.collapsed … r5.collapsed}, ordered by the number in their names) or a baseline directory
 * (one holding {@code baseline.json}). Round directories carry no environment fingerprint, so the
 * environment is not compared when one side is one. Prints the verdict, the effect with its confidence
 * interval and the attributed frames, or with {@code --json} the {@code result.json} document.
 * Exit code 0 for pass, improvement and inconclusive, 1 for a regression, 2 for unusable input.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        header = "Compare two sets of round profiles (or baselines) statistically and print the verdict.",
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {" 0:No regression (PASS, IMPROVEMENT or INCONCLUSIVE).",
        " 1:REGRESSION.",
        ExitCodes.HELP_INVALID_INPUT,
        ExitCodes.HELP_INTERNAL}, sortOptions = false,
        description = {"BASE and NEW are directories with one profile per round (r1.collapsed ... r5.collapsed or *.jfr)"
                        + " or baseline directories (with baseline.json)."})
final class CompareCommand implements Callable<Integer> {

    private static final Pattern ROUND_FILE = Pattern.compile("(?i).*\\.(collapsed|folded|txt|jfr)$");
    private static final Pattern NUMBER = Pattern.compile("(\\d+)");

    @Parameters(index = "0", paramLabel = "BASE", description = "Baseline: round-profile directory or baseline directory.")
    Path base;

    @Parameters(index = "1", paramLabel = "NEW", description = "New run: round-profile directory or baseline directory.")
    Path current;

    @Mixin
    ProfileInputOptions input;

    @Option(names = "--json", description = "Print the result as result.json (schema in ComparisonJson) instead of text.")
    boolean json;

    @Option(names = "--max-regression", paramLabel = "PCT",
            description = "Smallest change that counts, e.g. 10%% (default 5%%).")
    String maxRegression;

    @Option(names = "--noise-floor", paramLabel = "PCT",
            description = "Relative run-to-run noise of this machine, e.g. 3%% (default 2%%).")
    String noiseFloor;

    @Option(names = "--confidence", paramLabel = "PCT", description = "Confidence level, e.g. 99%% (default).")
    String confidence;

    @Option(names = "--min-share-change", paramLabel = "PCT",
            description = "Smallest change of a frame's share that is attributed (default 2%%).")
    String minShareChange;

    @Option(names = "--fdr", paramLabel = "PCT", description = "False-discovery rate across frames (default 5%%).")
    String fdr;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // Round directories hold one fresh JVM per file: the rounds are the replicates.
        CompareSettings settings = settings().toBuilder()
                .independentRounds(isRoundDirectory(base) && isRoundDirectory(current)).build();
        Baseline before = side(base, null);
        Baseline after = side(current, before);
        if (isRoundDirectory(base) && !isRoundDirectory(current)) {
            before = side(base, after);
        }
        Comparison comparison = BaselineComparator.compare(before, after, settings);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? ComparisonJson.toJson(comparison) : comparison.describe());
        out.flush();
        return comparison.verdict() == Verdict.REGRESSION ? ExitCodes.REGRESSION : ExitCodes.OK;
    }

    private CompareSettings settings() {
        Map<String, String> overrides = new HashMap<>();
        put(overrides, CompareSettings.MAX_REGRESSION, maxRegression);
        put(overrides, CompareSettings.NOISE_FLOOR, noiseFloor);
        put(overrides, CompareSettings.CONFIDENCE, confidence);
        put(overrides, CompareSettings.MIN_SHARE_CHANGE, minShareChange);
        put(overrides, CompareSettings.FDR, fdr);
        try {
            return CompareSettings.defaults().withOverrides(overrides::get);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Reads one side; a round directory borrows {@code other}'s environment, which it does not record. */
    private Baseline side(Path path, Baseline other) {
        if (!Files.exists(path)) {
            throw new InvalidInputException(path.toString(), InvalidInputException.NO_LINE, "no such directory",
                    "Pass a directory of round profiles (r1.collapsed ... r5.collapsed) or a baseline directory");
        }
        if (Files.isRegularFile(path.resolve(BaselineStore.JSON_FILE))) {
            return BaselineStore.loadDirectory(path);
        }
        List<Path> files = roundFiles(path);
        List<Round> rounds = new ArrayList<>(files.size());
        for (Path file : files) {
            Profile profile = input.load(file);
            rounds.add(new Round(rounds.size(), 1, Map.of(), Map.of(profile.event(), profile), List.of()));
        }
        Environment environment = other != null ? other.environment()
                : new Environment("unknown", "unknown", "unknown", "unknown", 0, "file", FlamegateVersion.get());
        String name = path.toAbsolutePath().normalize().getFileName() == null ? path.toString()
                : path.toAbsolutePath().normalize().getFileName().toString();
        return Baseline.from(new Measurement(name, name, environment, rounds), BaselineOptions.defaults());
    }

    private static boolean isRoundDirectory(Path path) {
        return !Files.isRegularFile(path.resolve(BaselineStore.JSON_FILE));
    }

    /** A single file is one round; a directory gives its profile files ordered by the number in their names. */
    private static List<Path> roundFiles(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        List<Path> files;
        try (Stream<Path> entries = Files.list(path)) {
            files = new ArrayList<>(entries.filter(Files::isRegularFile)
                    .filter(p -> ROUND_FILE.matcher(p.getFileName().toString()).matches()).toList());
        } catch (IOException e) {
            throw new InvalidInputException(path.toString(), InvalidInputException.NO_LINE,
                    "cannot list the directory (" + e.getMessage() + ")", "Check that it exists and is readable", e);
        }
        if (files.isEmpty()) {
            throw new InvalidInputException(path.toString(), InvalidInputException.NO_LINE,
                    "no round profiles (*.collapsed, *.folded, *.txt or *.jfr) and no baseline.json",
                    "Pass a directory with one profile per round, e.g. r1.collapsed ... r5.collapsed, or a baseline directory");
        }
        files.sort(Comparator.comparing((Path p) -> roundNumber(p.getFileName().toString()))
                .thenComparing(p -> p.getFileName().toString()));
        return files;
    }

    private static long roundNumber(String name) {
        Matcher m = NUMBER.matcher(name);
        long last = Long.MAX_VALUE;
        while (m.find()) {
            String digits = m.group(1);
            last = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
        }
        return last;
    }
}
