package dev.flamegate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flamegate.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A JMH result file as JMH writes it with {@code -rf json}: an array of benchmark results, each with
 * {@code benchmark}, {@code mode}, optional {@code params} and a {@code primaryMetric} holding
 * {@code score}, {@code scoreError}, {@code scoreUnit} and the raw values per fork and iteration
 * ({@code rawData}, or {@code rawDataHistogram} in sample mode). Read with Jackson; no JMH on the class path.
 */
final class JmhResultFile {

    // Trailing tokens fail: a file with two documents (concatenated, or a bad merge) is not silently half-read.
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Largest result file read: 64 MiB (JMH writes a few KiB per benchmark). */
    static final long MAX_FILE_BYTES = 64L << 20;
    /** Why zero and negative scores are refused: every comparison is a ratio of scores. */
    private static final String POSITIVE = "jmh-compare compares ratios of scores, which needs every score to be positive";
    private static final String REMEDY = "Pass a result file written by JMH with -rf json (e.g. -rff result.json)";

    /**
     * One benchmark's primary result.
     *
     * @param benchmark the benchmark method, e.g. {@code com.acme.PricingBench.quote}
     * @param params its {@code @Param} values in file order
     * @param mode JMH's short mode label: {@code thrpt}, {@code avgt}, {@code sample}, {@code ss}
     * @param score the mean score
     * @param error the half-width of JMH's 99.9 % interval; NaN when JMH could not compute one
     * @param unit e.g. {@code ops/s}, {@code us/op}
     * @param forks per fork, the measured iterations' scores (sample mode: each iteration's mean)
     */
    record Entry(String benchmark, Map<String, String> params, String mode, double score, double error, String unit,
            List<double[]> forks) {

        Entry {
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
            forks = List.copyOf(forks);
        }

        /** The benchmark with its parameters, e.g. {@code com.acme.PricingBench.quote[size=100]}. */
        String key() {
            return benchmark + paramsText() + ":" + mode;
        }

        /** {@code [size=100,kind=a]}, or empty without parameters. */
        String paramsText() {
            if (params.isEmpty()) {
                return "";
            }
            StringJoiner joined = new StringJoiner(",", "[", "]");
            params.forEach((k, v) -> joined.add(k + "=" + v));
            return joined.toString();
        }

        /** Whether a higher score is better: only throughput. */
        boolean higherIsBetter() {
            return "thrpt".equals(mode);
        }

        /** The mean of each fork's iterations. */
        double[] forkMeans() {
            return forks.stream().filter(f -> f.length > 0).mapToDouble(JmhResultFile::mean).toArray();
        }

        /** Every iteration score of every fork. */
        double[] iterations() {
            return forks.stream().flatMapToDouble(Arrays::stream).toArray();
        }
    }

    private JmhResultFile() {
    }

    /** The mean, summed as {@code x / n} so that scores near {@link Double#MAX_VALUE} do not overflow. */
    static double mean(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        return mean;
    }

