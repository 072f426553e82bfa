package dev.flamegate.ab;

/** One of the two versions an A/B run compares. */
public enum Side {
    /** The version compared against, e.g. the pull request's base commit. */
    BASE,
    /** The version under test, e.g. the pull request's head. */
    HEAD;

    /** {@code base} or {@code head}, as directory names and reports spell it. */
    public String label() {
        return this == BASE ? "base" : "head";
    }
}
