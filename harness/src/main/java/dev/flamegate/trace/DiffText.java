package dev.flamegate.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Renders {@link ShapeChange}s as marked, indented lines with unchanged ancestors for context. */
final class DiffText {

    static final String REPEATED_CALL = "  repeated call (N+1?)";

    private DiffText() {
    }

    static String render(List<ShapeChange> changes) {
        StringBuilder out = new StringBuilder();
        List<NodeKey> shown = new ArrayList<>();
        for (ShapeChange change : changes) {
            List<NodeKey> parents = change.parents();
            int common = 0;
            while (common < shown.size() && common < parents.size() && shown.get(common).equals(parents.get(common))) {
                common++;
            }
            for (int depth = common; depth < parents.size(); depth++) {
                out.append("  ").append(ShapeText.indent(depth)).append(ShapeText.label(parents.get(depth))).append('\n');
            }
            shown = new ArrayList<>(parents);
            int depth = parents.size();
            switch (change.type()) {
                case ADDED -> subtree('+', change.after(), depth, change.repeatedCall(), out);
                case REMOVED -> subtree('-', change.before(), depth, false, out);
                case CHANGED, ORDER_CHANGED -> {
                    out.append("~ ").append(ShapeText.indent(depth)).append(line(change)).append('\n');
                    if (change.type() == ShapeChange.Type.CHANGED) {
                        shown.add(change.after().key());
                    }
                }
            }
        }
        return out.toString();
    }

    private static void subtree(char mark, ShapeNode node, int depth, boolean repeated, StringBuilder out) {
        out.append(mark).append(' ').append(ShapeText.indent(depth)).append(ShapeText.label(node.key()))
                .append(ShapeText.count(node)).append(repeated ? REPEATED_CALL : "").append('\n');
        for (ShapeNode child : node.children()) {
            subtree(mark, child, depth + 1, false, out);
        }
    }

    /** One change without mark and indentation. */
    static String line(ShapeChange change) {
        return switch (change.type()) {
            case ADDED -> ShapeText.label(change.after().key()) + ShapeText.count(change.after())
                    + (change.repeatedCall() ? REPEATED_CALL : "");
            case REMOVED -> ShapeText.label(change.before().key()) + ShapeText.count(change.before());
            case ORDER_CHANGED -> "order: " + names(change.orderBefore()) + " → " + names(change.orderAfter());
            case CHANGED -> changed(change);
        };
    }

    private static String changed(ShapeChange change) {
        ShapeNode before = change.before();
        ShapeNode after = change.after();
        StringBuilder out = new StringBuilder(ShapeText.operation(after.key()));
        if (change.attributesChanged()) {
            out.append(' ').append(ShapeText.attributes(before.attributes()))
                    .append(" → ").append(ShapeText.attributes(after.attributes()));
        } else if (!after.attributes().isEmpty()) {
            out.append(' ').append(ShapeText.attributes(after.attributes()));
        }
        if (change.countChanged()) {
            String from = ShapeText.countValue(before);
            String to = ShapeText.countValue(after);
            if (from.equals(to)) { // same range per parent, other total
                from += " (" + before.total() + " in all)";
                to += " (" + after.total() + " in all)";
            }
            out.append(' ').append(from).append(" → ").append(to);
        } else {
            out.append(ShapeText.count(after));
        }
        if (change.repeatedCall()) {
            out.append(REPEATED_CALL);
        }
        return out.toString();
    }

    private static String names(List<NodeKey> keys) {
        return keys.stream().map(ShapeText::operation).collect(Collectors.joining(", "));
    }
}
