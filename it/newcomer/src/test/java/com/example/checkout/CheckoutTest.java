package com.example.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.junit.ProfiledTest;
import java.util.ArrayList;
import java.util.List;

class CheckoutTest {

    private final Checkout checkout = new Checkout();
    private final List<Checkout.Line> cart = cart();

    @ProfiledTest
    void totalsACart() {
        assertThat(checkout.total(cart)).isPositive();
    }

    private static List<Checkout.Line> cart() {
        List<Checkout.Line> lines = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            lines.add(new Checkout.Line("SKU-" + (char) ('A' + i % 26) + "-" + i + "-STANDARD-ITEM", 199 + i, 1 + i % 15));
        }
        return lines;
    }
}
