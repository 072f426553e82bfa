package dev.flamegate.samples;

import java.util.Objects;

/**
 * One line of an order: a product and how many.
 *
 * @param sku      the product's key
 * @param quantity units ordered, at least 1
 */
public record OrderLine(String sku, int quantity) {
    public OrderLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + quantity + " for " + sku);
        }
    }
}
