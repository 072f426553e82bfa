package dev.flamegate.junit;

import dev.flamegate.gate.GateMode;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The extension behind {@link ProfiledTest} and {@link Profiled}; registered by those annotations, not by
 * hand. Stateless: per-test state (span capture, {@link ProfiledRun}) lives in the test's
 * {@link ExtensionContext.Store}, the run summary in the root store, all under this class's namespace.
 *
 * <p>It intercepts the test method, runs the workload as {@link ProfiledTest} describes, then lets JUnit
 * invoke the method once more ({@code proceed()}, exactly once). It resolves parameters of type
 * {@link OpenTelemetry}, {@link Tracer} and {@link ProfiledRun}.
 */
public final class FlamegateExtension implements InvocationInterceptor, ParameterResolver, AfterEachCallback {

    static final Namespace NAMESPACE = Namespace.create(FlamegateExtension.class);

    /** Test ids (comma-separated): when set, other profiled tests skip (as {@code flamegate ab} sets it). */
    static final String ONLY_KEY = "flamegate.only";

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        profile(invocation, call, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        profile(invocation, call, context);
    }

    private static void profile(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call,
            ExtensionContext context) throws Throwable {
        ProfilingConfig config = ProfilingConfig.resolve(context);
        if (config.mode() == GateMode.OFF) {
            invocation.proceed();
            return;
        }
        TestIds.Names names = TestIds.of(context).redacted(config.redactor());
        Optional<String> only = context.getConfigurationParameter(ONLY_KEY).filter(v -> !v.isBlank());
        if (only.isPresent() && Arrays.stream(only.get().split(",")).map(String::strip).noneMatch(names.id()::equals)) {
            // An A/B run spends its further pairs on the tests still unclear; the others have their answer.
            invocation.skip();
            throw new TestAbortedException(ONLY_KEY + " does not list " + names.id());
        }
        claim(context, names.id());
        SpanRecorder spans = config.traces() ? spans(context) : null;
        Method method = call.getExecutable();
        Object target = call.getTarget().orElse(null);
        Object[] arguments = call.getArguments().toArray();
        MethodHandle body = invoker(method, target, arguments.length);
        WorkloadRunner.Result result;
        try {
            result = WorkloadRunner.run(config, names.id(), names.displayName(),
                    () -> {
                        body.invokeExact(arguments);
                    }, spans);
        } catch (Throwable thrown) {
            // A test that throws must still be in the run report, or the report says "0 regressions" without it.
            reportError(context, config, names, thrown);
            throw thrown;
        }
        run(context).complete(result);
        Verdicts.Outcome outcome;
        try {
            try {
                invocation.proceed();
            } catch (Throwable failure) {
                // The last, unprofiled call threw: the test fails, and the run report must still list it.
                reportError(context, config, names, failure);
                throw failure;
            }
            outcome = Verdicts.apply(config, result);
        } finally {
            // The raw recording holds the JVM's system properties: gone on every path unless kept as an artifact.
            WorkloadRunner.discard(result);
        }
        if (outcome.baselineWrite().isPresent()) {
            // Reported once written: a baseline that could not be saved is an ERROR, never RECORDED.
            context.getStore(NAMESPACE).put(PendingRecord.class, new PendingRecord(config, result, outcome));
            return;
        }
        report(context, config, result, outcome);
        if (outcome.failure() != null) {
            throw new AssertionFailedError(outcome.failure());
        }
    }

    /**
     * Makes sure no two tests of this run share a baseline id (overloaded methods would), since they would
     * overwrite each other's baseline.
     */
    @SuppressWarnings("unchecked")
    private static void claim(ExtensionContext context, String id) {
        Map<String, String> claimed = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("baseline-ids",
                k -> new ConcurrentHashMap<String, String>(), Map.class);
        String owner = claimed.putIfAbsent(id, context.getUniqueId());
        if (owner != null && !owner.equals(context.getUniqueId())) {
            throw new ExtensionConfigurationException("Configuration error: @ProfiledTest on"
                    + " method [" + context.getRequiredTestMethod().toGenericString() + "] must have a baseline id of its"
                    + " own, but " + id + " is already used by " + owner + ". Rename one of the overloaded methods");
        }
    }

    /**
     * A method handle calling the test method with an argument array. Unlike {@code Method.invoke}, whose
     * generated accessor classes are numbered differently from run to run, it keeps frame names stable
     * between the baseline and later runs; it also adds no per-call boxing of its own.
     */
    private static MethodHandle invoker(Method method, Object target, int arity) throws IllegalAccessException {
        method.trySetAccessible();
        MethodHandle handle = MethodHandles.lookup().unreflect(method);
        if (target != null) {
            handle = handle.bindTo(target);
        }
        return handle.asSpreader(Object[].class, arity).asType(MethodType.methodType(void.class, Object[].class));
    }

