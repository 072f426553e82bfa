package dev.flamegate.jmh;

import java.util.StringJoiner;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Stable ids of JMH benchmarks: {@code com.acme.PricingBench.quote[size=100]}, one per {@code @Param}
 * combination, and the safe directory names derived from them.
 */
final class BenchmarkKeys {

    private BenchmarkKeys() {
    }

    /**
     * The id of a benchmark run: its name, then its parameters in JMH's order in brackets, and the
     * mode's short label after a colon when {@code withMode} (for benchmarks run in several modes).
     */
    static String id(BenchmarkParams params, boolean withMode) {
        StringBuilder id = new StringBuilder(params.getBenchmark());
        if (!params.getParamsKeys().isEmpty()) {
            StringJoiner joined = new StringJoiner(",", "[", "]");
            for (String key : params.getParamsKeys()) {
                joined.add(key + "=" + params.getParam(key));
            }
            id.append(joined);
        }
        if (withMode) {
            id.append(':').append(params.getMode().shortLabel());
        }
        return id.toString();
    }

    /** The id with its mode, which is what one JMH fork measures; the profiler's directory key. */
    static String forkKey(BenchmarkParams params) {
        return id(params, true);
    }
}
