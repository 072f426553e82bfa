package dev.flamegate.capture;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the short duration and size notations of configuration values ({@code 10ms}, {@code 512k}). */
final class Durations {

    private static final Pattern AMOUNT = Pattern.compile("(\\d+)\\s*([a-z]*)");

    private Durations() {
    }

    /** {@code 250us}, {@code 1ms}, {@code 2s}, or bare nanoseconds. */
    static Duration parse(String key, String text) {
        Matcher m = AMOUNT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "", "ns": return Duration.ofNanos(n);
                case "us": return Duration.ofNanos(n * 1_000);
                case "ms": return Duration.ofMillis(n);
                case "s": return Duration.ofSeconds(n);
                default: break;
            }
        }
        throw new IllegalArgumentException(key + "=" + text + " is not a duration: expected e.g. 500us, 1ms, 2s");
    }

    /** {@code 512k}, {@code 1m}, or bare bytes. */
    static long parseBytes(String key, String text) {
        Matcher m = AMOUNT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "", "b": return n;
                case "k", "kb": return n * 1024;
                case "m", "mb": return n * 1024 * 1024;
                default: break;
            }
        }
        throw new IllegalArgumentException(key + "=" + text + " is not a size: expected e.g. 512k, 1m, 4096");
    }
}
