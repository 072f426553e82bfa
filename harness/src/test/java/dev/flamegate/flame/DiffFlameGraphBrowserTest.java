package dev.flamegate.flame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;

/**
 * Opens a generated differential flame graph in Debian's headless Chromium from {@code file://} and
 * uses it as a person would: frames drawn, click to zoom, search, tooltip, width switch, and hostile
 * frame names shown as text. Skipped (not failed) when Chromium or chromedriver is not installed;
 * {@code apt-get install chromium chromium-driver} provides both.
 */
class DiffFlameGraphBrowserTest {

    private static final Path CHROMIUM = Paths.get(System.getProperty("flamegate.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Paths.get(System.getProperty("flamegate.chromedriver", "/usr/bin/chromedriver"));

    @TempDir
    static Path dir;
    private static ChromeDriver driver;
    private static Path page;

    /**
     * before total 100, after total 200. Shares before -> after: work 80 % -> 80 %, parse 30 % -> 10 %
     * (shrank), render 50 % -> 70 % (grew), idle 10 % -> 5 %, the script frame 10 % -> gone, the img
     * frame new at 15 %.
     */
    static Profile before() {
        return Profile.builder(Event.CPU)
                .add("main;work;parse", 30)
                .add("main;work;render", 50)
                .add("main;idle", 10)
                .add(List.of("main", "Foo.<init>", FlamePageTest.SCRIPT_FRAME), 10)
                .build();
    }

    static Profile after() {
        return Profile.builder(Event.CPU)
                .add("main;work;parse", 20)
                .add("main;work;render", 140)
                .add("main;idle", 10)
                .add(List.of("main", "Foo.<init>", FlamePageTest.IMG_FRAME), 30)
                .build();
    }

    /** Why the browser could not be started, or {@code null} when it runs. */
    private static String missing;

    @BeforeAll
    static void startBrowser() throws IOException {
        // Absent binaries skip each test (reported as skipped with this reason) rather than failing.
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            missing = "Chromium or chromedriver not installed (looked for " + CHROMIUM + " and " + CHROMEDRIVER
                    + "): run 'apt-get install -y chromium chromium-driver' (.ci/run does) or set"
                    + " -Dflamegate.chromium / -Dflamegate.chromedriver";
            return;
        }
        page = dir.resolve("diff.html");
        DiffFlameGraph.writeHtml(before(), after(), FlameOptions.defaults(), "Browser <test>", page);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,900",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));
        // An explicit driver executable keeps Selenium Manager from resolving (or downloading) anything.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        driver.manage().window().setSize(new Dimension(1400, 900));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @BeforeEach
    void open() {
        assumeTrue(missing == null, () -> missing);
        driver.get(page.toUri().toString());
        assertThat(js("return typeof window.flamegate")).as("page script ran").isEqualTo("object");
    }

    @Test
    void drawsEveryFrameColouredByChange() throws IOException {
        assertThat(number("return flamegate.frameCount()")).isEqualTo(9); // all main work parse render idle Foo script img
        // the script frame has no width in the new profile, so 8 are drawn
        assertThat(number("return flamegate.drawnCount()")).isEqualTo(8);
        assertThat(driver.getTitle()).isEqualTo("Browser <test>");

        int[] render = pixelAtCentreOf("render");
        int[] parse = pixelAtCentreOf("parse");
        assertThat(render[0]).as("render grew: red").isGreaterThan(render[2] + 60);
        assertThat(parse[2]).as("parse shrank: blue").isGreaterThan(parse[0] + 60);

        screenshot("diff.png");
    }

    @Test
    void clickZoomsIntoTheFrameAndResetZoomsOut() {
        double workWidthBefore = rect("work").get("width");
        double parseWidthBefore = rect("parse").get("width");

        clickCentreOf("work");

        long work = number("return flamegate.indexOf('work')");
        assertThat(number("return flamegate.zoomedFrame()")).isEqualTo(work);
        Map<String, Double> zoomed = rect("work");
        assertThat(zoomed.get("width")).isCloseTo(zoomed.get("canvasWidth"), within(1.5)).isGreaterThan(workWidthBefore);
        assertThat(rect("parse").get("width")).isGreaterThan(parseWidthBefore * 1.1);
        assertThat(rect("idle")).as("frames outside the zoomed one are not drawn").isNull();

        driver.findElement(By.id("reset")).click();
        assertThat(number("return flamegate.zoomedFrame()")).isZero();
        assertThat(rect("work").get("width")).isCloseTo(workWidthBefore, within(0.5));
    }

    @Test
    void searchHighlightsMatchesAndSumsTheirShare() {
        WebElement search = driver.findElement(By.id("search"));
        search.sendKeys("pars|rend");

        assertThat(number("return flamegate.highlightedCount()")).isEqualTo(2);
        // parse + render: (20 + 140) / 200 = 80 % after, (30 + 50) / 100 = 80 % before
        assertThat(driver.findElement(By.id("matchinfo")).getText())
                .isEqualTo("Matched 2 frames: 80.00% of after, 80.00% of before");

        search.clear();
        search.sendKeys("work"); // nested matches count once: work contains parse and render
        assertThat(driver.findElement(By.id("matchinfo")).getText())
                .isEqualTo("Matched 1 frame: 80.00% of after, 80.00% of before");

        search.clear();
        search.sendKeys("Foo.<init"); // not a valid regex: a substring search
        assertThat(driver.findElement(By.id("matchinfo")).getText())
                .isEqualTo("Matched 1 frame: 15.00% of after, 10.00% of before");
    }

    @Test
    void tooltipShowsBeforeAfterAndDelta() throws IOException {
        driver.findElement(By.id("search")).sendKeys("pars");
        hoverCentreOf("render");
        screenshot("diff-search-tooltip.png");

        WebElement tooltip = driver.findElement(By.id("tooltip"));
        assertThat(tooltip.isDisplayed()).isTrue();
        // render: 50 of 100 -> 140 of 200; scaled before 100, so +40 samples and +20 points
        assertThat(tooltip.getText()).isEqualTo(String.join("\n",
                "render",
                "before: 50 samples (50.00%)",
                "after: 140 samples (70.00%)",
                "delta: +20.00 pp of total, +40 samples (after \u2212 before scaled to the after total)"));
    }

    @Test
    void widthSwitchShowsFramesThatExistOnlyInTheOldProfile() {
        assertThat(rect(FlamePageTest.SCRIPT_FRAME)).isNull();

        driver.findElement(By.id("widthsOld")).click();

        assertThat(js("return flamegate.widths()")).isEqualTo("OLD");
        assertThat(rect(FlamePageTest.SCRIPT_FRAME)).isNotNull();
        assertThat(rect(FlamePageTest.IMG_FRAME)).as("new frame has no old width").isNull();
        hoverCentreOf(FlamePageTest.SCRIPT_FRAME);
        assertThat(driver.findElement(By.id("tooltip")).getText())
                .contains("only in the before profile")
                .startsWith(FlamePageTest.SCRIPT_FRAME + "\n");
    }

    @Test
    void hostileFrameNamesAreShownAsTextAndNeverRun() {
        hoverCentreOf(FlamePageTest.IMG_FRAME);

        String tooltip = driver.findElement(By.id("tooltip")).getText();
        assertThat(tooltip).startsWith(FlamePageTest.IMG_FRAME + "\n").contains("only in the after profile");
        assertThat(js("return typeof window.__flamegatePwned")).isEqualTo("undefined");
        assertThat(number("return document.querySelectorAll('img').length")).isZero();
        assertThat(number("return document.scripts.length")).isEqualTo(2);
        assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void plainFlameGraphDrawsZoomsAndSearchesWithoutDiffControls() {
        Path plainPage = dir.resolve("plain.html");
        FlameGraph.writeHtml(after(), FlameOptions.defaults(), "plain <flame>", plainPage);
        driver.get(plainPage.toUri().toString());

        assertThat(driver.getTitle()).isEqualTo("plain <flame>");
        assertThat(number("return flamegate.drawnCount()")).isEqualTo(8); // all main work parse render idle Foo img
        assertThat(driver.findElement(By.id("widthsGroup")).isDisplayed()).isFalse();
        driver.findElement(By.id("search")).sendKeys("render");
        // render: 140 of 200
        assertThat(driver.findElement(By.id("matchinfo")).getText()).isEqualTo("Matched 1 frame: 70.00% of the total");
        hoverCentreOf("idle");
        assertThat(driver.findElement(By.id("tooltip")).getText()).isEqualTo("idle\n10 samples (5.00% of the total)");
        clickCentreOf("work");
        assertThat(rect("work").get("width")).isCloseTo(rect("work").get("canvasWidth"), within(1.5));
    }

    @Test
    void stacksThousandsOfFramesDeepStillDraw() {
        List<String> deep = new java.util.ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            deep.add("recurse" + (i % 7));
        }
        Profile profile = Profile.builder(Event.CPU).add(deep, 5).add("main;shallow", 5).build();
        Path deepPage = dir.resolve("deep.html");
        DiffFlameGraph.writeHtml(profile, profile, FlameOptions.defaults(), "deep", deepPage);

        driver.get(deepPage.toUri().toString());

        assertThat(number("return flamegate.drawnCount()")).isEqualTo(number("return flamegate.frameCount()")).isEqualTo(3003);
        assertThat(number("return document.getElementById('flame').height")).isBetween(3000L, 32767L);
        // pre-order puts the deepest frame last; read the canvas at its centre
        assertThat(number("var r = flamegate.frameRect(flamegate.frameCount() - 1), c = document.getElementById('flame'),"
                + " s = c.width / c.clientWidth;"
                + "return c.getContext('2d').getImageData(Math.round((r.x + r.width / 2) * s), Math.round((r.y + r.height / 2) * s), 1, 1).data[3]"))
                .as("deepest frame painted").isPositive();
    }

    /** Keeps a picture in target/flamegate-browser for people to look at; asserts nothing. */
    private static void screenshot(String name) throws IOException {
        Path shot = Paths.get("target", "flamegate-browser", name);
        Files.createDirectories(shot.getParent());
        Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
    }

    private static Object js(String script) {
        return driver.executeScript(script);
    }

    private static long number(String script) {
        return ((Number) js(script)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> rect(String frame) {
        Map<String, Object> raw = (Map<String, Object>) js(
                "var i = flamegate.indexOf(arguments[0]); return i < 0 ? null : flamegate.frameRect(i);".replace(
                        "arguments[0]", "'" + frame.replace("\\", "\\\\").replace("'", "\\'") + "'"));
        if (raw == null) {
            return null;
        }
        return Map.of("x", d(raw.get("x")), "y", d(raw.get("y")), "width", d(raw.get("width")),
                "height", d(raw.get("height")), "canvasWidth", d(raw.get("canvasWidth")));
    }

    private static double d(Object value) {
        return ((Number) value).doubleValue();
    }

    private static int[] pixelAtCentreOf(String frame) {
        Map<String, Double> r = rect(frame);
        @SuppressWarnings("unchecked")
        List<Number> rgba = (List<Number>) driver.executeScript(
                "var c = document.getElementById('flame'), s = c.width / c.clientWidth;"
                        + "return Array.from(c.getContext('2d').getImageData(Math.round(arguments[0] * s), Math.round(arguments[1] * s), 1, 1).data);",
                r.get("x") + r.get("width") * 0.8, r.get("y") + 3);
        return new int[] {rgba.get(0).intValue(), rgba.get(1).intValue(), rgba.get(2).intValue()};
    }

    private static Actions pointAtCentreOf(String frame) {
        Map<String, Double> r = rect(frame);
        assertThat(r).as("frame %s drawn", frame).isNotNull();
        WebElement canvas = driver.findElement(By.id("flame"));
        Dimension size = canvas.getSize();
        int dx = (int) Math.round(r.get("x") + r.get("width") / 2 - size.getWidth() / 2.0);
        int dy = (int) Math.round(r.get("y") + r.get("height") / 2 - size.getHeight() / 2.0);
        return new Actions(driver).moveToElement(canvas, dx, dy);
    }

    private static void clickCentreOf(String frame) {
        pointAtCentreOf(frame).click().perform();
    }

    private static void hoverCentreOf(String frame) {
        pointAtCentreOf(frame).perform();
    }
}