    /**
     * Reads every entry of {@code file}.
     *
     * @throws InvalidInputException naming the file (and the line where Jackson knows it) when the file is
     *     missing, not JSON, or not JMH's result format
     */
    static List<Entry> read(Path file) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE,
                    Files.exists(file) ? "not a regular file" : "no such file", REMEDY);
        }
        JsonNode root;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InvalidInputException(source, InvalidInputException.NO_LINE, "the file has " + size
                        + " bytes, more than the " + MAX_FILE_BYTES + " a JMH result file may have", REMEDY);
            }
            // From bytes, so Jackson detects the encoding and reports binary data as malformed JSON.
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? InvalidInputException.NO_LINE : Math.max(InvalidInputException.NO_LINE, e.getLocation().getLineNr());
            throw new InvalidInputException(source, line, "malformed JSON (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")", REMEDY, e);
        } catch (IOException e) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "cannot read the file (" + e.getMessage() + ")",
                    "Check that the path exists and is readable", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "the file is empty", REMEDY);
        }
        if (!root.isArray()) {
            throw new InvalidInputException(source, 1, "expected a JSON array of benchmark results, found " + root.getNodeType().name().toLowerCase(Locale.ROOT), REMEDY);
        }
        List<Entry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root) {
            index++;
            entries.add(entry(node, source, index));
        }
        return entries;
    }

    private static Entry entry(JsonNode node, String source, int index) {
        String where = "result #" + index;
        String benchmark = text(node, "benchmark", source, where);
        where = where + " (" + benchmark + ")";
        String mode = text(node, "mode", source, where);
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode paramsNode = node.path("params");
        for (Iterator<Map.Entry<String, JsonNode>> it = paramsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> param = it.next();
            params.put(param.getKey(), param.getValue().asText());
        }
        JsonNode primary = node.path("primaryMetric");
        if (!primary.isObject()) {
            throw problem(source, where + " has no primaryMetric object");
        }
        double score = number(primary, "score", source, where);
        if (!(score > 0) || !Double.isFinite(score)) {
            throw problem(source, where + ": primaryMetric.score is " + primary.path("score") + "; " + POSITIVE);
        }
        JsonNode errorNode = primary.path("scoreError");
        double error = errorNode.isNumber() ? errorNode.asDouble() : Double.NaN; // JMH writes "NaN" as a string
        String unit = text(primary, "scoreUnit", source, where + ".primaryMetric");
        List<double[]> forks = new ArrayList<>();
        if (primary.path("rawData").isArray()) {
            for (JsonNode fork : primary.path("rawData")) {
                forks.add(values(fork, source, where));
            }
        } else if (primary.path("rawDataHistogram").isArray()) {
            for (JsonNode fork : primary.path("rawDataHistogram")) {
                forks.add(histogramMeans(fork, source, where));
            }
        }
        if (forks.stream().allMatch(f -> f.length == 0)) {
            throw problem(source, where + " has no raw data (primaryMetric.rawData) to compare");
        }
        return new Entry(benchmark, params, mode, score, error, unit, forks);
    }

    private static double[] values(JsonNode fork, String source, String where) {
        if (!fork.isArray()) {
            throw problem(source, where + ": primaryMetric.rawData must hold one array of numbers per fork");
        }
        double[] values = new double[fork.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = fork.get(i);
            if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
                throw problem(source, where + ": primaryMetric.rawData holds '" + value + "', not a finite number");
            }
            if (value.asDouble() <= 0) {
                throw problem(source, where + ": primaryMetric.rawData holds " + value + "; " + POSITIVE);
            }
            values[i] = value.asDouble();
        }
        return values;
    }

    /** Sample mode: per iteration a list of {@code [value, count]} pairs; the iteration's value is their weighted mean. */
    private static double[] histogramMeans(JsonNode fork, String source, String where) {
        double[] means = new double[fork.size()];
        for (int i = 0; i < means.length; i++) {
            double mean = 0;
            double count = 0;
            for (JsonNode pair : fork.get(i)) {
                if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isNumber()
                        || !Double.isFinite(pair.get(0).asDouble()) || !(pair.get(1).asDouble() >= 0)) {
                    throw problem(source, where + ": primaryMetric.rawDataHistogram entries must be [value, count]");
                }
                double weight = pair.get(1).asDouble();
                if (weight > 0) {
                    // a running weighted mean: no sum of value * count that could overflow
                    count += weight;
                    mean += (pair.get(0).asDouble() - mean) * (weight / count);
                }
            }
            if (count <= 0) {
                throw problem(source, where + ": an iteration of primaryMetric.rawDataHistogram has no samples");
            }
            if (!(mean > 0)) {
                throw problem(source, where + ": an iteration of primaryMetric.rawDataHistogram has mean " + mean + "; " + POSITIVE);
            }
            means[i] = mean;
        }
        return means;
    }

    private static String text(JsonNode node, String field, String source, String where) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw problem(source, where + " has no \"" + field + "\" text");
        }
        return value.asText();
    }

    private static double number(JsonNode node, String field, String source, String where) {
        JsonNode value = node.path(field);
        if (!value.isNumber()) {
            throw problem(source, where + " has no numeric primaryMetric." + field);
        }
        return value.asDouble();
    }

    private static InvalidInputException problem(String source, String problem) {
        return new InvalidInputException(Objects.requireNonNull(source), InvalidInputException.NO_LINE, problem, REMEDY);
    }
}
