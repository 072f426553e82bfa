package dev.flamegate.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.measure.Environment;
import dev.flamegate.profile.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stacks as async-profiler records them under JUnit and JMH: the cause named is the application's. */
class FrameOriginTest {

    private static final String JUNIT = "java.lang.Thread.run;org.apache.maven.surefire.booter.ForkedBooter.main;"
            + "org.junit.platform.launcher.core.DefaultLauncher.execute;org.junit.jupiter.engine.execution.MethodInvocation.proceed";
    private static final String JMH = "java.lang.Thread.run;java.util.concurrent.FutureTask.run;"
            + "org.openjdk.jmh.runner.BenchmarkHandler$BenchmarkTask.call;"
            + "com.acme.shop.bench.jmh_generated.PricingBench_quote_jmhTest.quote_thrpt_jmhStub;com.acme.shop.bench.PricingBench.quote";
    private static final String C2 = "C2 CompilerThread0;thread_native_entry;CompileBroker::compiler_thread_loop;"
            + "C2Compiler::compile_method;Compile::Compile;PhaseChaitin::Register_Allocate";
    private static final String COPY = JMH + ";com.acme.shop.Invoice.render;java.util.Arrays.copyOf;jbyte_disjoint_arraycopy_avx3";
    private static final String RUNNER = "java.lang.Thread.run;org.openjdk.jmh.runner.BaseRunner.runBenchmark";
    private static final String H2 = JUNIT + ";com.acme.shop.OrderRepository.findItems;org.h2.jdbc.JdbcPreparedStatement.executeQuery;"
            + "org.h2.command.query.Select.queryFlat;org.h2.index.Index.find";

    @Test
    void classifiesFramesByWhoseCodeTheyAre() {
        assertThat(FrameOrigin.of("com.acme.shop.Invoice.render")).isEqualTo(FrameOrigin.APPLICATION);
        assertThat(FrameOrigin.of("java.util.Arrays.copyOf")).isEqualTo(FrameOrigin.LIBRARY);
        assertThat(FrameOrigin.of("org.h2.index.Index.find")).isEqualTo(FrameOrigin.LIBRARY);
        assertThat(FrameOrigin.of("com.fasterxml.jackson.databind.ObjectMapper.writeValueAsString")).isEqualTo(FrameOrigin.LIBRARY);
        assertThat(FrameOrigin.of("org.openjdk.jmh.runner.BaseRunner.runBenchmark")).isEqualTo(FrameOrigin.HARNESS);
        assertThat(FrameOrigin.of("com.acme.shop.bench.jmh_generated.PricingBench_quote_jmhTest.quote_thrpt_jmhStub"))
                .isEqualTo(FrameOrigin.HARNESS);
        assertThat(FrameOrigin.of("org.junit.jupiter.engine.execution.MethodInvocation.proceed")).isEqualTo(FrameOrigin.HARNESS);
        assertThat(FrameOrigin.of("dev.flamegate.junit.WorkloadRunner.run")).isEqualTo(FrameOrigin.HARNESS);
        assertThat(FrameOrigin.of("PhaseChaitin::Register_Allocate")).isEqualTo(FrameOrigin.VM);
        assertThat(FrameOrigin.of("jbyte_disjoint_arraycopy_avx3")).isEqualTo(FrameOrigin.VM);
        assertThat(FrameOrigin.of("C2 CompilerThread0")).isEqualTo(FrameOrigin.VM);
        assertThat(FrameOrigin.of("G1 Conc#0")).isEqualTo(FrameOrigin.VM);
    }

    @Test
    void sitesNameTheApplicationFrameAboveAJdkOrVmLeaf() {
        assertThat(cpu(COPY, 0.3).site()).isEqualTo("com.acme.shop.Invoice.render → java.util.Arrays.copyOf → jbyte_disjoint_arraycopy_avx3");
        assertThat(cpu(H2, 0.2).site()).isEqualTo("com.acme.shop.OrderRepository.findItems → org.h2.jdbc.JdbcPreparedStatement.executeQuery"
                + " → … → org.h2.index.Index.find");
        assertThat(cpu(JMH, 0.1).site()).isEqualTo("com.acme.shop.bench.PricingBench.quote");
        assertThat(cpu(C2, 0.4).site()).as("no application code: the leaf").isEqualTo("PhaseChaitin::Register_Allocate");
    }

    @Test
    void theHeadlineAndTheFrameTableNameTheApplicationsFramesBeforeJitHarnessAndLibraryFrames() {
        // Deepest first, as attribution lists them: the JIT and the JMH runner come before the cause.
        List<FrameChange> attributed = new ArrayList<>(List.of(cpu(C2, 0.40), cpu(RUNNER, 0.15), cpu(COPY, 0.30), cpu(H2, 0.05)));
        attributed.sort(FrameOrigin.CAUSES_FIRST);
        assertThat(attributed).extracting(FrameChange::frame).containsExactly(COPY, H2, RUNNER, C2);

        Comparison.Builder b = Comparison.builder("a#b", "Invoice.render", new Environment("v", "17", "Linux", "amd64", 2, "e", "0"))
                .verdict(Verdict.REGRESSION);
        attributed.forEach(b::frame);
        assertThat(b.build().headline()).contains("top frame com.acme.shop.Invoice.render → java.util.Arrays.copyOf"
                + " → jbyte_disjoint_arraycopy_avx3 self 0.0% → 30.0%").doesNotContain("PhaseChaitin", "BaseRunner");
    }

    @Test
    void consoleLinesShowBidiControlsAsEscapes() {
        Comparison.Builder b = Comparison.builder("a#b", "Invoice\u202Egnp.render", new Environment("v", "17", "Linux", "amd64", 2, "e", "0"))
                .verdict(Verdict.REGRESSION);
        b.frame(cpu(JUNIT + ";com.acme.Evil\u2067.run", 0.3));
        Comparison c = b.build();
        assertThat(c.headline() + c.describe()).doesNotContain("\u202E", "\u2067")
                .contains("Invoice\\u202Egnp.render", "com.acme.Evil\\u2067.run");
    }

    private static FrameChange cpu(String path, double selfAfter) {
        return new FrameChange(Event.CPU, path, FrameChange.Basis.SELF, 0.0, selfAfter, 0.0, selfAfter, 0.001, 0.01);
    }
}
