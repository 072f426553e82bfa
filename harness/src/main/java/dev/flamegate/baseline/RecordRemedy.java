package dev.flamegate.baseline;

/**
 * How to record a baseline again, as one sentence for error messages: the Maven command, with the Surefire
 * {@code -Dtest} selector of a test's id when it has one.
 */
public final class RecordRemedy {

    private RecordRemedy() {
    }

    /** How to re-record the baseline of {@code id}, as a sentence. */
    public static String forId(String id) {
        return sentence("Re-record", id);
    }

    /** How to record the missing baseline of {@code id}, as a sentence. */
    public static String firstRecord(String id) {
        return sentence("Record", id);
    }

    private static String sentence(String verb, String id) {
        String test = id == null ? null : testSelector(id);
        return test == null
                ? verb + " the baseline with -Dflamegate.mode=record (mvn verify -Dflamegate.mode=record) and commit it"
                : verb + " the baseline with: mvn verify -Dflamegate.mode=record -Dtest='" + test + "' and commit it";
    }

    /** {@code com.acme.PricingTest#quotes(int)} → {@code PricingTest#quotes}, the surefire -Dtest form. */
    private static String testSelector(String id) {
        int hash = id.indexOf('#');
        if (hash <= 0) {
            return null;
        }
        String className = id.substring(0, hash);
        className = className.substring(className.lastIndexOf('.') + 1);
        String method = id.substring(hash + 1);
        int cut = 0;
        while (cut < method.length() && Character.isJavaIdentifierPart(method.charAt(cut))) {
            cut++;
        }
        method = method.substring(0, cut);
        return method.isEmpty() ? className : className + "#" + method;
    }
}
