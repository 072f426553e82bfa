package dev.flamegate.flame;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.flamegate.io.AtomicFiles;
import dev.flamegate.io.SafeText;
import dev.flamegate.profile.Profile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.commons.text.StringEscapeUtils;

/**
 * Writes the self-contained HTML page shared by {@link FlameGraph} and {@link DiffFlameGraph}: the
 * template resource {@code flame.html} (style and script inline, no network) with the escaped title and
 * the {@link PrunedTree} as HTML-safe JSON in a {@code <script type="application/json">} element.
 */
final class FlamePage {

    private static final String TITLE_MARK = "@@TITLE@@";
    private static final String DATA_MARK = "@@DATA@@";
    private static final String[] TEMPLATE = loadTemplate();

    private FlamePage() {
    }

    /** Plain or differential. */
    enum Mode {
        PLAIN("plain"), DIFF("diff");

        final String id;

        Mode(String id) {
            this.id = id;
        }
    }

    static void write(FlameDiff diff, Mode mode, Profile reference, FlameOptions options, String title, Path out) {
        String shownTitle = options.titleOr(title);
        PrunedTree tree = PrunedTree.of(diff, options.minWidth());
        try {
            AtomicFiles.write(out, writer -> render(diff, tree, mode, reference, options, shownTitle, writer));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write flame graph " + out + ": " + e.getMessage(), e);
        }
    }

    /** Renders the page to {@code out}; the title is HTML-escaped here, frame names by the JSON escapes. */
    static void render(FlameDiff diff, PrunedTree tree, Mode mode, Profile reference, FlameOptions options,
                       String title, Writer out) throws IOException {
        String escapedTitle = StringEscapeUtils.escapeHtml4(SafeText.withoutControls(title));
        out.write(TEMPLATE[0]);
        out.write(escapedTitle);
        out.write(TEMPLATE[1]);
        out.write(escapedTitle);
        out.write(TEMPLATE[2]);
        try (JsonGenerator json = HtmlSafeJson.generator(out)) {
            json.writeStartObject();
            json.writeStringField("mode", mode.id);
            json.writeStringField("event", reference.event().id());
            json.writeStringField("unit", reference.unit().symbol());
            json.writeNumberField("beforeTotal", diff.beforeTotal());
            json.writeNumberField("afterTotal", diff.afterTotal());
            json.writeStringField("widths", options.widths().name());
            json.writeNumberField("minWidth", options.minWidth());
            json.writeNumberField("nodeCount", tree.size + tree.prunedNodes); // the whole tree, pruned part included
            json.writeNumberField("prunedNodes", tree.prunedNodes);
            json.writeNumberField("prunedBefore", tree.prunedBefore);
            json.writeNumberField("prunedAfter", tree.prunedAfter);
            json.writeFieldName("names");
            json.writeStartArray();
            for (String name : tree.names) {
                json.writeString(name);
            }
            json.writeEndArray();
            json.writeFieldName("depth");
            json.writeArray(tree.depth, 0, tree.size);
            json.writeFieldName("name");
            json.writeArray(tree.name, 0, tree.size);
            if (mode == Mode.DIFF) {
                json.writeFieldName("before");
                json.writeArray(tree.before, 0, tree.size);
            }
            json.writeFieldName("after");
            json.writeArray(tree.after, 0, tree.size);
            json.writeEndObject();
        }
        out.write(TEMPLATE[3]);
    }

    /** Splits the template at its marks: title, title again (heading), data. */
    private static String[] loadTemplate() {
        String text;
        try (InputStream in = FlamePage.class.getResourceAsStream("flame.html")) {
            if (in == null) {
                throw new IllegalStateException("flame.html missing from the classpath next to " + FlamePage.class);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int title1 = text.indexOf(TITLE_MARK);
        int title2 = text.indexOf(TITLE_MARK, title1 + TITLE_MARK.length());
        int data = text.indexOf(DATA_MARK);
        if (title1 < 0 || title2 < 0 || data < title2) {
            throw new IllegalStateException("flame.html lacks its @@TITLE@@/@@DATA@@ marks");
        }
        return new String[] {
            text.substring(0, title1),
            text.substring(title1 + TITLE_MARK.length(), title2),
            text.substring(title2 + TITLE_MARK.length(), data),
            text.substring(data + DATA_MARK.length())
        };
    }
}