    private static void report(ExtensionContext context, ProfilingConfig config, WorkloadRunner.Result result,
            Verdicts.Outcome outcome) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("flamegate.verdict", outcome.label());
        entry.put("flamegate.headline", outcome.headline());
        entry.put("flamegate.engine", result.engine().id());
        outcome.resultFile().ifPresent(f -> entry.put("flamegate.result", f.toString()));
        List<String> warnings = outcome.warnings();
        if (!warnings.isEmpty()) {
            entry.put("flamegate.warnings", String.join("; ", warnings));
        }
        context.publishReportEntry(entry);
        for (Path file : outcome.publishable()) {
            try {
                context.publishFile(file.getFileName().toString(), mediaType(file),
                        target -> Files.copy(file, target));
            } catch (RuntimeException | LinkageError e) {
                // Publishing is a convenience for IDEs; the files are in the output directory regardless.
            }
        }
        System.out.println(Verdicts.PREFIX + outcome.headline() + " [" + result.engine().id() + "]"
                + outcome.resultFile().map(f -> " " + config.outputDir().relativize(f.getParent()).toString()).orElse(""));
        for (String warning : warnings) {
            System.out.println(Verdicts.PREFIX + "warning: " + warning);
        }
        RunSummary.of(context, config).add(outcome, result.engine().id());
    }

    /** Writes an {@code ERROR} result for a test whose body threw, prints it and counts it in the run summary. */
    private static void reportError(ExtensionContext context, ProfilingConfig config, TestIds.Names names, Throwable thrown) {
        Verdicts.Outcome outcome;
        try {
            outcome = Verdicts.error(config, names.id(), names.displayName(), thrown);
        } catch (RuntimeException e) {
            // Reporting must not hide what the test threw.
            thrown.addSuppressed(e);
            return;
        }
        System.out.println(Verdicts.PREFIX + outcome.headline());
        outcome.warnings().forEach(w -> System.out.println(Verdicts.PREFIX + "warning: " + w));
        RunSummary.of(context, config).add(outcome, "none");
    }

    private static MediaType mediaType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".html")) {
            return MediaType.create("text", "html", StandardCharsets.UTF_8);
        }
        if (name.endsWith(".json")) {
            return MediaType.APPLICATION_JSON;
        }
        return MediaType.TEXT_PLAIN_UTF_8;
    }

    private static SpanRecorder spans(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(SpanRecorder.class, k -> SpanRecorder.install(),
                SpanRecorder.class);
    }

    private static ProfiledRun run(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(ProfiledRun.class, k -> new ProfiledRun(), ProfiledRun.class);
    }

    /** A run whose baseline is written, and the run reported, once the test has passed as a whole. */
    private record PendingRecord(ProfilingConfig config, WorkloadRunner.Result result, Verdicts.Outcome outcome) {
    }

    /**
     * Writes the baseline the interceptor left, unless the test failed after it (an {@code @AfterEach} method,
     * an enclosing {@code @Timeout}), and reports the run: {@code RECORDED} only when the baseline was written,
     * otherwise {@code ERROR} with the reason. In record mode a failed write fails the test.
     */
    @Override
    public void afterEach(ExtensionContext context) {
        PendingRecord pending = context.getStore(NAMESPACE).remove(PendingRecord.class, PendingRecord.class);
        if (pending == null) {
            return;
        }
        Verdicts.BaselineWrite write = pending.outcome().baselineWrite().orElseThrow();
        String name = write.baseline().displayName();
        if (context.getExecutionException().isPresent()) {
            report(context, pending.config(), pending.result(),
                    pending.outcome().notRecorded(name, "the test failed; its baseline was not recorded"));
            return;
        }
        Optional<String> problem = write.save();
        report(context, pending.config(), pending.result(),
                problem.map(reason -> pending.outcome().notRecorded(name, reason)).orElse(pending.outcome()));
        problem.ifPresent(reason -> {
            if (write.required()) {
                throw new AssertionFailedError(reason);
            }
        });
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == OpenTelemetry.class || type == Tracer.class || type == ProfiledRun.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == ProfiledRun.class) {
            return run(context);
        }
        SpanRecorder spans = spans(context);
        return type == Tracer.class ? spans.tracer() : spans.openTelemetry();
    }
}
