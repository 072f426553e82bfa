package dev.flamegate.samples;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Measures how much CPU the injected {@code cpu:N} regression adds to the pricing path (thread CPU time,
 * interleaved, after warm-up), to check {@link PricingRules#PATH_TO_RULE_PASS_RATIO}. Not a test: run it
 * with {@code java -cp samples/target/classes:samples/target/test-classes dev.flamegate.samples.CpuRegressionCalibration}.
 */
public final class CpuRegressionCalibration {

    private CpuRegressionCalibration() {
    }

    public static void main(String[] args) {
        Catalogue catalogue = SampleData.catalogue(OrderService.DEFAULT_CATALOGUE_SIZE);
        List<Order> orders = SampleData.orders(1, 50, 40, OrderService.DEFAULT_CATALOGUE_SIZE);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int[] sizes = {0, 5, 10, 20, 50};
        PricingEngine[] engines = new PricingEngine[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            RegressionSwitch s = sizes[i] == 0 ? RegressionSwitch.NONE : new RegressionSwitch(RegressionSwitch.Kind.CPU, sizes[i]);
            engines[i] = new PricingEngine(catalogue, SampleData.pricingRules(s));
        }
        long[] cpu = new long[sizes.length];
        int warmup = 20;
        int measured = 80;
        for (int rep = 0; rep < warmup + measured; rep++) {
            for (int i = 0; i < sizes.length; i++) {
                long start = threads.getCurrentThreadCpuTime();
                for (Order o : orders) {
                    engines[i].quote(o);
                }
                if (rep >= warmup) {
                    cpu[i] += threads.getCurrentThreadCpuTime() - start;
                }
            }
        }
        for (int i = 0; i < sizes.length; i++) {
            System.out.printf("cpu:%-3d %6.2f ms per 50 orders  %+6.1f %%%n", sizes[i], cpu[i] / (measured * 1e6),
                    100.0 * (cpu[i] - cpu[0]) / cpu[0]);
        }
    }
}
