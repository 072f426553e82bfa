package dev.flamegate.report;

import java.util.List;

/** Hostile names for tests of every output that shows a frame name: HTML, Markdown, the console. */
public final class HostileNames {

    /** The escape character that starts a terminal control sequence. */
    public static final String ESC = "\u001b";
    /** Frame names made of HTML, Markdown, terminal escapes, line breaks and 10,000 characters. */
    public static final List<String> FRAMES = List.of(
            "com.acme.Evil.<img src=x onerror=alert(1)>",
            "</script><script>alert(1)</script>",
            "**bold** [link](https://evil.example/) ![x](https://evil.example/x.png) | cell | `code` @octocat <!-- c -->",
            ESC + "[31mRED" + ESC + "[0m " + ESC + "]8;;https://evil.example/" + "\u0007link" + ESC + "]8;;\u0007",
            "line one\r\nline two\u000b\u000c\u0085\u2028three",
            "x".repeat(10_000));

    private HostileNames() {
    }
}
