package dev.flamegate.samples;

import java.math.BigDecimal;
import java.util.List;

/**
 * A priced order.
 *
 * @param order  the order
 * @param lines  priced lines, in the order's line order
 * @param total  sum of the lines' net amounts
 */
public record Quote(Order order, List<PricedLine> lines, BigDecimal total) {
    public Quote {
        lines = List.copyOf(lines);
    }
}
