package dev.flamegate.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs fixture classes through the Jupiter engine with their own baseline and output directories. */
record EngineRuns(Path baselines, Path output) {

    EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
        EngineTestKit.Builder kit = EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture))
                .configurationParameter(ProfiledTest.BASELINES_DIR_KEY, baselines.toString())
                .configurationParameter(ProfiledTest.OUTPUT_DIR_KEY, output.toString())
                .configurationParameter(ProfilingConfig.CI_KEY, "false");
        parameters.forEach(kit::configurationParameter);
        return kit.execute();
    }

    /** The same parameters as {@code key=value} arguments for {@link ForkedEngineRun}. */
    List<String> arguments() {
        return List.of(ProfiledTest.BASELINES_DIR_KEY + "=" + baselines, ProfiledTest.OUTPUT_DIR_KEY + "=" + output,
                ProfilingConfig.CI_KEY + "=false");
    }

    static List<Map<String, String>> reportEntries(EngineExecutionResults results) {
        return results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs())
                .toList();
    }
}
