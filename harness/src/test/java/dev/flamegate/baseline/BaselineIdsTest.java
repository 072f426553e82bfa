package dev.flamegate.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BaselineIdsTest {

    static Stream<String> hostileIds() {
        return Stream.of("com.acme.PricingTest#quotes(int)[1]", "a/b/../../etc/passwd", "..", ".", ".hidden",
                "name with spaces", "Größe \u00e9t\u00e9 \u65e5\u672c", "tab\tnew\nline\u0007bell", "back\\slash:colon*?\"<>|",
                "con", "NUL.txt", "x".repeat(500), "emoji \uD83D\uDE00 frame", "PricingTest#quotes(String)[2] value=\"a;b\"");
    }

    @ParameterizedTest
    @MethodSource("hostileIds")
    void hostileIdsBecomeOneSafeFileNameComponent(String id) {
        String name = BaselineIds.fileName(id);

        assertThat(name).matches("[A-Za-z0-9._~-]+").doesNotStartWith(".").hasSizeLessThanOrEqualTo(BaselineIds.MAX_PLAIN);
        assertThat(name).isNotEqualTo("..");
        Path root = Path.of("/tmp/baselines");
        assertThat(root.resolve(name).normalize().getParent()).isEqualTo(root);
        assertThat(BaselineIds.fileName(id)).as("stable").isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"smoke-test", "pricing.quote_10", "a.b-c"})
    void plainIdsStayAsTheyAre(String id) {
        assertThat(BaselineIds.fileName(id)).isEqualTo(id);
    }

    @Test
    void idsThatSanitiseAlikeStayApart() {
        List<String> ids = List.of("a/b", "a_b", "a:b", "a b", "A_b", "a_B", "a.b", "a\\b", "a~b", "a_b~" + "0".repeat(12),
                "x".repeat(500), "x".repeat(501), "quotes(int)[1]", "quotes(int)[2]", "quotes(int)[10]");
        Set<String> names = new HashSet<>();
        ids.forEach(id -> names.add(BaselineIds.fileName(id)));

        assertThat(names).hasSameSizeAs(ids);
    }

    @Test
    void caseOnlyDifferencesStayApartOnCaseInsensitiveFileSystems() {
        String upper = BaselineIds.fileName("Pricing");
        String lower = BaselineIds.fileName("pricing");

        assertThat(upper.toLowerCase()).isNotEqualTo(lower.toLowerCase());
    }

    @Test
    void aJUnitIdKeepsItsReadablePart() {
        assertThat(BaselineIds.fileName("com.acme.PricingTest#quotes(int)[1]"))
                .matches("com\\.acme\\.PricingTest_quotes_int__1_~[0-9a-f]{12}");
    }

    @Test
    void blankIdsAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> BaselineIds.fileName(" "))
                .withMessage("a baseline id must not be blank");
    }
}
