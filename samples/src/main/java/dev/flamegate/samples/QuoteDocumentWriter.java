package dev.flamegate.samples;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a quote as a printable fixed-width document: the allocation-heavy path. Like many real
 * renderers it builds cells, rows and sections as intermediate strings and lists before joining them.
 * {@code slow:N} makes the existing {@link #row} check its column widths again, enough to add about N % to the
 * rendering's CPU: no new frame, no allocation, only time.
 */
public final class QuoteDocumentWriter {

    private static final int[] WIDTHS = {10, 24, 6, 12, 12, 12, 12};
    private static final List<String> HEADER = List.of("SKU", "Product", "Qty", "Gross", "Discount", "Tax", "Net");

    /**
     * Width-check rounds per row that add about 1 % to rendering {@code PricingBenchmark}'s documents, measured with
     * {@code QuoteDocumentCalibration} (thread CPU time after warm-up; JDK 17: slow:10 adds 9.5…11.3 %).
     */
    static final double CHECK_ROUNDS_PER_PERCENT = 0.8;

    private final RegressionSwitch regression;
    private final int checkRounds;
    private int widthCheck;

    public QuoteDocumentWriter(RegressionSwitch regression) {
        this.regression = regression;
        this.checkRounds = regression.is(RegressionSwitch.Kind.SLOW)
                ? (int) Math.round(regression.percent() * CHECK_ROUNDS_PER_PERCENT) : 0;
    }

    /** The document for {@code quote}: header, one row per line with its applied rules, totals. */
    public String render(Quote quote) {
        List<String> rows = new ArrayList<>();
        rows.add("QUOTE for order " + quote.order().id() + " (customer " + quote.order().customerId()
                + ", " + quote.order().tier() + ", region " + quote.order().region() + ")");
        rows.add(row(HEADER));
        rows.add("-".repeat(totalWidth()));
        for (PricedLine line : quote.lines()) {
            rows.add(row(cells(line)));
            if (!line.applied().isEmpty()) {
                rows.add(pad("", WIDTHS[0]) + "  applied: " + String.join(", ", line.applied()));
            }
        }
        rows.add("-".repeat(totalWidth()));
        rows.add(pad("TOTAL", totalWidth() - WIDTHS[6]) + padLeft(money(quote.total()), WIDTHS[6]));
        String document = String.join("\n", rows) + "\n";
        if (regression.is(RegressionSwitch.Kind.ALLOC)) {
            // The injected regression: a needless round trip through bytes, two extra copies per call.
            document = new String(document.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }
        return document;
    }

    private static List<String> cells(PricedLine line) {
        List<String> cells = new ArrayList<>(WIDTHS.length);
        cells.add(line.product().sku());
        cells.add(line.product().name());
        cells.add(Integer.toString(line.line().quantity()));
        cells.add(money(line.gross()));
        cells.add(money(line.discount().negate()));
        cells.add(money(line.tax()));
        cells.add(money(line.net()));
        return cells;
    }

    private String row(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i < 2 ? pad(cells.get(i), WIDTHS[i]) : padLeft(cells.get(i), WIDTHS[i]));
        }
        // slow:N, the injected time-only regression: the column widths checked again, integer work in this frame
        int check = 0;
        for (int round = 0; round < checkRounds; round++) {
            for (int width : WIDTHS) {
                check = check * 31 + width + round;
            }
        }
        widthCheck += check; // kept, so that the JIT cannot drop the loop
        return sb.toString();
    }

    /** The sum of {@code slow:N}'s width checks so far (0 without it): what keeps them from being optimised away. */
    int widthCheck() {
        return widthCheck;
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String pad(String s, int width) {
        String cut = s.length() > width - 1 ? s.substring(0, width - 1) : s;
        return cut + " ".repeat(width - cut.length());
    }

    private static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private static int totalWidth() {
        int sum = 0;
        for (int w : WIDTHS) {
            sum += w;
        }
        return sum;
    }
}
