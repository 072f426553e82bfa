package dev.flamegate.trace;

import java.util.regex.Pattern;

/**
 * Makes span names and statements independent of the data a workload happened to use, so that
 * {@code GET /orders/123} and {@code GET /orders/124} are the same node.
 *
 * <p>Two flavours: {@link #identifiers(String)} for names, routes and destinations (ids become typed
 * placeholders that keep the name readable) and {@link #statement(String)} for database statements
 * (every literal becomes {@code ?}, the way prepared statements and OpenTelemetry's sanitised
 * {@code db.query.text} look).
 */
final class Normalizer {

    /** Placeholder of a UUID. */
    public static final String UUID = "{uuid}";
    /** Placeholder of a hex id of 8 or more digits containing at least one decimal digit. */
    public static final String HEX = "{hex}";
    /** Placeholder of a number. */
    public static final String NUMBER = "{n}";

    private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\\\]|\\\\.|'')*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern UUIDS = Pattern.compile(
            "(?<![0-9A-Za-z])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![0-9A-Za-z])");
    private static final Pattern HEX_IDS = Pattern.compile(
            "(?<![0-9A-Za-z_])(?:0x)?(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}(?![0-9A-Za-z_])");
    // A number standing alone: not part of a word such as v2, h2 or utf8.
    private static final Pattern NUMBERS = Pattern.compile("(?<![0-9A-Za-z_{])\\d+(?:\\.\\d+)*(?![0-9A-Za-z_}])");

    private static final Pattern IN_LIST = Pattern.compile("(?i)\\b(IN)\\s*\\(\\s*\\?(?:\\s*,\\s*\\?)*\\s*\\)");
    private static final Pattern REPEATED_TUPLES = Pattern.compile("(\\(\\?(?:, \\?)*\\))(?:\\s*,\\s*\\1)+");

    private Normalizer() {
    }

    /**
     * {@code text} with quoted literals as {@code ?}, UUIDs as {@value #UUID}, hex ids as {@value #HEX}
     * and stand-alone numbers as {@value #NUMBER}: {@code GET /orders/123} becomes
     * {@code GET /orders/{n}}. Words with digits ({@code v2}, {@code h2}) stay.
     */
    public static String identifiers(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        // cheap checks first: most names have no quotes, and many no digits at all
        if (result.indexOf('\'') >= 0 || result.indexOf('"') >= 0) {
            result = QUOTED.matcher(result).replaceAll("?");
        }
        if (result.chars().noneMatch(Character::isDigit)) {
            return result;
        }
        if (result.indexOf('-') >= 0) {
            result = UUIDS.matcher(result).replaceAll(UUID);
        }
        result = HEX_IDS.matcher(result).replaceAll(HEX);
        return NUMBERS.matcher(result).replaceAll(NUMBER);
    }

    /**
     * A database statement with comments removed, whitespace collapsed, every string, number, hex and
     * {@code $n} literal as {@code ?}, {@code IN (?, ?, ?)} lists as {@code IN (?)} and repeated
     * {@code VALUES} tuples as one. Quoted identifiers ({@code "Order"}, {@code `order`}) stay.
     */
    public static String statement(String sql) {
        if (sql == null || sql.isEmpty()) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        int collapsed = -1; // where the last space made by collapsing whitespace is
        int opened = -1; // where the last "(" outside quotes is
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                i = skipQuoted(sql, i, '\'');
                out.append('?');
            } else if (c == '"' || c == '`') {
                int end = skipQuoted(sql, i, c);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = skipTo(sql, i, "\n");
                collapsed = space(out, collapsed, opened);
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                collapsed = space(out, collapsed, opened);
            } else if (Character.isWhitespace(c)) {
                collapsed = space(out, collapsed, opened);
                i++;
            } else if ((Character.isDigit(c) || c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))
                    && !partOfWord(sql, i)) {
                i = skipNumber(sql, i + 1);
                out.append('?');
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
                        || sql.charAt(end) == '$')) {
                    end++;
                }
                out.append(sql, i, end);
                i = end;
            } else {
                if ((c == ')' || c == ',') && out.length() > 0 && out.length() - 1 == collapsed) {
                    out.setLength(out.length() - 1); // "( a , b )" -> "(a, b)"
                    collapsed = -1;
                }
                out.append(c);
                if (c == '(') {
                    opened = out.length() - 1;
                }
                i++;
            }
        }
        if (out.length() > 0 && out.length() - 1 == collapsed) {
            out.setLength(out.length() - 1);
        }
        String result = out.toString();
        result = IN_LIST.matcher(result).replaceAll("$1 (?)");
        return REPEATED_TUPLES.matcher(result).replaceAll("$1");
    }

    /** Appends one space for a run of whitespace or a comment, none after "(" or another such space. */
    private static int space(StringBuilder out, int collapsed, int opened) {
        int last = out.length() - 1;
        if (last < 0 || last == collapsed || last == opened) {
            return collapsed;
        }
        out.append(' ');
        return out.length() - 1;
    }

    private static boolean partOfWord(String sql, int i) {
        if (i == 0) {
            return false;
        }
        char before = sql.charAt(i - 1);
        return Character.isLetterOrDigit(before) || before == '_' || before == '$';
    }

    private static int skipNumber(String sql, int i) {
        int n = sql.length();
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.'
                || sql.charAt(i) == '_' || sql.charAt(i) == '$')) {
            char c = sql.charAt(i);
            // exponent sign: 1e-5
            if ((c == 'e' || c == 'E') && i + 1 < n && (sql.charAt(i + 1) == '-' || sql.charAt(i + 1) == '+')) {
                i++;
            }
            i++;
        }
        return i;
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\\' && quote == '\'') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote inside the literal
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return n;
    }

    private static int skipTo(String sql, int from, String marker) {
        int at = sql.indexOf(marker, from);
        return at < 0 ? sql.length() : at;
    }
}
