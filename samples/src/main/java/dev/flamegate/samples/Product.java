package dev.flamegate.samples;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A product in the catalogue.
 *
 * @param sku       stock-keeping unit, the key
 * @param name      display name
 * @param category  pricing category (discount rules match on it)
 * @param unitPrice list price per unit, in the shop currency
 */
public record Product(String sku, String name, String category, BigDecimal unitPrice) {
    public Product {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(unitPrice, "unitPrice");
    }
}
