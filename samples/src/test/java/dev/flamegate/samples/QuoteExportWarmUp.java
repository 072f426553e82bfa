package dev.flamegate.samples;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Shows how long the quote export takes to reach steady state on this machine: 200 ms rounds, each with its
 * time per export, the JIT's compilation time and the classes loaded during the round. Not a test: run it with
 * {@code java -cp "$(cat samples/target/classpath.txt):samples/target/classes:samples/target/test-classes"
 * dev.flamegate.samples.QuoteExportWarmUp [rounds]} after
 * {@code mvn -q -pl samples dependency:build-classpath -Dmdep.outputFile=target/classpath.txt}.
 */
public final class QuoteExportWarmUp {

    private QuoteExportWarmUp() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        PricingEngine engine = new PricingEngine(SampleData.catalogue(OrderService.DEFAULT_CATALOGUE_SIZE),
                SampleData.pricingRules(RegressionSwitch.NONE));
        List<Quote> quotes = SampleData.orders(1, 20, 10, OrderService.DEFAULT_CATALOGUE_SIZE).stream().map(engine::quote).toList();
        QuoteExporter exporter = new QuoteExporter(RegressionSwitch.NONE);
        CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        long compiled = compilation.getTotalCompilationTime();
        long loaded = classes.getTotalLoadedClassCount();
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            int exports = 0;
            while (System.nanoTime() - start < 200_000_000L) {
                sink += exporter.export(quotes).length();
                exports++;
            }
            long elapsed = System.nanoTime() - start;
            long nowCompiled = compilation.getTotalCompilationTime();
            long nowLoaded = classes.getTotalLoadedClassCount();
            System.out.printf("round %2d  %7.3f ms per export  JIT %4d ms  classes loaded %4d%n", r + 1,
                    elapsed / 1e6 / exports, nowCompiled - compiled, nowLoaded - loaded);
            compiled = nowCompiled;
            loaded = nowLoaded;
        }
        System.out.println("(" + (sink & 1) + ")");
    }
}
