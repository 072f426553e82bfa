package dev.flamegate.jmh;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Stable ids of JMH benchmarks: {@code com.acme.PricingBench.quote[size=100]}, one per {@code @Param}
 * combination, and the safe directory names derived from them.
 */
final class BenchmarkKeys {

    private static final int MAX_NAME = 120;

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

    /**
     * A file name for {@code id}: characters outside {@code [A-Za-z0-9._=,+-]} become {@code _}, brackets
     * and the mode colon are kept readable; names that had to change or are long get a hash suffix so
     * that distinct ids never share a directory.
     */
    static String fileName(String id) {
        StringBuilder name = new StringBuilder(id.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == '=' || c == ',' || c == '+' || c == '[' || c == ']';
            name.append(safe ? c : c == ':' ? '@' : '_');
        }
        String safe = name.toString();
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        boolean changed = !safe.equals(id.replace(':', '@'));
        if (safe.length() > MAX_NAME || changed) {
            String hash = Integer.toHexString(fnv(id));
            safe = safe.substring(0, Math.min(safe.length(), MAX_NAME)) + "-" + hash;
        }
        return safe;
    }

    private static int fnv(String text) {
        int hash = 0x811c9dc5;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return hash;
    }
}
