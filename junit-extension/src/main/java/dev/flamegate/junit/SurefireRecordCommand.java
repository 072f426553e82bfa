package dev.flamegate.junit;

import dev.flamegate.baseline.RecordInstructions;

/**
 * How a profiled test's baseline is recorded with Maven: {@code mvn verify -Dflamegate.mode=record} with the
 * Surefire {@code -Dtest} selector of the test's id, so that only that test runs.
 */
final class SurefireRecordCommand implements RecordInstructions {

    static final SurefireRecordCommand INSTANCE = new SurefireRecordCommand();

    private SurefireRecordCommand() {
    }

    @Override
    public String command(String id) {
        String test = id == null ? null : testSelector(id);
        return test == null ? "mvn verify -Dflamegate.mode=record"
                : "mvn verify -Dflamegate.mode=record -Dtest='" + test + "'";
    }

    /** {@code com.acme.PricingTest#quotes(int)} → {@code PricingTest#quotes}; {@code null} for an id without a method. */
    static String testSelector(String id) {
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
