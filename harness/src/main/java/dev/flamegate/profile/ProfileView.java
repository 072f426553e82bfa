package dev.flamegate.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A filtered view of a profile: which frames and stacks to look at. Immutable; built with {@link #builder()}
 * and applied with {@link #apply(Profile)}, which returns a new profile (event, unit and metadata kept, total
 * recomputed). Patterns are {@link Pattern#find() found} in a frame name, so {@code com\.acme} matches any
 * frame containing it; anchor with {@code ^} to match prefixes only.
 *
 * <p>The steps run in this order, each on the result of the one before:
 * <ol>
 *   <li><b>drop frames</b> ({@link Builder#dropFrames}): matching frames are removed from every stack and
 *       the stack keeps its weight, now attributed to the remaining frames. Use it for glue between the
 *       code you care about: test runners, reflection, flamegate itself ({@link #HARNESS_FRAMES}).
 *       A stack made only of matching frames disappears with its weight.</li>
 *   <li><b>exclude stacks</b> ({@link Builder#excludeStacks}): stacks containing a matching frame are removed
 *       with their weight, like FlameGraph's {@code grep -v} and jfr-converter's {@code --exclude}.</li>
 *   <li><b>include stacks</b> ({@link Builder#includeStacks}): only stacks containing a matching frame
 *       are kept, like jfr-converter's {@code --include}.</li>
 *   <li><b>focus</b> ({@link Builder#focus}): only stacks containing a matching frame are kept, and each is
 *       re-rooted at its outermost matching frame (the frames above it, towards the thread root, are
 *       removed), so the flame graph starts at the code in focus.</li>
 *   <li><b>collapse recursion</b> ({@link Builder#collapseRecursion}): runs of the same frame directly
 *       calling itself become one frame ({@code a;b;b;b;c} becomes {@code a;b;c}); indirect recursion
 *       ({@code a;b;c;b;c}) is kept.</li>
 * </ol>
 * Stacks that become equal are merged.
 */
public final class ProfileView {

    /** The alternatives of {@link #LINKAGE_FRAMES}, shared with {@link #HARNESS_FRAMES}. */
    private static final String LINKAGE = "java\\.lang\\.invoke\\.(?:LambdaForm|DirectMethodHandle|BoundMethodHandle"
            + "|DelegatingMethodHandle|Invokers|MethodHandle)|jdk\\.internal\\.reflect\\.|sun\\.reflect\\.";

    /**
     * Frames of the machinery around a workload that every run shares and no change of the workload moves:
     * JUnit, Surefire and Failsafe, Gradle's test worker, IntelliJ's runner, JMH's runner and generated
     * {@code jmh_generated} stubs, flamegate's own front
     * ends, and reflection / method-handle glue. Meant for {@link Builder#dropFrames}.
     */
    public static final Pattern HARNESS_FRAMES = Pattern.compile(
            "^(?:org\\.junit\\.|junit\\.framework\\.|org\\.apache\\.maven\\.surefire\\.|org\\.apache\\.maven\\.plugin\\.surefire\\."
                    + "|org\\.gradle\\.|worker\\.org\\.gradle\\.|com\\.intellij\\.rt\\.|org\\.openjdk\\.jmh\\.runner\\."
                    + "|[\\w.$]*\\.jmh_generated\\."
                    + "|dev\\.flamegate\\.(?:junit|jmh|capture)\\."
                    + "|java\\.lang\\.reflect\\.Method\\.invoke|" + LINKAGE
                    + "|jdk\\.proxy\\.|com\\.sun\\.proxy\\.)");

    /**
     * Frames of the glue that links one Java method to another: method-handle lambda forms and holders
     * ({@code LambdaForm$MH.invoke}, {@code Invokers$Holder.linkToTargetMethod},
     * {@code DirectMethodHandle$Holder.invokeStatic}) and reflection accessors. Which of these chains a call goes
     * through is decided by the JVM at run time (when a call site is linked, when reflection inflates, what the JIT
     * inlined), so two runs of the same code can split one call between different chains. Part of
     * {@link #HARNESS_FRAMES}.
     */
    public static final Pattern LINKAGE_FRAMES = Pattern.compile("^(?:" + LINKAGE + ")");

    private static final ProfileView ALL = builder().build();

    /** Bits of {@link #match}: which step's patterns a frame matches. */
    private static final int DROP = 1;
    private static final int EXCLUDE = 2;
    private static final int INCLUDE = 4;
    private static final int FOCUS = 8;

    private final List<Pattern> dropFrames;
    private final List<Pattern> excludeStacks;
    private final List<Pattern> includeStacks;
    private final Pattern focus;
    private final boolean collapseRecursion;

    private ProfileView(Builder builder) {
        this.dropFrames = List.copyOf(builder.dropFrames);
        this.excludeStacks = List.copyOf(builder.excludeStacks);
        this.includeStacks = List.copyOf(builder.includeStacks);
        this.focus = builder.focus;
        this.collapseRecursion = builder.collapseRecursion;
    }

    /** The view that changes nothing. */
    public static ProfileView all() {
        return ALL;
    }

    /** A view dropping {@link #HARNESS_FRAMES}: what flamegate shows of a profiled test by default. */
    public static ProfileView withoutHarnessFrames() {
        return builder().dropFrames(HARNESS_FRAMES).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The profile as this view shows it. */
    public Profile apply(Profile profile) {
        if (this == ALL) {
            return profile;
        }
        // Frame names repeat across stacks and a profile holds each name as one string: match each distinct name
        // against the patterns once, looked up by identity. Sorted stacks share their prefix with the stack before,
        // whose frames' bits are still in the array: only the rest is looked up.
        Map<String, Integer> matches = new IdentityHashMap<>();
        List<Stack> kept = new ArrayList<>(profile.stacks().size());
        boolean changed = false;
        List<String> previous = List.of();
        int[] bits = new int[64];
        for (Stack stack : profile.stacks()) {
            List<String> original = stack.frames();
            if (original.size() > bits.length) {
                bits = Arrays.copyOf(bits, Math.max(original.size(), bits.length * 2));
            }
            int common = 0;
            int limit = Math.min(original.size(), previous.size());
            while (common < limit && original.get(common) == previous.get(common)) {
                common++;
            }
            for (int i = common; i < original.size(); i++) {
                Integer known = matches.get(original.get(i));
                bits[i] = known != null ? known : matchOnce(original.get(i), matches);
            }
            previous = original;
            List<String> frames = view(original, bits);
            if (frames.isEmpty()) {
                changed = true;
            } else {
                boolean same = frames == original || frames.equals(original);
                changed |= !same;
                kept.add(same ? stack : new Stack(frames, stack.weight()));
            }
        }
        // Most views of most profiles change nothing (no harness frame to drop): no second build of the profile.
        return changed ? profile.withStacks(kept) : profile;
    }

    /** {@link #match} of a name seen for the first time, remembered: the rare path, kept out of the loop's code. */
    private int matchOnce(String frame, Map<String, Integer> matches) {
        int bits = match(frame);
        matches.put(frame, bits);
        return bits;
    }

    /** Which steps' patterns {@code frame} matches, as a bit set. */
    private int match(String frame) {
        return (anyFinds(dropFrames, frame) ? DROP : 0)
                | (anyFinds(excludeStacks, frame) ? EXCLUDE : 0)
                | (anyFinds(includeStacks, frame) ? INCLUDE : 0)
                | (focus != null && focus.matcher(frame).find() ? FOCUS : 0);
    }

    /**
     * The frames of one stack as this view shows them; empty when the view removes the stack. {@code bits} holds
     * {@link #match} of each of {@code original}'s frames, in order.
     */
    private List<String> view(List<String> original, int[] bits) {
        List<String> frames = original;
        int[] frameBits = bits;
        if (!dropFrames.isEmpty() && indexOf(bits, original.size(), DROP) >= 0) {
            frames = new ArrayList<>(original.size());
            frameBits = new int[original.size()];
            for (int i = 0; i < original.size(); i++) {
                if ((bits[i] & DROP) == 0) {
                    frameBits[frames.size()] = bits[i];
                    frames.add(original.get(i));
                }
            }
        }
        if (!excludeStacks.isEmpty() && indexOf(frameBits, frames.size(), EXCLUDE) >= 0) {
            return List.of();
        }
        if (!includeStacks.isEmpty() && indexOf(frameBits, frames.size(), INCLUDE) < 0) {
            return List.of();
        }
        if (focus != null) {
            int root = indexOf(frameBits, frames.size(), FOCUS);
            if (root < 0) {
                return List.of();
            }
            frames = frames.subList(root, frames.size());
        }
        return collapseRecursion ? collapseRecursion(frames) : frames;
    }

    /** The first of the {@code size} frames whose bits include {@code step}, or -1. */
    private static int indexOf(int[] bits, int size, int step) {
        for (int i = 0; i < size; i++) {
            if ((bits[i] & step) != 0) {
                return i;
            }
        }
        return -1;
    }

    /** Collapses directly recursive runs: {@code a;b;b;b;c} becomes {@code a;b;c}. */
    public static List<String> collapseRecursion(List<String> frames) {
        List<String> collapsed = new ArrayList<>(frames.size());
        String previous = null;
        for (String frame : frames) {
            if (!frame.equals(previous)) {
                collapsed.add(frame);
            }
            previous = frame;
        }
        return collapsed;
    }

    private static boolean anyFinds(List<Pattern> patterns, String frame) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(frame).find()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ProfileView[dropFrames=" + dropFrames + ", excludeStacks=" + excludeStacks + ", includeStacks="
                + includeStacks + ", focus=" + focus + ", collapseRecursion=" + collapseRecursion + "]";
    }

    /** Collects the steps of a view. Every method may be called more than once; patterns add up. */
    public static final class Builder {
        private final List<Pattern> dropFrames = new ArrayList<>();
        private final List<Pattern> excludeStacks = new ArrayList<>();
        private final List<Pattern> includeStacks = new ArrayList<>();
        private Pattern focus;
        private boolean collapseRecursion;

        private Builder() {
        }

        /** Remove frames matching {@code pattern} from every stack, keeping the stack's weight. */
        public Builder dropFrames(Pattern pattern) {
            dropFrames.add(Objects.requireNonNull(pattern, "pattern"));
            return this;
        }

        /** Remove stacks with a frame matching {@code pattern}, with their weight. */
        public Builder excludeStacks(Pattern pattern) {
            excludeStacks.add(Objects.requireNonNull(pattern, "pattern"));
            return this;
        }

        /** Keep only stacks with a frame matching {@code pattern} (any of the patterns, when called again). */
        public Builder includeStacks(Pattern pattern) {
            includeStacks.add(Objects.requireNonNull(pattern, "pattern"));
            return this;
        }

        /** Keep only stacks with a frame matching {@code pattern}, rooted at the outermost such frame. */
        public Builder focus(Pattern pattern) {
            this.focus = Objects.requireNonNull(pattern, "pattern");
            return this;
        }

        /** Collapse directly recursive runs of a frame into one frame. */
        public Builder collapseRecursion(boolean on) {
            this.collapseRecursion = on;
            return this;
        }

        public ProfileView build() {
            return new ProfileView(this);
        }
    }
}
