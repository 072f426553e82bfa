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
}
