package dev.flamegate.jmh;

import dev.flamegate.io.ConsolePrefix;
import dev.flamegate.baseline.BaselineIds;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.FrameNormalizer;
import dev.flamegate.profile.Profile;
import dev.flamegate.profile.Stack;

import dev.flamegate.redact.Redactor;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import dev.flamegate.capture.ProfilerSession;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;

/**
 * A JMH profiler that samples each forked JVM with async-profiler during <em>measurement</em> iterations
 * only (warm-up stays unprofiled) and writes each fork's profile per event as collapsed stacks.
 *
 * <p>Use it on any JMH command line or from code:
 * <pre>{@code
 * java -jar benchmarks.jar -prof dev.flamegate.jmh.FlamegateProfiler:event=cpu,alloc;dir=target/profiles
 * new OptionsBuilder().addProfiler(FlamegateProfiler.class, "event=cpu;interval=1000000")
 * }</pre>
 *
 * <p>Options ({@code ;}-separated, lists {@code ,}-separated):
 * <ul>
 *   <li>{@code event} ({@code cpu}) — any of {@code cpu}, {@code alloc}, {@code lock}, {@code wall};</li>
 *   <li>{@code interval} ({@code 1000000}) — CPU and wall sampling interval in ns;</li>
 *   <li>{@code alloc} ({@code 524288}) — bytes between allocation samples;</li>
 *   <li>{@code lock} ({@code 10000}) — record lock waits longer than this many ns;</li>
 *   <li>{@code dir} ({@code target/flamegate/jmh-profiles}) — where profiles go:
 *       {@code <dir>/<benchmark>[params]@<mode>/fork-<n>/<event>.collapsed};</li>
 *   <li>{@code perIteration} ({@code false}) — also write {@code iteration-<k>.<event>.collapsed};</li>
 *   <li>{@code top} ({@code 3}) — hottest self frames per event reported as secondary results;</li>
 *   <li>{@code engine} ({@code auto}) — {@code auto} tries async-profiler with perf events, then its
 *       {@code itimer} and {@code ctimer} engines, then JDK Flight Recorder; or force {@code async},
 *       {@code itimer}, {@code ctimer}, {@code jfr}, {@code none}.</li>
 * </ul>
 *
 * <p>Secondary results: {@value #FORK_LABEL} (the fork's directory number, which lets a runner pair
 * JMH's per-fork results with the profiles), {@code ·flamegate.<event>.samples} and, per event,
 * the share of the fork's hottest self frames (at least 1 %) over all its measurement iterations,
 * {@code ·flamegate.<event>.self:<frame>} in percent.
 *
 * <p>Where async-profiler cannot run (unsupported OS, no native library, perf events forbidden), the
 * next engine takes over and the fork prints a line saying so (the engine is also in each profile's
 * header); where nothing can sample, the benchmark runs unprofiled. Never does the profiler fail a run. Do not combine with JMH's {@code -prof async}: both would load
 * async-profiler's native library into the same JVM.
 */
public final class FlamegateProfiler implements InternalProfiler {

    /** The secondary result that carries the number {@code n} of the fork's {@code fork-<n>} directory. */
    public static final String FORK_LABEL = "·flamegate.fork";

    private static final FrameNormalizer NORMALIZER = FrameNormalizer.defaults();
    private static final Redactor REDACTOR = Redactor.defaults();

    private final ProfilerOptions options;
    private final Map<Event, Profile.Builder> forkTotals = new EnumMap<>(Event.class);
    private ProfilerSession session;
    private boolean unavailable;
    private Path forkDir;
    private int forkNumber;
    private int iteration;

    /** With default options: CPU samples every millisecond. */
    public FlamegateProfiler() throws ProfilerException {
        this("");
    }

    /** With options from JMH's init string; see the class documentation. */
    public FlamegateProfiler(String initLine) throws ProfilerException {
        this.options = ProfilerOptions.parse(initLine);
    }

