package dev.flamegate.samples;

/** The data path on the embedded H2 database (the default). */
class H2DataPathTest extends DataPathContract {
    @Override
    SampleDatabase database() {
        return SampleDatabase.h2();
    }

    @Override
    String expectedSystem() {
        return "h2";
    }
}
