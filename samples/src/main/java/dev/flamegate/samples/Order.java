package dev.flamegate.samples;

import java.util.List;
import java.util.Objects;

/**
 * A customer order.
 *
 * @param id         order number
 * @param customerId who ordered
 * @param tier       the customer's loyalty tier (discount rules match on it)
 * @param region     delivery region (selects the tax rate)
 * @param lines      the lines, in order; an unmodifiable copy
 */
public record Order(long id, String customerId, CustomerTier tier, String region, List<OrderLine> lines) {
    public Order {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(region, "region");
        lines = List.copyOf(lines);
    }
}
