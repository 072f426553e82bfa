package dev.flamegate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineOptions;
import dev.flamegate.baseline.BaselineStore;
import dev.flamegate.compare.SyntheticRuns;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Round;
import dev.flamegate.profile.CollapsedFormat;
import dev.flamegate.profile.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path dir;

    /** Writes the run's CPU profiles as r1.collapsed ... rN.collapsed. */
    private Path rounds(String name, Measurement run) throws Exception {
        Path out = Files.createDirectories(dir.resolve(name));
        for (Round round : run.rounds()) {
            Files.writeString(out.resolve("r" + (round.index() + 1) + ".collapsed"),
                    CollapsedFormat.toText(round.profiles().get(Event.CPU)));
        }
        return out;
    }

    @Test
    void slowerRoundsAreARegressionNamingTheFrame() throws Exception {
        SyntheticRuns runs = new SyntheticRuns(21).withProfiles(4000).cv(0.03).rounds(6);
        Path base = rounds("base", runs.run());
        Path now = rounds("new", runs.run(1.4, "main;a;d;Parser.parse"));

        FlamegateCliTest.Run run = FlamegateCliTest.run("compare", base.toString(), now.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REGRESSION);
        assertThat(run.out()).startsWith("[flamegate] REGRESSION for new (new)")
                .contains("WORSE  profile.cpu +")
                .contains("[cpu] Parser.parse  self 0.0% → ")
                .contains("at main;a;d;Parser.parse");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void unchangedRoundsPassWithExitZero() throws Exception {
        SyntheticRuns runs = new SyntheticRuns(22).withProfiles(4000).cv(0.03).rounds(6);
        FlamegateCliTest.Run run = FlamegateCliTest.run("compare", rounds("base", runs.run()).toString(),
                rounds("new", runs.run()).toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("[flamegate] PASS for new");
    }

    @Test
    void jsonOutputIsTheResultDocument() throws Exception {
        SyntheticRuns runs = new SyntheticRuns(23).withProfiles(4000).cv(0.03).rounds(6);
        FlamegateCliTest.Run run = FlamegateCliTest.run("compare", "--json", rounds("base", runs.run()).toString(),
                rounds("new", runs.run(1.5, "main;e;slow")).toString());

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.REGRESSION);
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("verdict").asText()).isEqualTo("REGRESSION");
        assertThat(json.get("frames").get(0).get("frame").asText()).isEqualTo("main;e;slow");
    }

    @Test
    void baselineDirectoryWorksAsEitherSide() throws Exception {
        SyntheticRuns runs = new SyntheticRuns(24).withProfiles(4000).cv(0.03).rounds(6);
        BaselineStore store = BaselineStore.at(dir.resolve("baselines"));
        store.save(Baseline.from(runs.run(), BaselineOptions.defaults()));
        Path baseline = store.directoryOf("com.acme.PricingTest#quotes");

        FlamegateCliTest.Run run = FlamegateCliTest.run("compare", baseline.toString(),
                rounds("new", runs.run(1.5, "main;e;slow")).toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.REGRESSION);
        assertThat(run.out()).doesNotContain("Environment differs");
    }

    @Test
    void lenientThresholdFromTheCommandLine() throws Exception {
        SyntheticRuns runs = new SyntheticRuns(25).withProfiles(4000).cv(0.03).rounds(6);
        FlamegateCliTest.Run run = FlamegateCliTest.run("compare", "--max-regression", "80%",
                rounds("base", runs.run()).toString(), rounds("new", runs.run(1.3, "main;a;b;c")).toString());

        // +30 % in total; main;a;b;c's cost relative to the rest of the run +75 %: both within 80 %.
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("min effect 80.0%");
    }

    @Test
    void unusableInputIsExitTwoWithOneLine() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(bad.resolve("r1.collapsed"), "main;a 10\nmain;b x\n");

        FlamegateCliTest.Run noFiles = FlamegateCliTest.run("compare", empty.toString(), bad.toString());
        FlamegateCliTest.Run malformed = FlamegateCliTest.run("compare", bad.toString(), bad.toString());
        FlamegateCliTest.Run missing = FlamegateCliTest.run("compare", dir.resolve("nope").toString(), bad.toString());
        FlamegateCliTest.Run badOption = FlamegateCliTest.run("compare", "--max-regression", "lots", bad.toString(), bad.toString());

        assertThat(noFiles.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(noFiles.errLines()).containsExactly(empty + ": no round profiles (*.collapsed, *.folded, *.txt or *.jfr) and no"
                + " baseline.json. Pass a directory with one profile per round, e.g. r1.collapsed ... r5.collapsed, or a baseline directory");
        assertThat(malformed.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(malformed.errLines()).singleElement().asString().startsWith(bad.resolve("r1.collapsed") + ":2: weight 'x'");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(missing.errLines()).singleElement().asString().contains("nope: no such directory");
        assertThat(badOption.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(badOption.err()).contains("maxRegression = 'lots' is not a non-negative fraction or percentage");
    }

    /**
     * Fresh-JVM rounds profiled for a fixed duration (about 1000 CPU samples each, whatever the code does): a path
     * holding half the CPU ({@code Pricing.quote}) and its sibling, each with 3 % round-to-round noise in its cost,
     * and 10 % of the samples on JIT and GC threads. {@code slowdown} multiplies the hot path's cost.
     */
    private Path fixedDurationRounds(String name, java.util.Random random, double slowdown) throws Exception {
        Path out = Files.createDirectories(dir.resolve(name));
        for (int r = 1; r <= 5; r++) {
            double hot = 0.5 * slowdown * Math.exp(0.03 * random.nextGaussian());
            double cold = 0.5 * Math.exp(0.03 * random.nextGaussian());
            int samples = 1000 + random.nextInt(11) - 5;
            long h = Math.round(0.9 * samples * hot / (hot + cold));
            long c = Math.round(0.9 * samples * cold / (hot + cold));
            long vm = samples - h - c;
            Files.writeString(out.resolve("r" + r + ".collapsed"), String.join("\n",
                    "java.lang.Thread.run;com.acme.App.main;com.acme.App.loop;com.acme.Pricing.quote " + h,
                    "java.lang.Thread.run;com.acme.App.main;com.acme.App.loop;com.acme.Catalog.lookup " + c,
                    "GC Thread#0;G1 Young " + vm / 2,
                    "C2 CompilerThread0;C2Compiler::compile_method " + (vm - vm / 2)) + "\n");
        }
        return out;
    }

    @Test
    void aPathHoldingHalfTheCpuThirtyPercentSlowerInFixedDurationProfilesIsARegressionNamingIt() throws Exception {
        for (long seed = 1; seed <= 10; seed++) {
            java.util.Random random = new java.util.Random(seed);
            Path base = fixedDurationRounds("base" + seed, random, 1.0);
            Path now = fixedDurationRounds("new" + seed, random, 1.3);

            FlamegateCliTest.Run run = FlamegateCliTest.run("compare", base.toString(), now.toString());

            // decided by the slowed path's share of the work, tested on the rounds' own spread
            assertThat(run.exitCode()).as("seed %d", seed).isEqualTo(ExitCodes.REGRESSION);
            assertThat(run.out()).startsWith("[flamegate] REGRESSION").containsPattern("WORSE +cpu\\.path \\+")
                    .contains("[cpu] com.acme.Pricing.quote  total ").doesNotContain("Catalog.lookup  total")
                    .contains("profile.cpu: every profile file holds the same number of samples");
        }
    }

    @Test
    void unchangedFixedDurationProfilesAreNotVouchedForByTheirSampleCount() throws Exception {
        for (long seed = 11; seed <= 20; seed++) {
            java.util.Random random = new java.util.Random(seed);
            FlamegateCliTest.Run run = FlamegateCliTest.run("compare", fixedDurationRounds("base" + seed, random, 1.0).toString(),
                    fixedDurationRounds("new" + seed, random, 1.0).toString());
            assertThat(run.exitCode()).as("seed %d", seed).isZero();
            // the sample count is fixed by the duration: it cannot say that nothing got slower
            assertThat(run.out()).as("seed %d", seed).startsWith("[flamegate] INCONCLUSIVE").doesNotContain("PASS")
                    .contains("shown, not gated").doesNotContain("no metric is present");
        }
    }
}
