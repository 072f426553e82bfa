package dev.flamegate.samples;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/** Prices orders: per line gross, stacked discounts, regional tax. The CPU-bound path. */
public final class PricingEngine {

    private final Catalogue catalogue;
    private final PricingRules rules;

    public PricingEngine(Catalogue catalogue, PricingRules rules) {
        this.catalogue = catalogue;
        this.rules = rules;
    }

    /** Prices every line of {@code order}. */
    public Quote quote(Order order) {
        List<PricedLine> priced = new ArrayList<>(order.lines().size());
        BigDecimal total = BigDecimal.ZERO;
        for (OrderLine line : order.lines()) {
            PricedLine p = priceLine(order, line);
            priced.add(p);
            total = total.add(p.net());
        }
        return new Quote(order, priced, total);
    }

    private PricedLine priceLine(Order order, OrderLine line) {
        Product product = catalogue.product(line.sku());
        BigDecimal gross = product.unitPrice().multiply(BigDecimal.valueOf(line.quantity()), MathContext.DECIMAL64);
        PricingRules.Discount discount = rules.applyDiscounts(product, line.quantity(), order.tier(), gross);
        BigDecimal taxable = gross.subtract(discount.amount());
        BigDecimal tax = rules.applyTax(order.region(), taxable);
        BigDecimal net = taxable.add(tax).setScale(2, java.math.RoundingMode.HALF_EVEN);
        return new PricedLine(line, product, gross.setScale(2, java.math.RoundingMode.HALF_EVEN),
                discount.amount(), tax, net, discount.applied());
    }
}
