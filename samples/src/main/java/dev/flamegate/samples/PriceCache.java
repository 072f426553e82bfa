package dev.flamegate.samples;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A shared cache of tier prices used by many threads at once: the lock-contended path.
 *
 * <p>Entries are lock-striped by SKU; an entry is recomputed after {@link #REFRESH_EVERY} uses (a stand-in
 * for expiry), outside the stripe lock. The injected {@code lock} regression replaces the stripes by one
 * cache-wide lock held while recomputing, as a careless "fix" of a race would.
 */
public final class PriceCache {

    /** Uses of an entry after which it is recomputed. */
    public static final int REFRESH_EVERY = 16;
    private static final int STRIPES = 16;

    private final PricingRules rules;
    private final RegressionSwitch regression;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Map<String, Entry>[] maps;
    private final ReentrantLock wideLock = new ReentrantLock();
    private final LongAdder recomputations = new LongAdder();

    private static final class Entry {
        final BigDecimal price;
        int uses;

        Entry(BigDecimal price) {
            this.price = price;
        }
    }

    @SuppressWarnings("unchecked")
    public PriceCache(PricingRules rules, RegressionSwitch regression) {
        this.rules = rules;
        this.regression = regression;
        this.maps = new Map[STRIPES];
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
            maps[i] = new HashMap<>();
        }
    }

    /** The discounted unit price of {@code product} for a {@code tier} customer buying {@code quantity}. */
    public BigDecimal priceOf(Product product, CustomerTier tier, int quantity) {
        String key = product.sku() + '|' + tier + '|' + Math.min(quantity, 100);
        if (regression.is(RegressionSwitch.Kind.LOCK)) {
            wideLock.lock();
            try {
                Entry e = lookup(maps[0], key);
                if (e == null) {
                    e = new Entry(compute(product, tier, quantity));
                    maps[0].put(key, e);
                }
                return e.price;
            } finally {
                wideLock.unlock();
            }
        }
        int stripe = Math.floorMod(key.hashCode(), STRIPES);
        ReentrantLock lock = stripes[stripe];
        lock.lock();
        try {
            Entry e = lookup(maps[stripe], key);
            if (e != null) {
                return e.price;
            }
        } finally {
            lock.unlock();
        }
        Entry fresh = new Entry(compute(product, tier, quantity));
        lock.lock();
        try {
            maps[stripe].put(key, fresh);
        } finally {
            lock.unlock();
        }
        return fresh.price;
    }

    /** The entry for {@code key} unless absent or due for refresh (then it is removed). Lock held. */
    private static Entry lookup(Map<String, Entry> map, String key) {
        Entry e = map.get(key);
        if (e == null) {
            return null;
        }
        if (++e.uses >= REFRESH_EVERY) {
            map.remove(key);
            return null;
        }
        return e;
    }

    private BigDecimal compute(Product product, CustomerTier tier, int quantity) {
        recomputations.increment();
        int q = Math.min(quantity, 100);
        BigDecimal gross = product.unitPrice().multiply(BigDecimal.valueOf(q), MathContext.DECIMAL64);
        BigDecimal discount = rules.applyDiscounts(product, q, tier, gross).amount();
        return gross.subtract(discount).divide(BigDecimal.valueOf(q), MathContext.DECIMAL64)
                .setScale(2, java.math.RoundingMode.HALF_EVEN);
    }

    /** How many times a price was computed (misses and refreshes). */
    public long recomputations() {
        return recomputations.sum();
    }
}
