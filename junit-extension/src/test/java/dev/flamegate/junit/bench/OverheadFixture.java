package dev.flamegate.junit.bench;

import dev.flamegate.junit.ProfiledTest;
import dev.flamegate.junit.fixtures.Work;

/** The workload of the overhead measurement: about 1 ms of CPU per invocation, default settings. */
public class OverheadFixture {

    public static long invocations;

    @ProfiledTest
    void defaults() {
        invocations++;
        Work.spin(1_000);
    }
}
