package dev.flamegate.samples;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic sample data: a catalogue, a discount table, tax rates and orders generated from a seed,
 * so that every run (and every baseline) prices the same work.
 */
public final class SampleData {

    /** Product categories; discount rules are written per category. */
    public static final List<String> CATEGORIES = List.of("books", "music", "garden", "kitchen", "toys", "tools",
            "sports", "office", "beauty", "grocery", "baby", "pets");

    /** Delivery regions and their tax rates in percent. */
    public static final Map<String, BigDecimal> TAX_RATES = Map.of(
            "DE", new BigDecimal("19"), "FR", new BigDecimal("20"), "NL", new BigDecimal("21"),
            "IT", new BigDecimal("22"), "ES", new BigDecimal("21"), "AT", new BigDecimal("20"),
            "CH", new BigDecimal("8.1"), "UK", new BigDecimal("20"));

    private static final List<String> REGIONS = List.copyOf(new java.util.TreeSet<>(TAX_RATES.keySet()));

    private SampleData() {
    }

    /** {@code count} products, spread over {@link #CATEGORIES}, with prices between 1.99 and 500. */
    public static Catalogue catalogue(int count) {
        SplittableRandom random = new SplittableRandom(42);
        List<Product> products = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String category = CATEGORIES.get(i % CATEGORIES.size());
            long cents = 199 + random.nextLong(49_800);
            products.add(new Product(sku(i), category + " item " + i, category, BigDecimal.valueOf(cents, 2)));
        }
        return Catalogue.of(products);
    }

    /** The SKU of product number {@code i}. */
    public static String sku(int i) {
        return String.format("SKU-%05d", i);
    }

    /**
     * The discount table: per category a tier rule and two volume rules, plus store-wide rules. 4 rules
     * per category and 6 store-wide ones: 54 rules for 12 categories.
     */
    public static List<DiscountRule> discountRules() {
        List<DiscountRule> rules = new ArrayList<>();
        for (String c : CATEGORIES) {
            rules.add(new DiscountRule(c + " silver", c, CustomerTier.SILVER, 1, new BigDecimal("2.5")));
            rules.add(new DiscountRule(c + " gold", c, CustomerTier.GOLD, 1, new BigDecimal("5")));
            rules.add(new DiscountRule(c + " volume 10", c, CustomerTier.STANDARD, 10, new BigDecimal("3")));
            rules.add(new DiscountRule(c + " volume 50", c, CustomerTier.STANDARD, 50, new BigDecimal("7.5")));
        }
        rules.add(new DiscountRule("store-wide 2+", "*", CustomerTier.STANDARD, 2, new BigDecimal("1")));
        rules.add(new DiscountRule("store-wide 5+", "*", CustomerTier.STANDARD, 5, new BigDecimal("1.5")));
        rules.add(new DiscountRule("store-wide 20+", "*", CustomerTier.STANDARD, 20, new BigDecimal("2")));
        rules.add(new DiscountRule("loyalty silver", "*", CustomerTier.SILVER, 1, new BigDecimal("0.5")));
        rules.add(new DiscountRule("loyalty gold", "*", CustomerTier.GOLD, 1, new BigDecimal("1")));
        rules.add(new DiscountRule("bulk 100+", "*", CustomerTier.STANDARD, 100, new BigDecimal("10")));
        return rules;
    }

    /** Pricing rules over {@link #discountRules()} and {@link #TAX_RATES}. */
    public static PricingRules pricingRules(RegressionSwitch regression) {
        return new PricingRules(discountRules(), TAX_RATES, regression);
    }

    /**
     * {@code count} orders of {@code linesPerOrder} lines each over a catalogue of {@code catalogueSize}
     * products, numbered from {@code firstId}; the same arguments give the same orders.
     */
    public static List<Order> orders(long firstId, int count, int linesPerOrder, int catalogueSize) {
        SplittableRandom random = new SplittableRandom(7 + firstId);
        CustomerTier[] tiers = CustomerTier.values();
        List<Order> orders = new ArrayList<>(count);
        for (int o = 0; o < count; o++) {
            List<OrderLine> lines = new ArrayList<>(linesPerOrder);
            for (int l = 0; l < linesPerOrder; l++) {
                // Mostly small quantities, some volume and bulk lines, as real baskets have.
                int roll = random.nextInt(100);
                int quantity = roll < 70 ? 1 + random.nextInt(9) : roll < 95 ? 10 + random.nextInt(60) : 100 + random.nextInt(200);
                lines.add(new OrderLine(sku(random.nextInt(catalogueSize)), quantity));
            }
            orders.add(new Order(firstId + o, "C" + (1000 + random.nextInt(9000)), tiers[random.nextInt(tiers.length)],
                    REGIONS.get(random.nextInt(REGIONS.size())), lines));
        }
        return orders;
    }
}