    @Override
    public String getDescription() {
        return "async-profiler per fork during measurement iterations, collapsed profiles per event";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (iterationParams.getType() != IterationType.MEASUREMENT || !ready(benchmarkParams)) {
            return;
        }
        iteration++;
        try {
            session.start();
        } catch (RuntimeException e) {
            degrade("the profiler did not start (" + e.getMessage() + ")");
        }
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        if (iterationParams.getType() != IterationType.MEASUREMENT || session == null || unavailable) {
            return List.of();
        }
        Map<Event, Profile> profiles;
        try {
            profiles = session.stop().profiles();
        } catch (RuntimeException e) {
            degrade("the profiler did not stop cleanly (" + e.getMessage() + ")");
            return List.of();
        } finally {
            if (iteration == iterationParams.getCount()) {
                session.close(); // the fork's last measurement: delete the session's recordings
                session.warnings().forEach(w -> System.out.println("# " + ConsolePrefix.PREFIX + w));
            }
        }
        List<Result> results = new ArrayList<>();
        results.add(new ScalarResult(FORK_LABEL, forkNumber, "#", AggregationPolicy.MAX));
        for (Map.Entry<Event, Profile> entry : profiles.entrySet()) {
            Event event = entry.getKey();
            Profile profile = normalized(entry.getValue());
            Profile.Builder total = forkTotals.computeIfAbsent(event,
                    e -> Profile.builder(e, profile.unit()));
            total.addAll(profile).metadata(profile.metadata());
            if (options.perIteration()) {
                CollapsedFiles.write(forkDir.resolve("iteration-" + iteration + "." + event.id() + ".collapsed"), profile);
            }
            CollapsedFiles.write(forkDir.resolve(event.id() + ".collapsed"), total.build());
            results.add(new ScalarResult("·flamegate." + event.id() + ".samples", profile.total(),
                    profile.unit().symbol(), AggregationPolicy.SUM));
            if (iteration == iterationParams.getCount()) {
                results.addAll(topSelfShares(total.build())); // once per fork, over all its iterations: stable labels
            }
        }
        if (iteration == iterationParams.getCount()) {
            // The benchmark is done. Without forking (-f 0) JMH may run the next benchmark in this JVM: start afresh.
            session = null;
            forkTotals.clear();
            iteration = 0;
        }
        return results;
    }

    /** Loads the profiler and creates this fork's directory on the first measurement iteration. */
    private boolean ready(BenchmarkParams params) {
        if (unavailable) {
            return false;
        }
        if (session != null) {
            return true;
        }
        try {
            Path benchmarkDir = options.dir().resolve(BaselineIds.fileName(BenchmarkKeys.forkKey(params)));
            Files.createDirectories(benchmarkDir);
            forkDir = newForkDir(benchmarkDir);
            session = ProfilerSession.open(options.profilerSettings());
            return true;
        } catch (IOException | RuntimeException e) {
            degrade(e.getMessage());
            return false;
        }
    }

    /** {@code fork-1}, {@code fork-2}, ...: forks run one after another, each takes the next free number. */
    private Path newForkDir(Path benchmarkDir) throws IOException {
        for (int n = 1; ; n++) {
            try {
                Path dir = Files.createDirectory(benchmarkDir.resolve("fork-" + n));
                forkNumber = n;
                return dir;
            } catch (FileAlreadyExistsException taken) {
                // an earlier fork (or run) has it
            }
        }
    }

    private void degrade(String reason) {
        if (session != null) {
            session.close(); // lets other sessions of this JVM open
        }
        if (!unavailable) {
            unavailable = true;
            System.out.println("# " + ConsolePrefix.PREFIX + reason + "; this fork runs unprofiled.");
        }
    }

    /**
     * Frame names every fork spells alike: each fork is a new JVM, and names such as
     * {@code LambdaForm$MH.0x000000000e065800} (JMH's call path on JDK 21+) differ from JVM to JVM, which would
     * split one call path into a different path per fork.
     */
    private static Profile normalized(Profile profile) {
        // Redacted too: the fork's profiles land in target/flamegate, which CI uploads.
        return profile.withFramesRenamed(frame -> REDACTOR.redact(NORMALIZER.normalize(frame)));
    }

    private List<Result> topSelfShares(Profile profile) {
        if (profile.total() == 0 || options.top() == 0) {
            return List.of();
        }
        Map<String, Long> self = new HashMap<>();
        for (Stack stack : profile.stacks()) {
            self.merge(stack.leaf(), stack.weight(), Long::sum);
        }
        return self.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(options.top())
                .filter(e -> e.getValue() * 100 >= profile.total()) // under 1 % is noise, not a hot frame
                .<Result>map(e -> new ScalarResult("·flamegate." + profile.event().id() + ".self:" + e.getKey(),
                        100.0 * e.getValue() / profile.total(), "%", AggregationPolicy.AVG))
                .toList();
    }

}
