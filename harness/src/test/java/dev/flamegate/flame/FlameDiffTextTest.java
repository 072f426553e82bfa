package dev.flamegate.flame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import org.junit.jupiter.api.Test;

class FlameDiffTextTest {

    /** What JUnit and Surefire put above a test: eight frames that carry every change and change nothing themselves. */
    private static final String LAUNCHER = "java.lang.Thread.run;org.apache.maven.surefire.booter.ForkedBooter.main;"
            + "org.junit.platform.launcher.core.DefaultLauncher.execute;org.junit.jupiter.engine.execution.MethodInvocation.proceed;"
            + "com.acme.shop.PricingTest.quotesAnOrder;com.acme.shop.PricingService.quote";

    private static Profile before() {
        return Profile.builder(Event.CPU)
                .add(LAUNCHER + ";com.acme.shop.TaxTable.lookup;java.util.HashMap.get", 20)
                .add(LAUNCHER + ";com.acme.shop.OrderRepository.findItems;org.h2.index.Index.find", 300)
                .add(LAUNCHER + ";com.acme.shop.Money.round", 80)
                .add("C2 CompilerThread0;PhaseChaitin::Register_Allocate", 100)
                .build();
    }

    private static Profile after() {
        return Profile.builder(Event.CPU)
                .add(LAUNCHER + ";com.acme.shop.TaxTable.lookup;java.util.HashMap.get", 20)
                .add(LAUNCHER + ";com.acme.shop.TaxTable.lookup;java.util.regex.Pattern.compile", 500)
                .add(LAUNCHER + ";com.acme.shop.OrderRepository.findItems;org.h2.index.Index.find", 300)
                .add(LAUNCHER + ";com.acme.shop.Money.round", 80)
                .add("C2 CompilerThread0;PhaseChaitin::Register_Allocate", 100)
                .build();
    }

    @Test
    void showsTheChangedPathFromRootToTheHotFrameWidestFirstWithCallersOnTheWayFolded() {
        String text = FlameDiffText.defaults().render(before(), after());

        // before total 500, after 1000: Pattern.compile is new at 50 %; the rest keeps its weight, so its share halves.
        assertThat(text).isEqualTo("""
                all  100.0% → 100.0%
                ├─ java.lang.Thread.run → … (5 frames on the way)
                │  com.acme.shop.PricingService.quote  80.0% → 90.0%  +10.0 pp
                │  ├─ com.acme.shop.TaxTable.lookup  4.0% → 52.0%  +48.0 pp
                │  │  ├─ java.util.regex.Pattern.compile  0.0% → 50.0%  +50.0 pp  (self 0.0% → 50.0%)
                │  │  └─ java.util.HashMap.get  4.0% → 2.0%  -2.0 pp  (self 4.0% → 2.0%)
                │  ├─ com.acme.shop.OrderRepository.findItems  60.0% → 30.0%  -30.0 pp
                │  │  └─ org.h2.index.Index.find  60.0% → 30.0%  -30.0 pp  (self 60.0% → 30.0%)
                │  └─ com.acme.shop.Money.round  16.0% → 8.0%  -8.0 pp  (self 16.0% → 8.0%)
                └─ C2 CompilerThread0  20.0% → 10.0%  -10.0 pp
                   └─ PhaseChaitin::Register_Allocate  20.0% → 10.0%  -10.0 pp  (self 20.0% → 10.0%)
                """);
    }

    @Test
    void staysWithinItsLineBudgetAndKeepsTheWidestChange() {
        String text = FlameDiffText.of(4, 0.005).render(before(), after());
        assertThat(text.lines()).hasSizeLessThanOrEqualTo(1 + 4);
        assertThat(text).contains("java.util.regex.Pattern.compile  0.0% → 50.0%").doesNotContain("Money.round", "PhaseChaitin");
    }

    @Test
    void unchangedProfilesGiveNoText() {
        assertThat(FlameDiffText.defaults().render(before(), before())).isEmpty();
        assertThatThrownBy(() -> FlameDiffText.of(0, 0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlameDiffText.of(5, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longAndHostileNamesStayOnOneLineAndKeepTheirEnd() {
        String hostile = "com.acme." + "Very".repeat(60) + "Long.method\n# not a heading";
        Profile before = Profile.builder(Event.CPU).add("main;other", 10).build();
        Profile after = Profile.builder(Event.CPU).add("main;other", 10).add("main;" + hostile, 10).build();
        String text = FlameDiffText.defaults().render(before, after);
        assertThat(text.lines()).allSatisfy(line -> assertThat(line).doesNotStartWith("#"));
        assertThat(text).contains("…", "Long.method # not a heading  0.0% → 50.0%");
    }
}
