package dev.flamegate.jmh;

import dev.flamegate.baseline.RecordInstructions;

/**
 * How a benchmark's baseline is recorded with Maven: {@code mvn verify -Dflamegate.mode=record} with
 * {@code -Dflamegate.only=<id>}, so that only that benchmark runs ({@link GateConfig#ONLY_KEY}).
 */
final class JmhRecordCommand implements RecordInstructions {

    static final JmhRecordCommand INSTANCE = new JmhRecordCommand();

    private JmhRecordCommand() {
    }

    @Override
    public String command(String id) {
        return id == null || id.isBlank() ? "mvn verify -Dflamegate.mode=record"
                : "mvn verify -Dflamegate.mode=record -D" + GateConfig.ONLY_KEY + "='" + id.replace("'", "") + "'";
    }
}
