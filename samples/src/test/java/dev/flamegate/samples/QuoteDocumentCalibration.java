package dev.flamegate.samples;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Measures what {@code slow:N} adds to rendering quote documents (thread CPU time, interleaved, after warm-up), to
 * check {@link QuoteDocumentWriter#CHECK_ROUNDS_PER_PERCENT}. Not a test: run it with
 * {@code mvn -q -pl samples dependency:build-classpath -Dmdep.outputFile=samples/target/cp.txt -Dmdep.includeScope=test}, then
 * {@code java -cp "samples/target/test-classes:samples/target/classes:$(cat samples/target/cp.txt)"
 * dev.flamegate.samples.QuoteDocumentCalibration}.
 */
public final class QuoteDocumentCalibration {

    private QuoteDocumentCalibration() {
    }

    public static void main(String[] args) {
        PricingEngine engine = new PricingEngine(SampleData.catalogue(OrderService.DEFAULT_CATALOGUE_SIZE),
                SampleData.pricingRules(RegressionSwitch.NONE));
        // the documents of PricingBenchmark.renderQuotes
        List<Quote> quotes = SampleData.orders(1, 10, 40, OrderService.DEFAULT_CATALOGUE_SIZE).stream().map(engine::quote).toList();
        int[] sizes = {0, 5, 10, 20};
        QuoteDocumentWriter[] writers = new QuoteDocumentWriter[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            writers[i] = new QuoteDocumentWriter(sizes[i] == 0 ? RegressionSwitch.NONE : new RegressionSwitch(RegressionSwitch.Kind.SLOW, sizes[i]));
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpu = new long[sizes.length];
        int warmup = 2_000;
        int measured = 4_000;
        long sink = 0;
        for (int rep = 0; rep < warmup + measured; rep++) {
            for (int i = 0; i < sizes.length; i++) {
                long start = threads.getCurrentThreadCpuTime();
                for (Quote quote : quotes) {
                    sink += writers[i].render(quote).length();
                }
                if (rep >= warmup) {
                    cpu[i] += threads.getCurrentThreadCpuTime() - start;
                }
            }
        }
        for (int i = 0; i < sizes.length; i++) {
            sink += writers[i].widthCheck();
            System.out.printf("slow:%-3d %6.3f ms per 10 documents  %+6.1f %%%n", sizes[i], cpu[i] / (measured * 1e6),
                    100.0 * (cpu[i] - cpu[0]) / cpu[0]);
        }
        System.out.printf("(sink %d)%n", sink & 1);
    }
}
