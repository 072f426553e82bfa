package dev.flamegate.profile;

/** What one unit of a stack's weight means. */
public enum WeightUnit {
    /** Number of samples taken in the stack. */
    SAMPLES("samples"),
    /** Bytes allocated in the stack. */
    BYTES("bytes"),
    /** Nanoseconds spent (for example blocked on a lock) in the stack. */
    NANOSECONDS("ns");

    private final String symbol;

    WeightUnit(String symbol) {
        this.symbol = symbol;
    }

    /** Short symbol for tables and files. */
    public String symbol() {
        return symbol;
    }

    /** Parses {@link #symbol()} or the constant name, case-insensitively. */
    public static WeightUnit parse(String text) {
        for (WeightUnit unit : values()) {
            if (unit.symbol.equalsIgnoreCase(text) || unit.name().equalsIgnoreCase(text)) {
                return unit;
            }
        }
        throw new IllegalArgumentException("Unknown weight unit '" + text + "': expected samples, bytes or ns");
    }

    @Override
    public String toString() {
        return symbol;
    }
}
