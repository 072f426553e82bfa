package dev.flamegate.io;

import java.util.Locale;

/**
 * Names from users' code (test display names, frames, spans) on their way into pages and files people
 * read: control characters — ANSI escape sequences, bells, line and page breaks — become U+FFFD, so a name
 * can neither colour nor clear a terminal that shows the file, nor start a line of its own; bidirectional
 * controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) become a visible escape such as
 * <code>&#92;u202E</code>, so a name cannot make a console, page, comment or JSON file show text in another order
 * than it is.
 */
public final class SafeText {

    /** What a control character is shown as. */
    public static final char REPLACEMENT = '\uFFFD';

    private SafeText() {
    }

    /**
     * {@code text} with every ISO control character and U+2028/U+2029 replaced by {@link #REPLACEMENT} and every
     * bidirectional control made {@linkplain #visibleBidi visible}.
     */
    public static String withoutControls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            boolean bidi = isBidiControl(c);
            if ((control || bidi) && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out == null) {
                continue;
            }
            if (bidi) {
                appendEscape(out, c);
            } else {
                out.append(control ? REPLACEMENT : c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** {@code text} with each bidirectional control character written as its escape, e.g. <code>&#92;u202E</code>; the rest as it is. */
    public static String visibleBidi(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean bidi = isBidiControl(c);
            if (bidi && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (bidi) {
                    appendEscape(out, c);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** Whether {@code c} changes the display order of text: embeddings, overrides, isolates and marks. */
    public static boolean isBidiControl(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }

    private static void appendEscape(StringBuilder out, char c) {
        out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
    }
}
