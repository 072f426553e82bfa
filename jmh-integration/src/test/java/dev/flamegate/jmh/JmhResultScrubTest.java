package dev.flamegate.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultScrubTest {

    @TempDir
    Path dir;

    @Test
    void systemPropertyValuesAndSecretsInJmhsResultFileAreRedactedScoresKept() throws Exception {
        Path file = Files.writeString(dir.resolve("jmh-result.json"), """
                [ {
                  "benchmark" : "com.acme.Bench.quote",
                  "mode" : "avgt",
                  "jvm" : "/usr/lib/jvm/java-17/bin/java",
                  "jvmArgs" : [ "-Xmx1g", "-Ddb.password=PlantedJvmArgSecret", "-Dsamples.regression=cpu" ],
                  "params" : { "user" : "jane.planted@example.com" },
                  "primaryMetric" : { "score" : 12.5, "scoreUnit" : "us/op", "rawData" : [ [ 12.0, 13.0 ] ] },
                  "secondaryMetrics" : { "·flamegate.cpu.self:a frame with a
                line break" : { "score" : 1.0 } }
                } ]
                """);

        FlamegateJmh.scrub(file);

        String scrubbed = Files.readString(file);
        assertThat(scrubbed).doesNotContain("PlantedJvmArgSecret", "jane.planted@example.com", "=cpu")
                .contains("\"-Xmx1g\"", "\"-Ddb.password=[REDACTED]\"", "\"-Dsamples.regression=[REDACTED]\"",
                        "\"user\" : \"[EMAIL]\"", "\"score\" : 12.5", "\"benchmark\" : \"com.acme.Bench.quote\"",
                        "a frame with a\\nline break");
    }

    @Test
    void aFileThatCannotBeReadIsRemovedRatherThanPublishedUnchecked() throws Exception {
        Path file = Files.writeString(dir.resolve("jmh-result.json"), "[ { \"jvmArgs\" : [ \"-Dtoken=PlantedSecret\" ");

        FlamegateJmh.scrub(file);

        assertThat(file).doesNotExist();
    }
}
