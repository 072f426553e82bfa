package dev.flamegate.ab;

import dev.flamegate.baseline.Baseline;
import java.util.Objects;

/**
 * One test's two runs in one pair: same machine, minutes apart, in fresh JVMs.
 *
 * @param pair the pair, counting from 1
 * @param baseFirst whether base ran first
 * @param base base's run of the test
 * @param head head's run of the test
 */
record PairedRuns(int pair, boolean baseFirst, Baseline base, Baseline head) {

    public PairedRuns {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(head, "head");
        if (!base.id().equals(head.id())) {
            throw new IllegalArgumentException("a pair holds one test, but base ran " + base.id() + " and head " + head.id());
        }
    }
}
