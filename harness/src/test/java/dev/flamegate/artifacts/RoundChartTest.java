package dev.flamegate.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class RoundChartTest {

    @Test
    void everyRoundIsAPointWarmUpAndMeasuredApartAndDisturbedRoundsMarked() throws Exception {
        List<RoundChart.Point> points = List.of(new RoundChart.Point(7e6, true, true), new RoundChart.Point(3e6, true, true),
                new RoundChart.Point(1e6, true, false), new RoundChart.Point(0.7e6, false, false),
                new RoundChart.Point(0.71e6, false, true), new RoundChart.Point(0.69e6, false, false));

        Document svg = parse(RoundChart.svg("QuoteExportProfiledTest.exportsQuotes", "wall time", points));

        NodeList circles = svg.getElementsByTagName("circle");
        assertThat(circles.getLength()).isEqualTo(6);
        assertThat(classes(circles)).containsExactly("warm-up disturbed", "warm-up disturbed", "warm-up", "measured",
                "measured disturbed", "measured");
        assertThat(svg.getElementsByTagName("line").getLength()).as("axis and the warm-up/measured boundary").isEqualTo(2);
        // The slowest round is drawn highest (smaller y).
        assertThat(y(circles, 0)).isLessThan(y(circles, 3));
    }

    @Test
    void namesFromProfilesAreEscaped() throws Exception {
        String title = "Test<script>alert(1)</script> & \"q\"";

        String svg = RoundChart.svg(title, "wall time", List.of(new RoundChart.Point(1e6, false, false)));

        assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(parse(svg).getElementsByTagName("title").item(0).getTextContent()).isEqualTo(title);
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> classes(NodeList circles) {
        return java.util.stream.IntStream.range(0, circles.getLength())
                .mapToObj(i -> ((Element) circles.item(i)).getAttribute("class")).toList();
    }

    private static double y(NodeList circles, int i) {
        return Double.parseDouble(((Element) circles.item(i)).getAttribute("cy"));
    }
}
