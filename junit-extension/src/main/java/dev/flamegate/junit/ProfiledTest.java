package dev.flamegate.junit;

import dev.flamegate.profile.Event;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * A test whose body is a workload measured under the profiler and compared with its committed baseline.
 *
 * <pre>{@code
 * @ProfiledTest                                   // defaults: cpu + alloc, traces on
 * void quotesAnOrder() { pricing.quote(order); }
 *
 * @ProfiledTest(events = {CPU, LOCK}, warmup = 5, rounds = 10, maxRegression = "10%")
 * void settlesConcurrently() { ... }
 * }</pre>
 *
 * <p>{@code @ProfiledTest} is {@link Test @Test} plus {@link Profiled @Profiled}: use it on plain test
 * methods. For {@code @ParameterizedTest}, {@code @RepeatedTest} and other test templates put
 * {@link Profiled @Profiled} next to the template annotation instead; each invocation (argument set) then
 * has its own baseline, with the id {@code com.acme.PricingTest#quotes[1: EUR, 10]} (class, method,
 * invocation index and the arguments as JUnit displays them).
 *
 * <h2>How the body is run</h2>
 * The body must be repeatable. flamegate invokes it itself: first in {@link #warmup()} unmeasured warm-up
 * rounds, then in {@link #rounds()} measured rounds during which the profiler samples all threads and spans
 * are captured. Unless {@link #invocationsPerRound()} is given, each warm-up round lasts
 * {@value #ROUND_TIME_KEY} and the last one, with the body compiled and warm, sets the invocations per
 * measured round so that those last about as long (with {@code warmup = 0} one unmeasured round still runs
 * to calibrate). Last, JUnit invokes the body once more normally (unmeasured); in that invocation an injected
 * {@link ProfiledRun} holds the finished measurement for explicit checks with {@link FlamegateAssertions}.
 * <b>{@code @BeforeEach} and {@code @AfterEach} run once</b>, around all repetitions together, as for any
 * other test; put per-invocation setup into the body. A body that throws fails the test with its own
 * exception, at once, and no baseline is written. Once the test thread is interrupted (as {@code @Timeout}
 * does), no further invocation begins.
 *
 * <h2>Modes</h2>
 * {@link Mode#VERIFY} (default) compares with the baseline under {@value #BASELINES_DIR_KEY} and fails on a
 * regression; {@link Mode#RECORD} writes baselines ({@code -Dflamegate.mode=record} or
 * {@code mvn verify -Pflamegate-record}); {@link Mode#APPEND} adds the run to the baseline as one more
 * run ({@code -Dflamegate.mode=append}, keeping the newest {@code flamegate.baselineRuns}, default 5), so
 * that the comparison measures how much whole JVM runs differ; {@link Mode#OFF} runs the test plainly.
 * A missing baseline is recorded, except when {@code CI=true}: then the test fails naming the command that records it (see
 * {@value #CI_MISSING_BASELINE_KEY}).
 *
 * <h2>Configuration</h2>
 * Every option left at its default here falls back to {@link ProfilingDefaults @ProfilingDefaults} on the
 * test class or an enclosing class, then to the configuration parameter named by the {@code *_KEY}
 * constants (from {@code junit-platform.properties}, a system property or the launcher), then to the
 * built-in default.
 *
 * <h2>Parallel execution</h2>
 * Profiled tests take JUnit's global resource lock exclusively ({@code @ResourceLock(value = Resources.GLOBAL,
 * mode = READ_WRITE)}): while one runs, no other test of the run does, because the profiler samples the whole
 * JVM and another test's work would be blamed on this one. Under parallel execution the class holding a
 * profiled test runs its tests one after another, and other classes wait for it.
 */
@Target({ElementType.ANNOTATION_TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(FlamegateExtension.class)
@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
public @interface ProfiledTest {

    /** {@code verify|record|append|off}; default {@code verify}. */
    String MODE_KEY = "flamegate.mode";
    /** Comma-separated events, e.g. {@code cpu,alloc}; default {@code cpu,alloc}. */
    String EVENTS_KEY = "flamegate.events";
    /** Warm-up rounds at least; default 2. Warm-up goes on until steady state, within {@value #WARMUP_BUDGET_KEY}. */
    String WARMUP_KEY = "flamegate.warmup";
    /**
     * How long warm-up may run to reach steady state (the JIT quiet, rounds no longer getting faster), e.g.
     * {@code 5s}; default 10 s. {@code 0}: exactly {@value #WARMUP_KEY} rounds.
     */
    String WARMUP_BUDGET_KEY = "flamegate.warmupBudget";
    /** Measured rounds at least; default 10. */
    String ROUNDS_KEY = "flamegate.rounds";
    /** Measured rounds are added up to this many while CPU time is not yet precise enough; default 25. */
    String MAX_ROUNDS_KEY = "flamegate.maxRounds";
    /**
     * Precise enough: the relative half-width of the 95 % interval of CPU time per invocation over the rounds,
     * e.g. {@code 3%}; default 3 %.
     */
    String PRECISION_KEY = "flamegate.precision";
    /** Invocations per round; default {@code auto}: as many as fill {@value #ROUND_TIME_KEY}. */
    String INVOCATIONS_KEY = "flamegate.invocationsPerRound";
    /** Target duration of one round when invocations per round are calibrated, e.g. {@code 100ms}; default 200 ms. */
    String ROUND_TIME_KEY = "flamegate.roundTime";
    /** Smallest relative slowdown that counts as a regression, e.g. {@code 10%}; default the comparison's own (5 %). */
    String MAX_REGRESSION_KEY = "flamegate.maxRegression";
    /** {@code true|false}: capture OpenTelemetry spans and compare trace shapes; default {@code true}. */
    String TRACES_KEY = "flamegate.traces";
    /** Directory of committed baselines; default the {@code baselines} directory of the nearest ancestor that has one or a {@code .git}. */
    String BASELINES_DIR_KEY = "flamegate.baselines.dir";
    /** Directory of per-test artifacts and the run index; default {@code target/flamegate}. */
    String OUTPUT_DIR_KEY = "flamegate.output.dir";
    /** What a missing baseline does when {@code CI=true}: {@code fail} (default), {@code record} or {@code pass}. */
    String CI_MISSING_BASELINE_KEY = "flamegate.ci.missingBaseline";
    /**
     * {@code true}: keep the raw JFR recording as the artifact {@code profile.jfr}; default {@code false}. A
     * recording holds the JVM's system properties, environment variables and command line, which artifacts of
     * public repositories would publish: turn it on only where artifacts stay private.
     */
    String KEEP_JFR_KEY = "flamegate.artifacts.jfr";
    /**
     * A regular expression whose matches in frame names, test names and artifacts become {@code [REDACTED]},
     * on top of the defaults (tokens, passwords, keys, e-mail addresses); e.g. {@code acme-[0-9a-f]{16}}.
     */
    String REDACT_KEY = "flamegate.redact";

    /** Events to sample; empty: the class default or {@value #EVENTS_KEY} ({@code cpu,alloc}). */
    Event[] events() default {};

    /** Warm-up rounds before measuring; -1: inherited (default 2). */
    int warmup() default -1;

    /** Measured rounds, at least 2; -1: inherited (default 10). */
    int rounds() default -1;

    /** Invocations per round; -1: inherited (default: calibrated to fill {@value #ROUND_TIME_KEY}). */
    int invocationsPerRound() default -1;

    /** Smallest relative slowdown that fails the test, e.g. {@code "10%"}; empty: inherited. */
    String maxRegression() default "";

    /** Capture spans and compare trace shapes; {@code false} at any level switches it off. */
    boolean traces() default true;

    /** What to do; {@link Mode#INHERIT}: the class default or {@value #MODE_KEY}. */
    Mode mode() default Mode.INHERIT;
}
