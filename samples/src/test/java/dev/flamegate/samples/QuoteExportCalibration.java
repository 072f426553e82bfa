package dev.flamegate.samples;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Measures the checksum's share of the quote export's CPU (thread CPU time, interleaved, after warm-up) and
 * what {@code slow:N} adds, to check {@link QuoteExporter#CHECKSUM_SHARE}. Not a test: run it with
 * {@code mvn -q -pl samples dependency:build-classpath -Dmdep.outputFile=samples/target/cp.txt -Dmdep.includeScope=test}, then
 * {@code java -cp "samples/target/test-classes:samples/target/classes:$(cat samples/target/cp.txt)"
 * dev.flamegate.samples.QuoteExportCalibration}.
 */
public final class QuoteExportCalibration {

    private QuoteExportCalibration() {
    }

    public static void main(String[] args) {
        PricingEngine engine = new PricingEngine(SampleData.catalogue(OrderService.DEFAULT_CATALOGUE_SIZE),
                SampleData.pricingRules(RegressionSwitch.NONE));
        List<Quote> quotes = SampleData.orders(1, 20, 10, OrderService.DEFAULT_CATALOGUE_SIZE).stream().map(engine::quote).toList();
        int[] sizes = {0, 5, 10, 20};
        QuoteExporter[] exporters = new QuoteExporter[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            exporters[i] = new QuoteExporter(sizes[i] == 0 ? RegressionSwitch.NONE : new RegressionSwitch(RegressionSwitch.Kind.SLOW, sizes[i]));
        }
        byte[] document = exporters[0].export(quotes).getBytes(StandardCharsets.UTF_8);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpu = new long[sizes.length];
        long checksumCpu = 0;
        int warmup = 200;
        int measured = 400;
        long sink = 0;
        for (int rep = 0; rep < warmup + measured; rep++) {
            for (int i = 0; i < sizes.length; i++) {
                long start = threads.getCurrentThreadCpuTime();
                sink += exporters[i].export(quotes).length();
                if (rep >= warmup) {
                    cpu[i] += threads.getCurrentThreadCpuTime() - start;
                }
            }
            long start = threads.getCurrentThreadCpuTime();
            sink += exporters[0].checksum(document);
            if (rep >= warmup) {
                checksumCpu += threads.getCurrentThreadCpuTime() - start;
            }
        }
        System.out.printf("checksum share of export: %.3f (sink %d)%n", (double) checksumCpu / cpu[0], sink & 1);
        for (int i = 0; i < sizes.length; i++) {
            System.out.printf("slow:%-3d %6.3f ms per export  %+6.1f %%%n", sizes[i], cpu[i] / (measured * 1e6),
                    100.0 * (cpu[i] - cpu[0]) / cpu[0]);
        }
    }
}
