package dev.flamegate.junit;

import dev.flamegate.profile.Profile;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link Profile}; see {@link FlamegateAssertions}. */
public class ProfileAssert extends AbstractAssert<ProfileAssert, Profile> {

    ProfileAssert(Profile actual) {
        super(actual, ProfileAssert.class);
    }

    /**
     * Narrows to the frame named exactly {@code name} (e.g. {@code com.acme.Pricing.quote}).
     *
     * @throws IllegalArgumentException for a blank name
     */
    public FrameAssert frame(String name) {
        isNotNull();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the frame name must not be blank");
        }
        return new FrameAssert(actual, name);
    }

    /** Verifies the profile has samples. */
    public ProfileAssert isNotEmpty() {
        isNotNull();
        if (actual.isEmpty()) {
            failWithMessage("%nExpecting the %s profile%nto have samples, but it has none (did the profiler run?)",
                    actual.event());
        }
        return myself;
    }
}
