package dev.flamegate.junit;

import dev.flamegate.redact.Redactor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The baseline id and display name of a profiled test: {@code com.acme.PricingTest#quotes} for a plain
 * test, {@code com.acme.PricingTest#quotes[2: EUR, 10]} for the second invocation of a template, whose
 * JUnit display name was {@code [2] EUR, 10}. Nested classes keep their binary names ({@code Outer$Inner}).
 */
final class TestIds {

    /** The last segment of a template invocation's unique id, e.g. {@code [test-template-invocation:#2]}. */
    private static final Pattern INVOCATION_SEGMENT = Pattern.compile("\\[[a-z-]*invocation:#(\\d{1,9})]$");
    private static final Pattern DEFAULT_INVOCATION_NAME = Pattern.compile("\\[(\\d+)]\\s*(.*)", Pattern.DOTALL);

    /** The id and the name people know the test by. */
    record Names(String id, String displayName) {

        /**
         * Both names redacted: parameter values become part of baseline ids, directory names, baselines and
         * every report, so a secret passed as an argument must not survive into them.
         */
        Names redacted(Redactor redactor) {
            return new Names(redactor.redact(id), redactor.redact(displayName));
        }
    }

    private TestIds() {
    }

    static Names of(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        String method = context.getRequiredTestMethod().getName();
        String id = testClass.getName() + "#" + method;
        String display = testClass.getSimpleName() + "." + method;
        int invocation = invocationIndex(context.getUniqueId());
        if (invocation > 0) {
            String suffix = "[" + invocation + ": " + arguments(context.getDisplayName()) + "]";
            id += suffix;
            display += suffix;
        }
        return new Names(id, display);
    }

    /** The arguments part of an invocation display name; a custom display name is kept whole. */
    static String arguments(String displayName) {
        Matcher m = DEFAULT_INVOCATION_NAME.matcher(displayName);
        return m.matches() ? m.group(2) : displayName;
    }

    /** The 1-based index of a test template invocation, 0 for a plain test. */
    static int invocationIndex(String uniqueId) {
        Matcher m = INVOCATION_SEGMENT.matcher(uniqueId);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
