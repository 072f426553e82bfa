package dev.flamegate.samples;

import java.util.Locale;

/**
 * Which regression, if any, the sample service injects on purpose: read once from
 * {@code -Dsamples.regression=cpu|cpu:N|slow:N|alloc|lock|nplus1}.
 *
 * <p>{@code cpu:N} makes the CPU path (pricing) do about N % more work inside
 * {@link PricingRules#applyDiscounts}; plain {@code cpu} means {@code cpu:20}. {@code slow:N} makes
 * existing methods slower, {@link QuoteExporter#checksum} by enough to add about N % to the quote export's CPU
 * and {@code QuoteDocumentWriter.row} by about N % of rendering's: no new frame, no allocation, only time. The other kinds have no size.
 *
 * @param kind    the injected regression
 * @param percent for {@link Kind#CPU} and {@link Kind#SLOW}, the size in percent; 0 otherwise
 */
public record RegressionSwitch(Kind kind, int percent) {

    /** The system property that selects the regression. */
    public static final String PROPERTY = "samples.regression";

    /** The CPU regression size when {@code cpu} is given without one. */
    public static final int DEFAULT_CPU_PERCENT = 20;

    /** The regressions the samples can inject. */
    public enum Kind {
        /** The service as it should be. */
        NONE,
        /** A slower algorithm in {@link PricingRules#applyDiscounts}. */
        CPU,
        /** More work in existing methods: {@link QuoteExporter#checksum}, {@code QuoteDocumentWriter.row}. */
        SLOW,
        /** An extra copy of the rendered document per call in {@link QuoteDocumentWriter#render}. */
        ALLOC,
        /** One wide lock around price computation in {@link PriceCache#priceOf}. */
        LOCK,
        /** A query per order line instead of one join in {@link OrderRepository#findOrder}. */
        NPLUS1;

        /** Whether the kind takes a size ({@code cpu:N}, {@code slow:N}). */
        public boolean sized() {
            return this == CPU || this == SLOW;
        }
    }

    /** No regression. */
    public static final RegressionSwitch NONE = new RegressionSwitch(Kind.NONE, 0);

    // After NONE: parse() may return it.
    private static final RegressionSwitch CURRENT = parse(System.getProperty(PROPERTY));

    public RegressionSwitch {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (kind.sized() ? percent < 1 || percent > 1000 : percent != 0) {
            throw new IllegalArgumentException("percent " + percent + " is not valid for " + kind);
        }
    }

    /** The switch this JVM was started with (read once). */
    public static RegressionSwitch current() {
        return CURRENT;
    }

    /**
     * Parses a switch value: blank or {@code none} means no regression.
     *
     * @throws IllegalArgumentException naming the property and the accepted values
     */
    public static RegressionSwitch parse(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("none")) {
            return NONE;
        }
        String[] parts = value.trim().toLowerCase(Locale.ROOT).split(":", 2);
        Kind kind;
        try {
            kind = Kind.valueOf(parts[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(value);
        }
        if (kind == Kind.NONE) {
            throw invalid(value);
        }
        if (parts.length == 1) {
            return new RegressionSwitch(kind, kind.sized() ? DEFAULT_CPU_PERCENT : 0);
        }
        if (!kind.sized()) {
            throw invalid(value);
        }
        try {
            return new RegressionSwitch(kind, Integer.parseInt(parts[1].replace("%", "")));
        } catch (IllegalArgumentException e) {
            throw invalid(value);
        }
    }

    private static IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException("-D" + PROPERTY + "=" + value
                + " is not a known regression: use cpu, cpu:N or slow:N (N = 1..1000 percent, e.g. cpu:10), alloc, lock or nplus1");
    }

    /** Whether this switch injects {@code k}. */
    public boolean is(Kind k) {
        return kind == k;
    }

    @Override
    public String toString() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return kind.sized() ? name + ":" + percent : name;
    }
}
