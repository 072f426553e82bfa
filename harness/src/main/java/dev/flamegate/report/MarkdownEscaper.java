package dev.flamegate.report;

import dev.flamegate.io.SafeText;

/**
 * Makes untrusted strings (frame names, span names, test display names) safe to put into GitHub
 * Flavored Markdown, so that they render as the literal text they are.
 *
 * <p>{@link #text(String)} is for inline positions: paragraphs, list items, headings and table cells.
 * It backslash-escapes every ASCII punctuation character that can start Markdown syntax (emphasis,
 * code spans, links, headings, table pipes, strikethrough), turns {@code <}, {@code >} and {@code &}
 * into entities so no raw HTML survives, folds line breaks into spaces (a cell or heading is one line)
 * and keeps {@code @name} and {@code #123} from becoming mentions or issue links and bare URLs
 * ({@code https://…}, {@code www.…}) from becoming live links; bidirectional controls are shown as their escape
 * (everywhere, code included). {@link #codeBlock}
 * wraps multi-line text in a fence that no backtick run inside the content can close.
 */
public final class MarkdownEscaper {

    /**
     * Characters that are backslash-escaped anywhere in inline text (all are valid CommonMark escapes).
     * Parentheses and {@code !} need none: with {@code [} and {@code ]} escaped no link or image can form.
     */
    private static final String BACKSLASH_ESCAPED = "\\`*_[]#|~";
    /** Zero-width space as an entity: keeps GitHub from linking {@code @user} or {@code #123}. */
    private static final String ZERO_WIDTH_SPACE = "&#8203;";

    private MarkdownEscaper() {
    }

    /** {@code raw} as inline Markdown that renders as exactly its text, on one line. */
    public static String text(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (SafeText.isBidiControl(c)) {
                // Shown as its escape (the backslash escaped), never applied: it would reorder the text around it.
                out.append('\\').append(SafeText.visibleBidi(String.valueOf(c)));
                continue;
            }
            if (startsAutolink(raw, i)) {
                // A zero-width space after the first three letters keeps GitHub from making a bare URL in a name a live link.
                out.append(raw, i, i + AUTOLINK_STEM).append(ZERO_WIDTH_SPACE);
                i += AUTOLINK_STEM - 1;
                continue;
            }
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '@' -> out.append('@').append(ZERO_WIDTH_SPACE);
                case '\r', '\n', '\u2028', '\u2029', '\u0085' -> {
                    if (c == '\r' && i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
                        i++;
                    }
                    out.append(' ');
                }
                case '\t' -> out.append(' ');
                default -> {
                    if (BACKSLASH_ESCAPED.indexOf(c) >= 0) {
                        out.append('\\').append(c);
                        if (c == '#') {
                            out.append(ZERO_WIDTH_SPACE);
                        }
                    } else if ((c == '-' || c == '+' || c == '=') && out.isEmpty()) {
                        // Only at the start: a leading -, + or = could turn a list item into a nested list.
                        out.append('\\').append(c);
                    } else if (Character.isISOControl(c)) {
                        // ANSI escapes and other control characters have no business in a comment.
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * {@code raw} as an inline code span, for text people copy (file paths): shown verbatim, no escapes
     * inside. The delimiter is one backtick longer than any run inside; line breaks become spaces and
     * {@code |} (which splits GFM table cells even in code) is not expected here but replaced to be safe.
     */
    public static String codeSpan(String raw) {
        raw = SafeText.visibleBidi(raw);
        StringBuilder cleaned = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            cleaned.append(c == '|' ? '\u2223' : Character.isISOControl(c) ? ' ' : c);
        }
        String content = cleaned.toString();
        String fence = "`".repeat(longestRun(content, '`') + 1);
        boolean pad = content.startsWith("`") || content.endsWith("`") || content.isBlank();
        return fence + (pad ? " " : "") + content + (pad ? " " : "") + fence;
    }

    /**
     * {@code content} in a fenced code block (info string {@code info}, may be empty). The fence is one
     * backtick longer than the longest backtick run in the content, so the content cannot end the
     * block early; inside a code block nothing is interpreted as Markdown or HTML.
     */
    public static String codeBlock(String content, String info) {
        String normalised = SafeText.visibleBidi(content).replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder cleaned = new StringBuilder(normalised.length());
        for (int i = 0; i < normalised.length(); i++) {
            char c = normalised.charAt(i);
            cleaned.append(c != '\n' && c != '\t' && Character.isISOControl(c) ? '\uFFFD' : c);
        }
        String body = cleaned.toString();
        String fence = "`".repeat(Math.max(3, longestRun(body, '`') + 1));
        StringBuilder block = new StringBuilder(body.length() + 2 * fence.length() + 8);
        block.append(fence).append(info == null ? "" : info.replaceAll("[^A-Za-z0-9_+-]", "")).append('\n');
        block.append(body);
        if (!body.isEmpty() && !body.endsWith("\n")) {
            block.append('\n');
        }
        return block.append(fence).append('\n').toString();
    }

    /** Length of the stems {@code http} and {@code www} a zero-width space is put after. */
    private static final int AUTOLINK_STEM = 3;

    /**
     * Whether an extended autolink (GFM: {@code http://}, {@code https://}, {@code ftp://}, {@code www.}, any case)
     * starts at {@code i}. Breaking it after the first three letters is enough for each.
     */
    private static boolean startsAutolink(String raw, int i) {
        return raw.regionMatches(true, i, "http://", 0, 7) || raw.regionMatches(true, i, "https://", 0, 8)
                || raw.regionMatches(true, i, "ftp://", 0, 6) || raw.regionMatches(true, i, "www.", 0, 4);
    }

    private static int longestRun(String text, char c) {
        int longest = 0;
        int current = 0;
        for (int i = 0; i < text.length(); i++) {
            current = text.charAt(i) == c ? current + 1 : 0;
            longest = Math.max(longest, current);
        }
        return longest;
    }
}
