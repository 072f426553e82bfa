package dev.flamegate.io;

/**
 * Names from users' code (test display names, frames, spans) on their way into pages and files people
 * read: control characters — ANSI escape sequences, bells, line and page breaks — become U+FFFD, so a name
 * can neither colour nor clear a terminal that shows the file, nor start a line of its own.
 */
public final class SafeText {

    /** What a control character is shown as. */
    public static final char REPLACEMENT = '\uFFFD';

    private SafeText() {
    }

    /** {@code text} with every ISO control character and U+2028/U+2029 replaced by {@link #REPLACEMENT}. */
    public static String withoutControls(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(control ? REPLACEMENT : c);
            }
        }
        return out == null ? text : out.toString();
    }
}
