package dev.flamegate.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Writes JMH result files in the format of JMH 1.37's {@code -rf json}, for tests that need many of them:
 * each benchmark with its fork-by-iteration raw data, score and JMH-style error.
 */
final class JmhJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ObjectNode> results = new ArrayList<>();

    /** Adds one benchmark; {@code rawData[fork][iteration]}. */
    JmhJson add(String benchmark, String mode, String unit, double[][] rawData) {
        ObjectNode result = JSON.createObjectNode();
        result.put("jmhVersion", "1.37").put("benchmark", benchmark).put("mode", mode).put("threads", 1)
                .put("forks", rawData.length).put("jvm", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        result.putArray("jvmArgs");
        result.put("jdkVersion", "17.0.15").put("vmName", "OpenJDK 64-Bit Server VM")
                .put("warmupIterations", 5).put("warmupTime", "1 s").put("warmupBatchSize", 1)
                .put("measurementIterations", rawData[0].length).put("measurementTime", "1 s").put("measurementBatchSize", 1);
        double[] all = Arrays.stream(rawData).flatMapToDouble(Arrays::stream).toArray();
        double mean = JmhResultFile.mean(all);
        double scale = Arrays.stream(all).map(Math::abs).max().orElseThrow(); // no overflow near Double.MAX_VALUE
        double sd = scale * Math.sqrt(Arrays.stream(all).map(v -> (v - mean) / scale).map(d -> d * d).sum() / Math.max(1, all.length - 1));
        double error = all.length > 1 ? 3.3 * sd / Math.sqrt(all.length) : Double.NaN; // about JMH's 99.9 % t-interval
        ObjectNode primary = result.putObject("primaryMetric");
        primary.put("score", mean);
        if (Double.isNaN(error)) {
            primary.put("scoreError", "NaN");
        } else {
            primary.put("scoreError", error);
        }
        primary.putArray("scoreConfidence").add(mean - (Double.isNaN(error) ? 0 : error)).add(mean + (Double.isNaN(error) ? 0 : error));
        primary.putObject("scorePercentiles").put("0.0", Arrays.stream(all).min().orElseThrow())
                .put("100.0", Arrays.stream(all).max().orElseThrow());
        primary.put("scoreUnit", unit);
        ArrayNode raw = primary.putArray("rawData");
        for (double[] fork : rawData) {
            ArrayNode values = raw.addArray();
            for (double v : fork) {
                values.add(v);
            }
        }
        result.putObject("secondaryMetrics");
        results.add(result);
        return this;
    }

    /** Writes the file. */
    Path write(Path file) {
        ArrayNode array = JSON.createArrayNode();
        results.forEach(array::add);
        try {
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Fork-by-iteration scores around {@code mean}: each fork's level log-normal with {@code forkCv}
     * (fork-to-fork noise: JIT decisions, heap layout), each iteration around it with {@code iterationCv}.
     */
    static double[][] forks(Random random, double mean, int forks, int iterations, double forkCv, double iterationCv) {
        double[][] data = new double[forks][iterations];
        for (int f = 0; f < forks; f++) {
            double level = mean * Math.exp(forkCv * random.nextGaussian());
            for (int i = 0; i < iterations; i++) {
                data[f][i] = level * Math.exp(iterationCv * random.nextGaussian());
            }
        }
        return data;
    }
}
