package dev.flamegate.samples;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One discount rule: when a line's product category, the customer's tier and the quantity match, take a
 * percentage off the amount still payable.
 *
 * @param name        shown on the quote when the rule applies
 * @param category    the product category it matches, or {@code "*"} for every category
 * @param minimumTier the lowest customer tier it applies to
 * @param minQuantity the smallest quantity it applies to
 * @param percentOff  percentage taken off the remaining amount, e.g. {@code 2.5}
 */
public record DiscountRule(String name, String category, CustomerTier minimumTier, int minQuantity,
                           BigDecimal percentOff) {

    public DiscountRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(minimumTier, "minimumTier");
        Objects.requireNonNull(percentOff, "percentOff");
    }

    /** Whether this rule applies to a line of {@code product} with {@code quantity} for a {@code tier} customer. */
    public boolean matches(Product product, int quantity, CustomerTier tier) {
        return quantity >= minQuantity
                && tier.compareTo(minimumTier) >= 0
                && (category.equals("*") || category.equals(product.category()));
    }
}
