package dev.flamegate.samples.e2e;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs the samples' tests in this JVM as a build tool would, for {@link SampleRun}'s child JVMs: one fresh
 * JVM per run without a Maven start-up. Arguments are test classes of {@code dev.flamegate.samples}
 * ({@code OrderServiceProfiledTest}) or methods ({@code OrderServiceProfiledTest#quotesOrders}); flamegate's
 * settings come as system properties. Exits 0 when every test passed, 1 otherwise.
 */
public final class ProfiledTestMain {

    private ProfiledTestMain() {
    }

    public static void main(String[] args) {
        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String arg : args) {
            String name = arg.contains(".") ? arg : "dev.flamegate.samples." + arg;
            selectors.add(name.contains("#") ? selectMethod(name) : selectClass(name));
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, summary);
        TestExecutionSummary result = summary.getSummary();
        result.printFailuresTo(new PrintWriter(System.out, true), 5);
        result.printTo(new PrintWriter(System.out, true));
        System.exit(result.getTotalFailureCount() == 0 && result.getTestsFoundCount() > 0 ? 0 : 1);
    }
}
