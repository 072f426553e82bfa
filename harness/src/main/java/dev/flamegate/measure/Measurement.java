package dev.flamegate.measure;

import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything measured for one test or benchmark id in one run: its rounds and where they ran.
 *
 * @param id the stable id of the test or benchmark, e.g.
 *     {@code com.acme.PricingTest#quotesAnOrder} or {@code com.acme.bench.PricingBench.quote[size=10]};
 *     {@code BaselineStore} turns it into a safe file name
 * @param displayName how people know it, for reports
 * @param environment the fingerprint of the machine and settings of this run
 * @param rounds the measured rounds in order, at least one
 */
public record Measurement(String id, String displayName, Environment environment, List<Round> rounds) {

    public Measurement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(environment, "environment");
        rounds = List.copyOf(rounds);
        if (id.isBlank()) {
            throw new IllegalArgumentException("measurement id must not be blank");
        }
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("measurement " + id + " has no rounds");
        }
    }

    /**
     * Each event's profiles of all rounds merged into one profile (with the first round's metadata): what the flame
     * graphs and diffs of a run show.
     */
    public Map<Event, Profile> mergedProfiles() {
        Map<Event, Profile.Builder> builders = new EnumMap<>(Event.class);
        for (Round round : rounds) {
            round.profiles().forEach((event, profile) -> builders.computeIfAbsent(event,
                    e -> Profile.builder(e, profile.unit()).metadata(profile.metadata())).addAll(profile));
        }
        Map<Event, Profile> merged = new EnumMap<>(Event.class);
        builders.forEach((event, builder) -> merged.put(event, builder.build()));
        return merged;
    }

    /** The per-invocation values of {@code metric}, one per round that has it, in round order. */
    public double[] values(Metric metric) {
        return rounds.stream()
                .filter(r -> r.metrics().containsKey(metric))
                .mapToDouble(r -> r.metrics().get(metric))
                .toArray();
    }
}
