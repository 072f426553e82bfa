package com.example.checkout;

import java.util.List;

/** Totals a cart: unit prices times quantities, a volume discount per line, tax on the rest. */
public final class Checkout {

    /** One cart line. */
    public record Line(String sku, long unitCents, int quantity) {
    }

    private final boolean slow = Boolean.getBoolean("checkout.slow");

    /** The cart's total in cents, tax included. */
    public long total(List<Line> cart) {
        long total = 0;
        for (Line line : cart) {
            long gross = line.unitCents() * line.quantity();
            long discount = line.quantity() >= 10 ? gross / 20 : 0;
            long net = gross - discount + tax(gross - discount, line.sku());
            if (slow) {
                net = stretch(net, line.sku());
            }
            total += net;
        }
        return total;
    }

    /** Tax by the SKU's category, the first letter, looked up the slow way on purpose: a CPU-bound path. */
    private static long tax(long cents, String sku) {
        int rate = 0;
        for (int i = 0; i < sku.length(); i++) {
            rate = (rate * 31 + sku.charAt(i)) % 997;
        }
        return cents * (5 + rate % 15) / 100;
    }

    /** The injected regression: every line's SKU re-validated with a regular expression compiled per call. */
    private static long stretch(long cents, String sku) {
        return java.util.regex.Pattern.compile("[A-Z]+-[A-Z]-[0-9]+-[A-Z-]+").matcher(sku).matches() ? cents : -cents;
    }
}
