package dev.flamegate.jmh;

import dev.flamegate.baseline.BaselineIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.jmh.fixtures.SpinBench;
import dev.flamegate.jmh.fixtures.TwoModeBench;
import dev.flamegate.measure.Metric;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import dev.flamegate.profile.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

class FlamegateProfilerTest {

    @TempDir
    Path dir;

    @Test
    void profilesEachForkDuringMeasurementWithTheBenchmarksOwnFramesOnTop() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(SpinBench.class.getName() + ".work")
                .forks(2).warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(2).measurementTime(TimeValue.milliseconds(200))
                .addProfiler(FlamegateProfiler.class, "event=cpu;perIteration=true;dir=" + dir)
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true).verbosity(VerboseMode.SILENT)
                .build()).run();

        Path benchmarkDir = dir.resolve(BaselineIds.fileName("dev.flamegate.jmh.fixtures.SpinBench.work[size=2000]:avgt"));
        assertThat(benchmarkDir.resolve("fork-1/cpu.collapsed")).isNotEmptyFile();
        assertThat(benchmarkDir.resolve("fork-2/cpu.collapsed")).isNotEmptyFile();
        // two measurement iterations profiled; the warm-up iteration was not
        assertThat(benchmarkDir.resolve("fork-1/iteration-2.cpu.collapsed")).isNotEmptyFile();
        assertThat(benchmarkDir.resolve("fork-1/iteration-3.cpu.collapsed")).doesNotExist();
        try (Stream<Path> files = Files.list(benchmarkDir.resolve("fork-1"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".jfr") || n.endsWith(".tmp"));
        }

        Profile cpu = CollapsedFiles.readFork(benchmarkDir.resolve("fork-1")).get(Event.CPU);
        assertThat(cpu.total()).isGreaterThan(50);
        assertThat(hottestSelfFrame(cpu)).isEqualTo("dev.flamegate.jmh.fixtures.SpinBench.mix");
        assertThat(cpu.metadata().engine()).startsWith("async-profiler/");
        // frame names are the same in every fork: no per-JVM hidden-class addresses
        assertThat(cpu.stacks()).flatExtracting(Stack::frames).noneMatch(f -> f.matches(".*0x[0-9a-f]{4,}.*"));

        List<BenchmarkResult> forks = List.copyOf(results.iterator().next().getBenchmarkResults());
        assertThat(forks).hasSize(2);
        assertThat(forks.get(0).getSecondaryResults().get(FlamegateProfiler.FORK_LABEL).getScore()).isEqualTo(1.0);
        assertThat(forks.get(1).getSecondaryResults().get(FlamegateProfiler.FORK_LABEL).getScore()).isEqualTo(2.0);
        assertThat(forks.get(0).getSecondaryResults())
                .containsKey("·flamegate.cpu.self:dev.flamegate.jmh.fixtures.SpinBench.mix");
        assertThat(forks.get(0).getSecondaryResults().get("·flamegate.cpu.self:dev.flamegate.jmh.fixtures.SpinBench.mix")
                .getScoreUnit()).isEqualTo("%");

        // the parent side: one round per fork, avgt is better lower, each fork with its own profile
        JmhBenchmark benchmark = JmhMeasurements.from(results, dir).get(0);
        assertThat(benchmark.id()).isEqualTo("dev.flamegate.jmh.fixtures.SpinBench.work[size=2000]");
        assertThat(benchmark.measurement().displayName()).isEqualTo("SpinBench.work[size=2000] (avgt)");
        assertThat(benchmark.measurement().rounds()).hasSize(2);
        Metric score = Metric.score("us/op", Metric.Better.LOWER);
        assertThat(benchmark.measurement().values(score)).hasSize(2).doesNotContain(0.0);
        assertThat(benchmark.measurement().rounds().get(1).profiles().get(Event.CPU))
                .isEqualTo(CollapsedFiles.readFork(benchmarkDir.resolve("fork-2")).get(Event.CPU));
        assertThat(java.util.Arrays.stream(benchmark.measurement().values(Metric.ALLOCATED_BYTES)).boxed().toList()).hasSize(2).allSatisfy(b -> assertThat(b).isNotNegative());
        assertThat(benchmark.iterationScores()).hasSize(2).allMatch(iterations -> iterations.size() == 2);
        assertThat(benchmark.measurement().environment().profilerEngine()).startsWith("async-profiler/");
    }

    @Test
    void withoutAnEngineTheBenchmarkRunsUnprofiledAndTheMeasurementSaysSo() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(SpinBench.class.getName() + ".work")
                .include(TwoModeBench.class.getName() + ".spin")
                .forks(1).warmupIterations(0)
                .measurementIterations(1).measurementTime(TimeValue.milliseconds(100))
                .addProfiler(FlamegateProfiler.class, "engine=none;dir=" + dir)
                .shouldFailOnError(true).verbosity(VerboseMode.SILENT)
                .build()).run();

        assertThat(results).hasSize(3).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore()).isPositive());
        Path fork = dir.resolve(BaselineIds.fileName("dev.flamegate.jmh.fixtures.SpinBench.work[size=2000]:avgt")).resolve("fork-1");
        assertThat(fork).isDirectory();
        assertThat(CollapsedFiles.readFork(fork)).isEmpty();
        List<JmhBenchmark> measured = JmhMeasurements.from(results, dir);
        assertThat(measured).allSatisfy(b -> assertThat(b.measurement().environment().profilerEngine()).isEqualTo("none"));

        // a benchmark run in two modes: the mode joins the id, and each mode has its own direction of "worse"
        Map<String, Metric> scores = new HashMap<>();
        measured.forEach(b -> b.measurement().rounds().get(0).metrics().keySet().forEach(m -> scores.put(b.id(), m)));
        String twoModes = TwoModeBench.class.getName() + ".spin";
        assertThat(scores).containsOnlyKeys(twoModes + ":thrpt", twoModes + ":avgt",
                "dev.flamegate.jmh.fixtures.SpinBench.work[size=2000]");
        assertThat(scores.get(twoModes + ":thrpt")).isEqualTo(Metric.score("ops/ms", Metric.Better.HIGHER));
        assertThat(scores.get(twoModes + ":avgt")).isEqualTo(Metric.score("ms/op", Metric.Better.LOWER));
    }

    @Test
    void withoutForkingEachBenchmarkInTheSameJvmGetsItsOwnProfile() throws Exception {
        new Runner(new OptionsBuilder()
                .include(SpinBench.class.getName() + ".work")
                .include(TwoModeBench.class.getName() + ".spin")
                .forks(0).warmupIterations(0)
                .measurementIterations(1).measurementTime(TimeValue.milliseconds(100))
                .addProfiler(FlamegateProfiler.class, "dir=" + dir)
                .shouldFailOnError(true).verbosity(VerboseMode.SILENT)
                .build()).run();

        for (String key : List.of("dev.flamegate.jmh.fixtures.SpinBench.work[size=2000]:avgt",
                TwoModeBench.class.getName() + ".spin:thrpt", TwoModeBench.class.getName() + ".spin:avgt")) {
            Profile cpu = CollapsedFiles.readFork(dir.resolve(BaselineIds.fileName(key)).resolve("fork-1")).get(Event.CPU);
            assertThat(cpu).as(key).isNotNull();
            assertThat(cpu.total()).as(key).isPositive();
        }
    }

    @Test
    void rejectsUnknownOptionsAndEventsWithTheAcceptedOnes() {
        assertThatThrownBy(() -> new FlamegateProfiler("event=cpu,heap"))
                .isInstanceOf(ProfilerException.class).hasMessageContaining("expected one of cpu, alloc, lock, wall");
        assertThatThrownBy(() -> new FlamegateProfiler("colour=red"))
                .isInstanceOf(ProfilerException.class).hasMessageContaining("colour").hasMessageContaining("perIteration");
        assertThatThrownBy(() -> new FlamegateProfiler("interval=0"))
                .isInstanceOf(ProfilerException.class).hasMessageContaining("positive");
    }

    @Test
    void parsesListsAndNumbers() throws Exception {
        ProfilerOptions options = ProfilerOptions.parse("event=cpu,alloc;interval=500000;alloc=1024;dir=/tmp/x;top=5");
        assertThat(options.events()).containsExactlyInAnyOrder(Event.CPU, Event.ALLOC);
        assertThat(options.interval()).isEqualTo(500_000);
        assertThat(options.allocInterval()).isEqualTo(1024);
        assertThat(options.dir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.top()).isEqualTo(5);
        assertThat(ProfilerOptions.parse("").events()).containsExactly(Event.CPU);
    }

    static String hottestSelfFrame(Profile profile) {
        Map<String, Long> self = new HashMap<>();
        for (Stack stack : profile.stacks()) {
            self.merge(stack.leaf(), stack.weight(), Long::sum);
        }
        return self.entrySet().stream().max(Map.Entry.comparingByValue(Comparator.naturalOrder())).orElseThrow().getKey();
    }
}
