package dev.flamegate.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An immutable multiset of weighted call stacks of one {@link Event}.
 *
 * <p>Stacks with the same frames are merged, so each distinct stack appears once; {@link #stacks()}
 * returns them sorted by their collapsed text, which makes every rendering of a profile deterministic.
 * Frame strings are interned per profile so that large profiles share their frame names.
 */
public final class Profile {

    private final Event event;
    private final WeightUnit unit;
    private final List<Stack> stacks;
    private final long total;
    private final ProfileMetadata metadata;

    private Profile(Event event, WeightUnit unit, List<Stack> stacks, long total, ProfileMetadata metadata) {
        this.event = event;
        this.unit = unit;
        this.stacks = stacks;
        this.total = total;
        this.metadata = metadata;
    }

    /** Starts a profile of {@code event} weighted in the event's default unit. */
    public static Builder builder(Event event) {
        return new Builder(event, event.defaultUnit());
    }

    /** Starts a profile of {@code event} weighted in {@code unit}. */
    public static Builder builder(Event event, WeightUnit unit) {
        return new Builder(event, unit);
    }

    /** An empty profile, for example of a round in which no sample was taken. */
    public static Profile empty(Event event, WeightUnit unit, ProfileMetadata metadata) {
        return builder(event, unit).metadata(metadata).build();
    }

    public Event event() {
        return event;
    }

    public WeightUnit unit() {
        return unit;
    }

    /** The distinct stacks, sorted by collapsed text; unmodifiable. */
    public List<Stack> stacks() {
        return stacks;
    }

    /** Sum of all stack weights. */
    public long total() {
        return total;
    }

    public ProfileMetadata metadata() {
        return metadata;
    }

    public boolean isEmpty() {
        return stacks.isEmpty();
    }

    /** A profile with the same event, unit and metadata whose stacks are {@code stacks} (merged again). */
    public Profile withStacks(Iterable<Stack> newStacks) {
        Builder builder = new Builder(event, unit).metadata(metadata);
        for (Stack stack : newStacks) {
            builder.add(stack.frames(), stack.weight());
        }
        return builder.build();
    }

    /**
     * This profile with every frame renamed by {@code rename}, which is called once per distinct name;
     * stacks that become equal are merged, so the total is kept.
     */
    public Profile withFramesRenamed(UnaryOperator<String> rename) {
        return new Builder(event, unit).metadata(metadata).renaming(rename).addAll(this).build();
    }

    /** This profile with other metadata. */
    public Profile withMetadata(ProfileMetadata newMetadata) {
        return new Profile(event, unit, stacks, total, Objects.requireNonNull(newMetadata, "metadata"));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Profile that
                && event == that.event
                && unit == that.unit
                && total == that.total
                && stacks.equals(that.stacks)
                && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(event, unit, stacks, metadata);
    }

    @Override
    public String toString() {
        return "Profile[" + event + ", " + stacks.size() + " stacks, total " + total + " " + unit + "]";
    }

    /**
     * Collects stacks, merging equal ones. Not thread-safe; build once.
     */
    public static final class Builder {
        private final Event event;
        private final WeightUnit unit;
        private final StackTable weights = new StackTable();
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, String> renamed = new HashMap<>();
        private UnaryOperator<String> rename = UnaryOperator.identity();
        private ProfileMetadata metadata = ProfileMetadata.UNKNOWN;

        private Builder(Event event, WeightUnit unit) {
            this.event = Objects.requireNonNull(event, "event");
            this.unit = Objects.requireNonNull(unit, "unit");
        }

        public Builder metadata(ProfileMetadata newMetadata) {
            this.metadata = Objects.requireNonNull(newMetadata, "metadata");
            return this;
        }

        /**
         * Renames every frame added from now on by {@code value} (called once per distinct name); stacks that become
         * equal are merged, as {@link Profile#withFramesRenamed} does.
         */
        public Builder renaming(UnaryOperator<String> value) {
            this.rename = Objects.requireNonNull(value, "rename");
            return this;
        }

        /** Adds {@code weight} to the stack {@code frames} (root first). */
        public Builder add(List<String> frames, long weight) {
            if (frames.isEmpty()) {
                throw new IllegalArgumentException("A stack has at least one frame");
            }
            if (weight <= 0) {
                throw new IllegalArgumentException("Stack weight must be positive, was " + weight);
            }
            String[] interned = new String[frames.size()];
            for (int i = 0; i < interned.length; i++) {
                String frame = Objects.requireNonNull(frames.get(i), "frame");
                interned[i] = names.computeIfAbsent(frame, f -> renamed.computeIfAbsent(rename.apply(f), r -> r));
            }
            addInterned(interned, interned.length, weight);
            return this;
        }

        /**
         * Adds {@code weight} to the stack of the first {@code depth} of {@code frames}, names the caller has already
         * made one string each (as {@link CollapsedReader} does): no second interning.
         */
        void addInterned(String[] frames, int depth, long weight) {
            weights.add(frames, depth, weight);
        }

        /** Adds every stack of {@code profile} with its weight. */
        public Builder addAll(Profile profile) {
            for (Stack stack : profile.stacks()) {
                add(stack.frames(), stack.weight());
            }
            return this;
        }

        /** Adds {@code weight} to the stack given in collapsed notation {@code a;b;c}. */
        public Builder add(String collapsedStack, long weight) {
            return add(Arrays.asList(collapsedStack.split(";", -1)), weight);
        }

        public Profile build() {
            List<Stack> stacks = new ArrayList<>(weights.size());
            long total = 0;
            for (int i = 0; i < weights.size(); i++) {
                stacks.add(new Stack(List.of(weights.frames(i)), weights.weight(i)));
                total = Math.addExact(total, weights.weight(i));
            }
            stacks.sort(Profile::compareFrames);
            return new Profile(event, unit, Collections.unmodifiableList(stacks), total, metadata);
        }
    }

    /**
     * The distinct stacks of a builder and their summed weights, in insertion order (stacks read from a sorted file
     * then need one pass of the sort, not n log n). An open-addressing table over frame arrays: looking a stack up
     * makes no list, view or iterator, which a hundred thousand lines would otherwise each make.
     */
    private static final class StackTable {
        private String[][] frames = new String[256][];
        private long[] weights = new long[256];
        private int[] hashes = new int[256];
        private int size;
        /** Index + 1 into the arrays above; 0 is an empty slot. */
        private int[] slots = new int[512];

        int size() {
            return size;
        }

        String[] frames(int index) {
            return frames[index];
        }

        long weight(int index) {
            return weights[index];
        }

        /** Adds {@code weight} to the stack of the first {@code depth} of {@code stack}, copied when new. */
        void add(String[] stack, int depth, long weight) {
            int hash = 1; // List.hashCode's, from the names' cached hashes
            for (int i = 0; i < depth; i++) {
                hash = 31 * hash + stack[i].hashCode();
            }
            int slot = firstSlot(hash);
            while (slots[slot] != 0) {
                int index = slots[slot] - 1;
                if (hashes[index] == hash && same(frames[index], stack, depth)) {
                    weights[index] = Math.addExact(weights[index], weight);
                    return;
                }
                slot = (slot + 1) & (slots.length - 1);
            }
            if (size == frames.length) {
                frames = Arrays.copyOf(frames, size * 2);
                weights = Arrays.copyOf(weights, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            frames[size] = Arrays.copyOf(stack, depth);
            weights[size] = weight;
            hashes[size] = hash;
            slots[slot] = ++size;
            if (size * 2 > slots.length) {
                rehash();
            }
        }

        private static boolean same(String[] key, String[] stack, int depth) {
            if (key.length != depth) {
                return false;
            }
            for (int i = 0; i < depth; i++) {
                if (key[i] != stack[i] && !key[i].equals(stack[i])) {
                    return false;
                }
            }
            return true;
        }

        private void rehash() {
            slots = new int[slots.length * 2];
            for (int index = 0; index < size; index++) {
                int slot = firstSlot(hashes[index]);
                while (slots[slot] != 0) {
                    slot = (slot + 1) & (slots.length - 1);
                }
                slots[slot] = index + 1;
            }
        }

        /** Where a stack of {@code hash} is looked for first: its high bits mixed in, as {@link java.util.HashMap} does. */
        private int firstSlot(int hash) {
            return (hash ^ (hash >>> 16)) & (slots.length - 1);
        }
    }

    /** Orders stacks frame by frame, which equals ordering their collapsed text by frame. */
    private static int compareFrames(Stack a, Stack b) {
        List<String> x = a.frames();
        List<String> y = b.frames();
        int common = Math.min(x.size(), y.size());
        for (int i = 0; i < common; i++) {
            String s = x.get(i);
            String t = y.get(i);
            if (s != t) { // interned names: most frames of neighbouring stacks are the same string
                int c = s.compareTo(t);
                if (c != 0) {
                    return c;
                }
            }
        }
        return Integer.compare(x.size(), y.size());
    }
}
