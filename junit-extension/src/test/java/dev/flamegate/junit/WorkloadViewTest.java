package dev.flamegate.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.profile.CollapsedFormat;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import org.junit.jupiter.api.Test;

/** How a round's profile is made comparable between launchers and JVMs ({@link WorkloadRunner#workloadView}). */
class WorkloadViewTest {

    private static final String SUREFIRE = "org.apache.maven.surefire.booter.ForkedBooter.main;org.junit.platform.Launcher.execute";
    private static final String IDE = "com.intellij.rt.junit.JUnitStarter.main;org.junit.platform.Launcher.execute";
    private static final String BODY = "dev.flamegate.junit.FlamegateExtension.lambda$profile$0;"
            + "java.lang.invoke.LambdaForm$DMH/0x0000000800c0b440.invokeVirtual;com.acme.PricingTest.quotes;"
            + "com.acme.Pricing$$Lambda$55/0x0000000801234567.apply;com.acme.Pricing.apply";

    private static Profile profile(String... lines) {
        Profile.Builder b = Profile.builder(Event.CPU);
        for (String line : lines) {
            b.add(line, 10);
        }
        return b.build();
    }

    @Test
    void theSameBodyUnderTwoLaunchersGivesTheSameStacks() {
        Profile surefire = WorkloadRunner.workloadView(profile(SUREFIRE + ";dev.flamegate.junit.WorkloadRunner.run;" + BODY));
        Profile ide = WorkloadRunner.workloadView(profile(IDE + ";dev.flamegate.junit.WorkloadRunner.run;"
                + BODY.replace("0x0000000801234567", "0x00000008099aaaa0").replace("$55", "$71")));
        assertThat(CollapsedFormat.toText(surefire)).isEqualTo(CollapsedFormat.toText(ide));
        assertThat(surefire.stacks()).singleElement().satisfies(s -> {
            assertThat(s.frames().get(0)).startsWith("java.lang.invoke.LambdaForm$DMH");
            assertThat(s.frames()).contains("com.acme.PricingTest.quotes", "com.acme.Pricing$$Lambda.apply")
                    .noneMatch(f -> f.contains("surefire") || f.contains("FlamegateExtension"));
        });
    }

    @Test
    void flamegatesOwnWorkOnTheTestThreadIsSetApart() {
        Profile view = WorkloadRunner.workloadView(profile(SUREFIRE
                + ";dev.flamegate.junit.WorkloadRunner.run;dev.flamegate.capture.ThreadCounters.start;"
                + "java.lang.management.ManagementFactory.getThreadMXBean"));
        assertThat(view.stacks()).singleElement().satisfies(s -> assertThat(s.frames()).startsWith(
                WorkloadRunner.OWN_WORK, "dev.flamegate.junit.WorkloadRunner.run"));
    }

    @Test
    void otherThreadsKeepTheirStacks() {
        String pool = "java.lang.Thread.run;java.util.concurrent.ThreadPoolExecutor$Worker.run;com.acme.Pricing.apply";
        String jit = "clone3;start_thread;C2Compiler::compile_method";
        Profile view = WorkloadRunner.workloadView(profile(pool, jit));
        assertThat(CollapsedFormat.toText(view)).contains(pool + " 10", jit + " 10");
    }
}
