package dev.flamegate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flamegate.artifacts.ArtifactWriter;
import dev.flamegate.baseline.Baseline;
import dev.flamegate.baseline.BaselineIds;
import dev.flamegate.baseline.BaselineOptions;
import dev.flamegate.compare.CompareSettings;
import dev.flamegate.compare.BaselineComparator;
import dev.flamegate.compare.Comparison;
import dev.flamegate.compare.SyntheticRuns;
import dev.flamegate.compare.Verdict;
import dev.flamegate.measure.Measurement;
import dev.flamegate.measure.Round;
import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import dev.flamegate.profile.Stack;
import dev.flamegate.trace.TraceShape;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frame, span, test and display names made of HTML, Markdown, ANSI escapes, line breaks, path tricks and
 * 10,000 characters, through the real pipeline: comparison, artifacts, run report. The same run with
 * harmless names of the same structure is the reference: hostile names may change text, never structure
 * (no extra HTML tag, no extra Markdown node, no file outside its directory, no control character on the
 * console).
 */
class HostileNamesTest {

    private static final String ESC = HostileNames.ESC;
    /** Hostile names; each replaces a harmless one of {@link #HARMLESS} at the same index. */
    private static final List<String> HOSTILE = HostileNames.FRAMES;
    private static final List<String> HARMLESS = List.of("com.acme.Plain.alpha", "com.acme.Plain.beta", "com.acme.Plain.gamma",
            "com.acme.Plain.delta", "com.acme.Plain.epsilon", "com.acme.Plain.zeta");
    private static final String HOSTILE_ID = "com.acme.Evil#quotes[1: ../../../etc/passwd, C:\\Windows\\evil, "
            + ESC + "[2J\u0007\ttab, <b>bold</b>]";
    private static final String HOSTILE_DISPLAY = "Evil › quotes " + ESC + "[31m<script>alert(1)</script>\n**pwned** ../..";

    private static final Parser GFM = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    @TempDir
    Path dir;

    /** One complete run: baseline and a regressed current run whose hot frames and span names are {@code names}. */
    private Path runPipeline(String label, List<String> names, String id, String display) {
        SyntheticRuns runs = new SyntheticRuns(42).withProfiles(4000).cv(0.02).rounds(6);
        Measurement base = rename(runs.run(), names, id, display, 2);
        Measurement now = rename(runs.run(1.6, "main;e;slow"), names, id, display, 7);
        Comparison comparison = BaselineComparator.compare(Optional.of(Baseline.from(base, BaselineOptions.defaults())), now,
                CompareSettings.defaults());
        assertThat(comparison.verdict()).isEqualTo(Verdict.REGRESSION);

        Path out = dir.resolve(label).resolve("target/flamegate");
        Profile before = base.rounds().get(0).profiles().get(Event.CPU);
        Profile after = now.rounds().get(0).profiles().get(Event.CPU);
        ArtifactWriter writer = ArtifactWriter.forId(out, id)
                .profile(after)
                .flame(after, display)
                .diff(before, after, display)
                .text("trace-shape.txt", TraceShape.of(now.rounds().get(0).spans()).render());
        writer.result(comparison);
        assertThat(writer.warnings()).isEmpty();
        consoles.add(comparison.headline());
        consoles.add(comparison.describe());
        RunReport.Outcome outcome = RunReport.builder().root(dir.resolve(label)).outputDirectory(out).build().write();
        consoles.add(outcome.run().statusLine());
        return out;
    }

    private final List<String> consoles = new ArrayList<>();

    /** The run with the synthetic frames {@code slow} and {@code b} renamed, and spans named after {@code names}. */
    private static Measurement rename(Measurement run, List<String> names, String id, String display, int spansPerRound) {
        UnaryOperator<String> frame = f -> switch (f) {
            case "slow" -> names.get(0) + ";" + names.get(1);
            case "b" -> names.get(2) + ";" + names.get(3);
            case "c" -> names.get(4) + ";" + names.get(5);
            default -> f;
        };
        List<Round> rounds = new ArrayList<>();
        for (Round round : run.rounds()) {
            Profile.Builder profile = Profile.builder(Event.CPU);
            for (Stack stack : round.profiles().get(Event.CPU).stacks()) {
                List<String> frames = new ArrayList<>();
                stack.frames().forEach(f -> frames.addAll(List.of(frame.apply(f).split(";"))));
                profile.add(frames, stack.weight());
            }
            rounds.add(new Round(round.index(), round.invocations(), round.metrics(), Map.of(Event.CPU, profile.build()),
                    spans(names, spansPerRound)));
        }
        return new Measurement(id, display, run.environment(), rounds);
    }

