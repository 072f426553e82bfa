package dev.flamegate.samples;

/** Loyalty tiers; higher tiers unlock more discount rules. */
public enum CustomerTier {
    STANDARD, SILVER, GOLD
}
