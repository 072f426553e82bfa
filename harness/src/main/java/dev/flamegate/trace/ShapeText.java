package dev.flamegate.trace;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/** The text forms of nodes, counts and trees, shared by shapes and diffs. */
final class ShapeText {

    /** Longer names and values are cut in renderings (never in shapes or baselines). */
    static final int MAX_TEXT = 200;

    private ShapeText() {
    }

    /** Appends {@code nodes} and their descendants, one per line, after {@code prefix} and indentation. */
    static void tree(List<ShapeNode> nodes, int depth, String prefix, StringBuilder out) {
        for (ShapeNode node : nodes) {
            out.append(prefix).append(indent(depth)).append(label(node.key())).append(count(node)).append('\n');
            tree(node.children(), depth + 1, prefix, out);
        }
    }

    static String indent(int depth) {
        return "  ".repeat(depth);
    }

    /** {@code name [kind] {label=value, …}}. */
    static String label(NodeKey key) {
        StringBuilder out = new StringBuilder(safe(key.name()))
                .append(" [").append(key.kind().name().toLowerCase(Locale.ROOT)).append(']');
        if (!key.attributes().isEmpty()) {
            out.append(' ').append(attributes(key.attributes()));
        }
        return out.toString();
    }

    /** {@code name [kind]}: a node's identity without attributes. */
    static String operation(NodeKey key) {
        return safe(key.name()) + " [" + key.kind().name().toLowerCase(Locale.ROOT) + ']';
    }

    static String attributes(SortedMap<String, String> attributes) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(safe(entry.getKey())).append('=').append(safe(entry.getValue()));
        }
        return out.append('}').toString();
    }

    /** {@code " ×N"}, {@code " ×a..b"}, or nothing for exactly one per parent. */
    static String count(ShapeNode node) {
        String count = countValue(node);
        return count.equals("×1") ? "" : " " + count;
    }

    /** {@code ×N} or {@code ×a..b}. */
    static String countValue(ShapeNode node) {
        return node.countIsStable() ? "×" + node.maxPerParent() : "×" + node.minPerParent() + ".." + node.maxPerParent();
    }

    /** {@code text} with control characters escaped and cut to {@link #MAX_TEXT} characters. */
    static String safe(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_TEXT + 16));
        int limit = Math.min(text.length(), MAX_TEXT);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > limit) {
            out.append("…(+").append(text.length() - limit).append(" chars)");
        }
        return out.toString();
    }
}
