package dev.flamegate.samples;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a quote as a printable fixed-width document: the allocation-heavy path. Like many real
 * renderers it builds cells, rows and sections as intermediate strings and lists before joining them.
 */
public final class QuoteDocumentWriter {

    private static final int[] WIDTHS = {10, 24, 6, 12, 12, 12, 12};
    private static final List<String> HEADER = List.of("SKU", "Product", "Qty", "Gross", "Discount", "Tax", "Net");

    private final RegressionSwitch regression;

    public QuoteDocumentWriter(RegressionSwitch regression) {
        this.regression = regression;
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

    private static String row(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            sb.append(i < 2 ? pad(cells.get(i), WIDTHS[i]) : padLeft(cells.get(i), WIDTHS[i]));
        }
        return sb.toString();
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
