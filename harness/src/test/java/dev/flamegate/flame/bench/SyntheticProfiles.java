package dev.flamegate.flame.bench;

import dev.flamegate.profile.Event;
import dev.flamegate.profile.Profile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Deterministic pairs of large, realistic-looking CPU profiles for scale tests and benchmarks.
 *
 * <p>Stacks are random walks down a call graph in which each frame calls one of a few callees, so
 * stacks share long prefixes as real ones do; weights are heavy-tailed. The after profile keeps 90 %
 * of the before stacks with weights changed by up to ±50 %, drops the rest and adds as many new ones.
 */
public final class SyntheticProfiles {

    /** A before/after pair. */
    public record Pair(Profile before, Profile after) {
    }

    private static final int VOCABULARY = 4000;
    private static final int FAN_OUT = 5;

    private SyntheticProfiles() {
    }

    /** Two profiles of {@code distinctStacks} distinct stacks each, the same for the same seed. */
    public static Pair pair(int distinctStacks, long seed) {
        Random random = new Random(seed);
        String[] names = vocabulary(random);
        List<List<String>> stacks = distinctStacks(distinctStacks + distinctStacks / 10, names, random);
        Profile.Builder before = Profile.builder(Event.CPU);
        Profile.Builder after = Profile.builder(Event.CPU);
        int dropped = distinctStacks / 10;
        for (int i = 0; i < distinctStacks; i++) {
            long weight = weight(random);
            before.add(stacks.get(i), weight);
            if (i >= dropped) {
                after.add(stacks.get(i), Math.max(1, Math.round(weight * (0.5 + random.nextDouble()))));
            }
        }
        for (int i = distinctStacks; i < stacks.size(); i++) {
            after.add(stacks.get(i), weight(random));
        }
        return new Pair(before.build(), after.build());
    }

    private static String[] vocabulary(Random random) {
        String[] packages = {"com.acme.order", "com.acme.billing", "com.acme.search", "io.netty.channel",
            "org.hibernate.engine", "java.util.concurrent", "com.fasterxml.jackson.databind", "jdk.internal.misc"};
        String[] verbs = {"handle", "process", "read", "write", "lookup", "apply", "invoke", "encode", "decode", "run"};
        String[] names = new String[VOCABULARY];
        for (int i = 0; i < VOCABULARY; i++) {
            names[i] = packages[random.nextInt(packages.length)] + ".Type" + (i / 7) + "."
                    + verbs[random.nextInt(verbs.length)] + i + (random.nextInt(8) == 0 ? "_[i]" : "_[j]");
        }
        return names;
    }

    private static List<List<String>> distinctStacks(int count, String[] names, Random random) {
        Set<List<String>> seen = new HashSet<>(count * 2);
        List<List<String>> stacks = new ArrayList<>(count);
        String[] roots = Arrays.copyOf(names, 8);
        while (stacks.size() < count) {
            int depth = 8 + random.nextInt(33);
            String[] frames = new String[depth];
            int current = random.nextInt(roots.length);
            for (int d = 0; d < depth; d++) {
                frames[d] = names[current];
                // each frame calls one of a few callees fixed by its own index: a call graph, not noise;
                // few choices near the thread root (executors, frameworks), more in the application below
                int callee = random.nextInt(d < 3 ? 1 : d < 8 ? 2 : FAN_OUT);
                current = Math.floorMod(current * 31 + callee * 977 + d, VOCABULARY);
            }
            List<String> stack = List.of(frames);
            if (seen.add(stack)) {
                stacks.add(stack);
            }
        }
        return stacks;
    }

    /** Heavy tail: most stacks are seen a few times, a few very often. */
    private static long weight(Random random) {
        return 1 + (long) Math.min(20_000, Math.pow(1 - random.nextDouble(), -1.3));
    }
}
