package dev.flamegate.measure;

/** The version of flamegate on the class path, from the jar manifest, or {@code dev} in a build tree. */
public final class FlamegateVersion {

    private FlamegateVersion() {
    }

    public static String get() {
        String version = FlamegateVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
