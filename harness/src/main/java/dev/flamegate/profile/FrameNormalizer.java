package dev.flamegate.profile;

import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites frame names so that two runs of the same code give the same names. Immutable; start from
 * {@link #defaults()} (every rule on) or {@link #none()} and switch rules with the {@code with...} methods.
 *
 * <p>Rules, applied to each frame in this order:
 * <ol>
 *   <li>{@linkplain #withJitSuffixes JIT suffixes}: async-profiler's frame-type annotations {@code _[j]}
 *       (JIT compiled), {@code _[i]} (inlined), {@code _[0]} (interpreted), {@code _[1]} (C1), {@code _[k]}
 *       (kernel) are removed. Which tier ran a method differs from JVM to JVM; an inlined frame stays a
 *       frame of its own.</li>
 *   <li>{@linkplain #withHiddenClasses Lambdas and hidden classes}: {@code Foo$$Lambda$123/0x0000000800c0b440},
 *       {@code Foo$$Lambda.0x...}, {@code Foo$$Lambda/0x...}, {@code Foo$$Lambda+0x.../123} (JDK JFR) and
 *       {@code Foo$$Lambda$123} become {@code Foo$$Lambda}; any hidden class suffix ({@code LambdaForm$MH/0x...})
 *       is removed.</li>
 *   <li>{@linkplain #withGeneratedClasses Generated classes}: {@code jdk.proxy2.$Proxy12} becomes
 *       {@code jdk.proxy.$Proxy}, {@code GeneratedMethodAccessor42} and {@code GeneratedConstructorAccessor7}
 *       lose their number, CGLIB / ByteBuddy / Hibernate / Mockito class suffixes are removed. Stable names
 *       such as {@code DirectMethodHandle$Holder} are left alone (drop them with a {@link ProfileView}).</li>
 *   <li>{@linkplain #withHexAddresses Hex addresses}: any remaining {@code 0x} number of 4 or more digits
 *       becomes {@code 0x*}.</li>
 *   <li>{@linkplain #withDottedClassNames Dotted class names}: a Java frame written with slashes
 *       ({@code java/lang/String.equals}, async-profiler's collapsed default) becomes
 *       {@code java.lang.String.equals}, the form {@link JfrFormat} reads, so collapsed files and JFR
 *       recordings of the same code compare. Native frames (containing {@code ::}, whitespace, or starting
 *       with {@code /} or {@code [}) are left alone.</li>
 *   <li>{@linkplain #withThreadIds Thread frames}: async-profiler's per-thread root frames
 *       ({@code [pool-1-thread-3 tid=4711]}, {@code [tid=4711]}) lose the id and their numbers:
 *       {@code [pool-N-thread-N]}, {@code [thread]}. Checked first; a thread frame gets no other rule.</li>
 * </ol>
 */
public final class FrameNormalizer {

    private static final Pattern LAMBDA = Pattern.compile("\\$\\$Lambda(?:\\$\\d+)?(?:[/.+]0x[0-9a-fA-F]+)?(?:/\\d+)?");
    private static final Pattern HIDDEN_SUFFIX = Pattern.compile("(?<=[\\w$])[/.+]0x[0-9a-fA-F]{4,}(?:/\\d+)?");
    private static final Pattern PROXY_PACKAGE = Pattern.compile("\\bjdk([./])proxy\\d+(?=[./])");
    private static final Pattern PROXY_CLASS = Pattern.compile("\\$Proxy\\d+");
    private static final Pattern ACCESSOR = Pattern.compile("(Generated\\w*?Accessor)\\d+");
    private static final Pattern BYTECODE_GENERATED = Pattern.compile(
            "(\\$\\$(?:EnhancerBySpringCGLIB|EnhancerByCGLIB|FastClassBySpringCGLIB|FastClassByCGLIB|SpringCGLIB))\\$\\$\\w+"
                    + "|(\\$(?:HibernateProxy|ByteBuddy|MockitoMock))\\$\\w+");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]{4,}");
    private static final Pattern SLASHED_JAVA_FRAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(?:/[\\p{L}\\p{N}_$]+)+(?:\\..*)?");

    private static final Pattern THREAD_FRAME = Pattern.compile("\\[(?:(.*?) )?tid=\\d+]");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private static final FrameNormalizer DEFAULTS = new FrameNormalizer(true, true, true, true, true, true);
    private static final FrameNormalizer NONE = new FrameNormalizer(false, false, false, false, false, false);

    private final boolean jitSuffixes;
    private final boolean hiddenClasses;
    private final boolean generatedClasses;
    private final boolean hexAddresses;
    private final boolean dottedClassNames;
    private final boolean threadIds;

    private FrameNormalizer(boolean jitSuffixes, boolean hiddenClasses, boolean generatedClasses,
                            boolean hexAddresses, boolean dottedClassNames, boolean threadIds) {
        this.jitSuffixes = jitSuffixes;
        this.hiddenClasses = hiddenClasses;
        this.generatedClasses = generatedClasses;
        this.hexAddresses = hexAddresses;
        this.dottedClassNames = dottedClassNames;
        this.threadIds = threadIds;
    }

    /** Every rule on: what flamegate applies unless told otherwise. */
    public static FrameNormalizer defaults() {
        return DEFAULTS;
    }

    /** Every rule off: frames are kept as recorded. */
    public static FrameNormalizer none() {
        return NONE;
    }

    /** Strip {@code _[j] _[i] _[0] _[1] _[k]} frame-type suffixes. */
    public FrameNormalizer withJitSuffixes(boolean on) {
        return new FrameNormalizer(on, hiddenClasses, generatedClasses, hexAddresses, dottedClassNames, threadIds);
    }

    /** Remove lambda numbers and hidden-class suffixes. */
    public FrameNormalizer withHiddenClasses(boolean on) {
        return new FrameNormalizer(jitSuffixes, on, generatedClasses, hexAddresses, dottedClassNames, threadIds);
    }

    /** Remove numbers of generated proxies, reflection accessors and bytecode-generated subclasses. */
    public FrameNormalizer withGeneratedClasses(boolean on) {
        return new FrameNormalizer(jitSuffixes, hiddenClasses, on, hexAddresses, dottedClassNames, threadIds);
    }

    /** Replace remaining hex addresses by {@code 0x*}. */
    public FrameNormalizer withHexAddresses(boolean on) {
        return new FrameNormalizer(jitSuffixes, hiddenClasses, generatedClasses, on, dottedClassNames, threadIds);
    }

    /** Write Java class names with dots instead of slashes. */
    public FrameNormalizer withDottedClassNames(boolean on) {
        return new FrameNormalizer(jitSuffixes, hiddenClasses, generatedClasses, hexAddresses, on, threadIds);
    }

    /** Turn async-profiler's thread frames ({@code threads} option) into names without ids and numbers. */
    public FrameNormalizer withThreadIds(boolean on) {
        return new FrameNormalizer(jitSuffixes, hiddenClasses, generatedClasses, hexAddresses, dottedClassNames, on);
    }

    /** The normalised name of one frame. */
    public String normalize(String frame) {
        String name = frame;
        if (threadIds && name.startsWith("[") && name.endsWith("]")) {
            Matcher thread = THREAD_FRAME.matcher(name);
            if (thread.matches()) {
                String threadName = thread.group(1) == null ? "thread" : thread.group(1);
                return "[" + DIGITS.matcher(threadName).replaceAll("N") + "]";
            }
        }
        // Each rule is guarded by a substring its pattern cannot match without: most frames skip every regex.
        if (jitSuffixes && name.endsWith("]")) {
            name = withoutJitSuffix(name);
        }
        if (hiddenClasses) {
            if (name.contains("$$Lambda")) {
                name = LAMBDA.matcher(name).replaceAll("\\$\\$Lambda");
            }
            if (name.contains("0x")) {
                name = HIDDEN_SUFFIX.matcher(name).replaceAll("");
            }
        }
        if (generatedClasses) {
            if (name.contains("proxy")) {
                name = PROXY_PACKAGE.matcher(name).replaceAll("jdk$1proxy");
            }
            if (name.contains("$Proxy")) {
                name = PROXY_CLASS.matcher(name).replaceAll("\\$Proxy");
            }
            if (name.contains("Accessor")) {
                name = ACCESSOR.matcher(name).replaceAll("$1");
            }
            if (name.indexOf('$') >= 0) {
                name = BYTECODE_GENERATED.matcher(name).replaceAll(m -> Matcher.quoteReplacement(
                        m.group(1) != null ? m.group(1) : m.group(2)));
            }
        }
        if (hexAddresses && name.contains("0x")) {
            name = HEX.matcher(name).replaceAll("0x*");
        }
        if (dottedClassNames && name.indexOf('/') > 0 && SLASHED_JAVA_FRAME.matcher(name).matches()) {
            name = name.replace('/', '.');
        }
        return name;
    }

    /**
     * {@code name} without a final {@code _[j] _[i] _[k] _[0] _[1]}, async-profiler's frame-type suffix, which every
     * Java frame it writes carries: checked by its four characters, no regex.
     */
    private static String withoutJitSuffix(String name) {
        int n = name.length();
        if (n >= 4 && name.charAt(n - 4) == '_' && name.charAt(n - 3) == '[' && "jik01".indexOf(name.charAt(n - 2)) >= 0) {
            return name.substring(0, n - 4);
        }
        return name; // ends in ']' without a suffix: the pattern cannot match either
    }

    /** The renaming of frame names this normaliser applies; the identity for {@link #none()}. */
    public UnaryOperator<String> renaming() {
        return this.equals(NONE) ? UnaryOperator.identity() : this::normalize;
    }

    /**
     * {@code profile} with every frame normalised; stacks that become equal are merged, so the total is kept.
     */
    public Profile normalize(Profile profile) {
        if (this.equals(NONE)) {
            return profile;
        }
        return profile.withFramesRenamed(this::normalize);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FrameNormalizer that
                && jitSuffixes == that.jitSuffixes
                && hiddenClasses == that.hiddenClasses
                && generatedClasses == that.generatedClasses
                && hexAddresses == that.hexAddresses
                && dottedClassNames == that.dottedClassNames
                && threadIds == that.threadIds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(jitSuffixes, hiddenClasses, generatedClasses, hexAddresses, dottedClassNames,
                threadIds);
    }

    @Override
    public String toString() {
        return "FrameNormalizer[jitSuffixes=" + jitSuffixes + ", hiddenClasses=" + hiddenClasses
                + ", generatedClasses=" + generatedClasses + ", hexAddresses=" + hexAddresses
                + ", dottedClassNames=" + dottedClassNames + ", threadIds=" + threadIds + "]";
    }
}
