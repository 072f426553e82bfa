package dev.flamegate.samples;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Discount and tax rules: the CPU-bound part of pricing (rule matching and {@code BigDecimal} arithmetic).
 *
 * <p>Discounts stack: each matching rule takes its percentage off what is still payable, in table order,
 * and the total discount is capped at {@link #MAX_DISCOUNT_PERCENT} of the gross amount.
 */
public final class PricingRules {

    /** No line is discounted by more than this percentage of its gross amount. */
    public static final BigDecimal MAX_DISCOUNT_PERCENT = new BigDecimal("40");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final MathContext MC = MathContext.DECIMAL64;

    /**
     * Measured ratio of the pricing path's CPU time per line to the time of one unconditional
     * multiply-and-divide over the whole discount table: the injected CPU regression does this many
     * table passes per {@code percent} / 100 per line, so that {@code cpu:10} costs about 10 % of the path.
     * Measured on JDK 17 with thread CPU time over 50 orders × 40 lines, 80 repetitions after 20 of
     * warm-up: cpu:5 → +4.3 %, cpu:10 → +9.5…10.4 %, cpu:20 → +21 %, cpu:50 → +50 %.
     */
    static final double PATH_TO_RULE_PASS_RATIO = 0.26;

    private final List<DiscountRule> discountRules;
    private final Map<String, BigDecimal> taxRates;
    private final RegressionSwitch regression;
    private long recheckCalls;

    /**
     * @param discountRules discount rules in the order they apply
     * @param taxRates      tax rate in percent by region
     * @param regression    the injected regression ({@link RegressionSwitch#current()} in the service)
     */
    public PricingRules(List<DiscountRule> discountRules, Map<String, BigDecimal> taxRates,
                        RegressionSwitch regression) {
        this.discountRules = List.copyOf(discountRules);
        this.taxRates = Map.copyOf(taxRates);
        this.regression = regression;
    }

    /** The result of {@link #applyDiscounts}: the discount amount and the rules that gave it. */
    public record Discount(BigDecimal amount, List<String> applied) {
        public Discount {
            applied = List.copyOf(applied);
        }
    }

    /**
     * Evaluates every discount rule against one line and returns the stacked, capped discount.
     *
     * @param gross the line's gross amount (unit price × quantity)
     */
    public Discount applyDiscounts(Product product, int quantity, CustomerTier tier, BigDecimal gross) {
        BigDecimal remaining = gross;
        List<String> applied = new ArrayList<>(4);
        for (DiscountRule rule : discountRules) {
            BigDecimal off = evaluate(rule, product, quantity, tier, remaining);
            if (off.signum() > 0) {
                remaining = remaining.subtract(off, MC);
                applied.add(rule.name());
            }
        }
        if (regression.is(RegressionSwitch.Kind.CPU)) {
            // The injected regression: a redundant re-check of the rules (as if validating each discount
            // against the whole table again), sized to cost `percent` % of the pricing path.
            remaining = remaining.add(recheckRules(gross), MC);
        }
        BigDecimal discount = gross.subtract(remaining, MC);
        BigDecimal cap = gross.multiply(MAX_DISCOUNT_PERCENT, MC).divide(HUNDRED, MC);
        if (discount.compareTo(cap) > 0) {
            discount = cap;
        }
        return new Discount(discount.setScale(2, RoundingMode.HALF_EVEN), applied);
    }

    /**
     * Returns zero, after working out every rule's would-be discount again (uniform {@code BigDecimal}
     * work per rule, matching or not) for about {@code percent} % of the path's cost.
     */
    private BigDecimal recheckRules(BigDecimal gross) {
        // Spreads a fractional number of evaluations per call evenly over calls: call n does
        // floor((n + 1) x) - floor(n x). The counter is racy under concurrency, which only blurs the spread.
        double perCall = discountRules.size() * PATH_TO_RULE_PASS_RATIO * regression.percent() / 100.0;
        long n = recheckCalls++;
        int evaluations = (int) (Math.floor((n + 1) * perCall) - Math.floor(n * perCall));
        BigDecimal sink = BigDecimal.ZERO;
        for (int i = 0; i < evaluations; i++) {
            DiscountRule rule = discountRules.get(i % discountRules.size());
            sink = sink.add(gross.multiply(rule.percentOff(), MC).divide(HUNDRED, MC), MC);
        }
        // Keeps the JIT from removing the loop; the value never changes the price.
        return sink.signum() < 0 ? sink : BigDecimal.ZERO;
    }

    private static BigDecimal evaluate(DiscountRule rule, Product product, int quantity, CustomerTier tier,
                                       BigDecimal remaining) {
        if (!rule.matches(product, quantity, tier)) {
            return BigDecimal.ZERO;
        }
        return remaining.multiply(rule.percentOff(), MC).divide(HUNDRED, MC);
    }

    /**
     * The tax on {@code amount} in {@code region}, rounded to cents.
     *
     * @throws IllegalArgumentException if the region has no tax rate
     */
    public BigDecimal applyTax(String region, BigDecimal amount) {
        BigDecimal rate = taxRates.get(region);
        if (rate == null) {
            throw new IllegalArgumentException("no tax rate for region '" + region + "'; known regions: "
                    + new java.util.TreeSet<>(taxRates.keySet()));
        }
        return amount.multiply(rate, MC).divide(HUNDRED, MC).setScale(2, RoundingMode.HALF_EVEN);
    }
}