    private static List<SpanData> spans(List<String> names, int children) {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build()) {
            Tracer tracer = provider.get("hostile");
            Span root = tracer.spanBuilder(names.get(0)).startSpan();
            try (var scope = root.makeCurrent()) {
                for (int i = 0; i < children; i++) {
                    tracer.spanBuilder(names.get(1 + i % (names.size() - 1))).setAttribute("db.query.text", names.get(2))
                            .startSpan().end();
                }
            } finally {
                root.end();
            }
            return exporter.getFinishedSpanItems();
        }
    }

    @Test
    void hostileNamesChangeTextNeverStructure() throws IOException {
        Path harmless = runPipeline("harmless", HARMLESS, "com.acme.Plain#quotes[1: plain]", "Plain › quotes");
        int harmlessConsoles = consoles.size();
        Path hostile = runPipeline("hostile", HOSTILE, HOSTILE_ID, HOSTILE_DISPLAY);

        // Files: the same set of names (the artifact directory aside), all inside the output directory.
        Path artifacts = hostile.resolve(BaselineIds.fileName(HOSTILE_ID));
        assertThat(artifacts.getParent()).isEqualTo(hostile);
        assertThat(relativeFiles(hostile)).allSatisfy(f -> assertThat(hostile.resolve(f).normalize()).startsWith(hostile));
        assertThat(relativeFiles(dir.resolve("hostile"))).allMatch(f -> f.startsWith("target/flamegate/"));
        assertThat(fileNames(hostile)).isEqualTo(fileNames(harmless));

        // HTML: no '<' beyond the page's own markup, so no injected element, attribute or script end.
        for (String page : List.of("index.html", "cpu.flame.html", "cpu.diff.html")) {
            String hostileHtml = Files.readString(find(hostile, page));
            assertThat(count(hostileHtml, '<')).as(page).isEqualTo(count(Files.readString(find(harmless, page)), '<'));
            assertThat(hostileHtml).as(page).doesNotContain(ESC, "<img", "<script>alert", "<b>");
        }

        // Markdown: the same kinds and numbers of nodes (no link, image, emphasis or HTML from a name).
        // (Names may appear verbatim inside code spans and blocks, where Markdown is inert.)
        String comment = Files.readString(hostile.resolve(RunReport.COMMENT_FILE));
        Node document = GFM.parse(comment);
        assertThat(nodeKinds(document)).isEqualTo(nodeKinds(GFM.parse(Files.readString(harmless.resolve(RunReport.COMMENT_FILE)))));
        assertThat(linkTargets(document)).noneMatch(target -> target.contains("evil"));
        assertThat(comment).doesNotContain(ESC, "\u0007");
        assertThat(comment.length()).isLessThanOrEqualTo(65_536);

        // Console: no control character but the line ends of multi-line texts; the headline is one line.
        List<String> hostileConsole = consoles.subList(harmlessConsoles, consoles.size());
        assertThat(hostileConsole.get(0)).doesNotContain("\n");
        assertThat(hostileConsole).allSatisfy(text -> assertThat(text.codePoints().filter(cp -> cp != '\n'
                && (Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029))).as(text).isEmpty());
    }

    private List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    private List<String> fileNames(Path root) throws IOException {
        return relativeFiles(root).stream().map(f -> f.substring(f.lastIndexOf('/') + 1)).sorted().toList();
    }

    private Path find(Path root, String name) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
    }

    private static List<String> linkTargets(Node document) {
        List<String> targets = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                targets.add(link.getDestination());
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                targets.add(image.getDestination());
                visitChildren(image);
            }
        });
        return targets;
    }

    private static long count(String text, char c) {
        return text.chars().filter(x -> x == c).count();
    }

    /** How many nodes of each kind (class) a Markdown document has, text nodes aside (escapes split them). */
    private static Map<String, Integer> nodeKinds(Node document) {
        Map<String, Integer> kinds = new TreeMap<>();
        document.accept(new AbstractVisitor() {
            @Override
            protected void visitChildren(Node parent) {
                for (Node node = parent.getFirstChild(); node != null; node = node.getNext()) {
                    if (!(node instanceof Text)) {
                        kinds.merge(node.getClass().getSimpleName(), 1, Integer::sum);
                    }
                    node.accept(this);
                }
            }
        });
        return kinds;
    }

    static {
        assertThat(HOSTILE).hasSameSizeAs(HARMLESS);
        assertThat(StandardCharsets.UTF_8.newEncoder().canEncode(String.join("", HOSTILE))).isTrue();
    }
}
