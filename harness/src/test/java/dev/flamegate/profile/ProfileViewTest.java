package dev.flamegate.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProfileViewTest {

    private static final Profile PROFILE = CollapsedFormat.parse("""
            java.lang.Thread.run;org.junit.platform.Launcher.execute;jdk.internal.reflect.DirectMethodHandleAccessor.invoke;com.acme.OrderTest.price;com.acme.Pricing.quote;com.acme.Tax.rate 6
            java.lang.Thread.run;org.junit.platform.Launcher.execute;com.acme.OrderTest.price;com.acme.Pricing.quote 4
            java.lang.Thread.run;com.acme.Gc.collect 10
            org.junit.platform.Launcher.execute 2
            """, "test", Event.CPU);

    private static List<String> lines(Profile profile) {
        return CollapsedFormat.toText(profile).lines().skip(1).toList();
    }

    @Test
    void droppingFramesKeepsTheStackAndItsWeight() {
        Profile view = ProfileView.withoutHarnessFrames().apply(PROFILE);

        assertThat(lines(view)).containsExactly(
                "java.lang.Thread.run;com.acme.Gc.collect 10",
                "java.lang.Thread.run;com.acme.OrderTest.price;com.acme.Pricing.quote 4",
                "java.lang.Thread.run;com.acme.OrderTest.price;com.acme.Pricing.quote;com.acme.Tax.rate 6");
        // Only the stack made of nothing but harness frames disappeared.
        assertThat(view.total()).isEqualTo(PROFILE.total() - 2);
    }

    @Test
    void harnessPresetCoversRunnersGeneratedStubsAndReflectionButNotTheWorkload() {
        assertThat(List.of(
                "org.apache.maven.surefire.booter.ForkedBooter.main",
                "worker.org.gradle.process.internal.worker.GradleWorkerMain.main",
                "org.openjdk.jmh.runner.BenchmarkHandler$BenchmarkTask.call",
                "com.acme.jmh_generated.PricingBench_quote_jmhTest.quote_thrpt_jmhStub",
                "dev.flamegate.junit.ProfiledTestExtension.interceptTestMethod",
                "jdk.internal.reflect.NativeMethodAccessorImpl.invoke0",
                "java.lang.reflect.Method.invoke",
                "java.lang.invoke.LambdaForm$DMH.invokeVirtual"))
                .allSatisfy(frame -> assertThat(ProfileView.HARNESS_FRAMES.matcher(frame).find()).as(frame).isTrue());
        assertThat(List.of(
                "com.acme.PricingBench.quote",
                "dev.flamegate.samples.checkout.CheckoutService.price",
                "dev.flamegate.profile.CollapsedFormat.read",
                "java.util.HashMap.get"))
                .allSatisfy(frame -> assertThat(ProfileView.HARNESS_FRAMES.matcher(frame).find()).as(frame).isFalse());
    }

    @Test
    void aViewThatChangesNoStackGivesTheSameProfileWithoutBuildingItAgain() {
        Profile workloadOnly = ProfileView.withoutHarnessFrames().apply(PROFILE);

        assertThat(ProfileView.withoutHarnessFrames().apply(workloadOnly)).isSameAs(workloadOnly);
        assertThat(ProfileView.builder().excludeStacks(Pattern.compile("NoSuchFrame")).build().apply(workloadOnly))
                .isSameAs(workloadOnly);
        assertThat(ProfileView.builder().excludeStacks(Pattern.compile("Tax")).build().apply(workloadOnly))
                .isNotSameAs(workloadOnly);
    }

    @Test
    void excludingStacksRemovesThemWithTheirWeight() {
        Profile view = ProfileView.builder().excludeStacks(Pattern.compile("Tax")).build().apply(PROFILE);

        assertThat(view.total()).isEqualTo(16);
        assertThat(lines(view)).noneMatch(line -> line.contains("Tax"));
    }

    @Test
    void includingStacksKeepsWholeStacksWithAMatch() {
        Profile view = ProfileView.builder().includeStacks(Pattern.compile("Gc|Tax")).build().apply(PROFILE);

        assertThat(lines(view)).containsExactly(
                "java.lang.Thread.run;com.acme.Gc.collect 10",
                "java.lang.Thread.run;org.junit.platform.Launcher.execute;jdk.internal.reflect.DirectMethodHandleAccessor.invoke;"
                        + "com.acme.OrderTest.price;com.acme.Pricing.quote;com.acme.Tax.rate 6");
    }

    @Test
    void focusKeepsMatchingStacksRootedAtTheOutermostMatch() {
        Profile view = ProfileView.builder().focus(Pattern.compile("^com\\.acme\\.(Pricing|Tax)")).build().apply(PROFILE);

        assertThat(lines(view)).containsExactly(
                "com.acme.Pricing.quote 4",
                "com.acme.Pricing.quote;com.acme.Tax.rate 6");
    }

    @Test
    void collapsingRecursionMergesDirectSelfCallsOnly() {
        Profile recursive = CollapsedFormat.parse("a;b;b;b;c 2\na;b;c 3\na;b;c;b;c 1\n", "test", Event.CPU);

        Profile view = ProfileView.builder().collapseRecursion(true).build().apply(recursive);

        assertThat(lines(view)).containsExactly("a;b;c 5", "a;b;c;b;c 1");
        assertThat(ProfileView.collapseRecursion(List.of("a", "a"))).containsExactly("a");
    }

    @Test
    void stepsCombineInDocumentedOrder() {
        Profile view = ProfileView.builder()
                .dropFrames(ProfileView.HARNESS_FRAMES)
                .excludeStacks(Pattern.compile("Gc"))
                .focus(Pattern.compile("OrderTest"))
                .build()
                .apply(PROFILE);

        assertThat(lines(view)).containsExactly(
                "com.acme.OrderTest.price;com.acme.Pricing.quote 4",
                "com.acme.OrderTest.price;com.acme.Pricing.quote;com.acme.Tax.rate 6");
    }

    @Test
    void theEmptyViewReturnsTheProfileItself() {
        assertThat(ProfileView.all().apply(PROFILE)).isSameAs(PROFILE);
    }
}
