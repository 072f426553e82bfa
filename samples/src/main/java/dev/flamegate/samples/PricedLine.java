package dev.flamegate.samples;

import java.math.BigDecimal;
import java.util.List;

/**
 * An order line with its price worked out.
 *
 * @param line      the order line
 * @param product   the product it refers to
 * @param gross     unit price × quantity
 * @param discount  total discount (non-negative)
 * @param tax       tax on the discounted amount
 * @param net       gross − discount + tax
 * @param applied   names of the discount rules that applied, in order
 */
public record PricedLine(OrderLine line, Product product, BigDecimal gross, BigDecimal discount, BigDecimal tax,
                         BigDecimal net, List<String> applied) {
    public PricedLine {
        applied = List.copyOf(applied);
    }
}
