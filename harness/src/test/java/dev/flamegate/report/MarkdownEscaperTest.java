package dev.flamegate.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownEscaperTest {

    @Test
    void escapesEveryCharacterThatStartsMarkdownOrHtml() {
        assertThat(MarkdownEscaper.text("a|b*c_d`e<f>g[h]i#j\\k~l!m(n)"))
                .isEqualTo("a\\|b\\*c\\_d\\`e&lt;f&gt;g\\[h\\]i\\#&#8203;j\\\\k\\~l!m(n)");
    }

    @Test
    void foldsLineBreaksAndReplacesControlCharacters() {
        assertThat(MarkdownEscaper.text("one\r\ntwo\nthree\u2028four\tfive\u001b[31m"))
                .isEqualTo("one two three four five\uFFFD\\[31m");
    }

    @Test
    void keepsMentionsAndListMarkersInert() {
        assertThat(MarkdownEscaper.text("@octocat")).isEqualTo("@&#8203;octocat");
        assertThat(MarkdownEscaper.text("- item")).isEqualTo("\\- item");
        assertThat(MarkdownEscaper.text("a-b")).isEqualTo("a-b");
        assertThat(MarkdownEscaper.text("Foo.<init>")).isEqualTo("Foo.&lt;init&gt;");
    }

    @Test
    void codeBlockFenceIsLongerThanAnyBacktickRunInside() {
        String block = MarkdownEscaper.codeBlock("x ````` y\n```\n", "diff");
        assertThat(block).startsWith("``````diff\n").endsWith("\n``````\n");
        assertThat(MarkdownEscaper.codeBlock("plain", "text")).isEqualTo("```text\nplain\n```\n");
    }

    @Test
    void codeSpanShowsPathsVerbatimAndCannotBeClosedEarly() {
        assertThat(MarkdownEscaper.codeSpan("a/b#1/<x>.html")).isEqualTo("`a/b#1/<x>.html`");
        assertThat(MarkdownEscaper.codeSpan("x``y")).isEqualTo("```x``y```");
        assertThat(MarkdownEscaper.codeSpan("`edge")).isEqualTo("`` `edge ``");
        assertThat(MarkdownEscaper.codeSpan("a|b\nc")).isEqualTo("`a\u2223b c`");
    }

    @Test
    void codeBlockInfoStringCannotCarryMarkup() {
        assertThat(MarkdownEscaper.codeBlock("x", "diff`<b>")).startsWith("```diffb\n");
    }

    @Test
    void bareUrlsInNamesCannotBecomeLiveLinks() {
        // GitHub links http://, https://, ftp:// and www. in any case; a zero-width space after the stem breaks each.
        assertThat(MarkdownEscaper.text("see https://evil.example/x, HTTP://a.b, www.evil.example and ftp://f.g"))
                .isEqualTo("see htt&#8203;ps://evil.example/x, HTT&#8203;P://a.b, www&#8203;.evil.example and ftp&#8203;://f.g");
        assertThat(MarkdownEscaper.text("a.www.b")).as("inside a name, still broken").contains("www&#8203;.b");
        assertThat(MarkdownEscaper.text("Http.get")).isEqualTo("Http.get");
    }

    @Test
    void bidiControlsAreShownAsEscapesEverywhere() {
        String name = "Test\u202Egnp.exe\u2066x\u2069\u200F";
        assertThat(MarkdownEscaper.text(name)).isEqualTo("Test\\\\u202Egnp.exe\\\\u2066x\\\\u2069\\\\u200F");
        assertThat(MarkdownEscaper.codeSpan(name)).isEqualTo("`Test\\u202Egnp.exe\\u2066x\\u2069\\u200F`");
        assertThat(MarkdownEscaper.codeBlock(name, "text")).isEqualTo("```text\nTest\\u202Egnp.exe\\u2066x\\u2069\\u200F\n```\n");
    }
}
