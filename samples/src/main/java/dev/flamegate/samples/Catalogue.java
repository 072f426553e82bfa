package dev.flamegate.samples;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The products the service sells, by SKU. Immutable. */
public final class Catalogue {

    private final Map<String, Product> bySku;

    private Catalogue(Map<String, Product> bySku) {
        this.bySku = bySku;
    }

    /** A catalogue of {@code products}; SKUs must be unique. */
    public static Catalogue of(Collection<Product> products) {
        Map<String, Product> bySku = new LinkedHashMap<>();
        for (Product p : products) {
            if (bySku.put(p.sku(), p) != null) {
                throw new IllegalArgumentException("duplicate SKU " + p.sku());
            }
        }
        return new Catalogue(java.util.Collections.unmodifiableMap(bySku));
    }

    /**
     * The product with {@code sku}.
     *
     * @throws IllegalArgumentException if there is none
     */
    public Product product(String sku) {
        Product p = bySku.get(sku);
        if (p == null) {
            throw new IllegalArgumentException("unknown SKU " + sku);
        }
        return p;
    }

    /** All products, in insertion order. */
    public Collection<Product> products() {
        return bySku.values();
    }
}
