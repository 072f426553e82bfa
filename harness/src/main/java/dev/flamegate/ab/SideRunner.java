package dev.flamegate.ab;

import java.util.Set;

/** Runs one side of one pair in a fresh process. */
interface SideRunner {

    /**
     * Runs {@code side} for pair {@code pair}.
     *
     * @param only the test ids to run; empty runs all of them
     * @throws AbException when the side could not be started at all
     */
    SideRun run(int pair, Side side, Set<String> only);
}
