package dev.flamegate.profile;

import dev.flamegate.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import one.jfr.ClassRef;
import one.jfr.JfrReader;
import one.jfr.MethodRef;
import one.jfr.StackTrace;
import one.jfr.event.AllocationSample;
import one.jfr.event.ContendedLock;
import one.jfr.event.ExecutionSample;

/**
 * Reads JFR recordings, both async-profiler's ({@code jfr} output) and the JDK Flight Recorder's own
 * ({@code jdk.ExecutionSample}, {@code jdk.ObjectAllocationSample}, ...), with jfr-converter's
 * {@link JfrReader}.
 *
 * <p><b>Frame names</b> follow flamegate's convention: Java frames are {@code package.Class.method} with
 * dots ({@code java.lang.String.equals}, {@code com.acme.Foo$Bar.<init>}), native and kernel frames are
 * the symbol as the profiler recorded it ({@code __memmove_avx_unaligned}, {@code JavaThread::run}).
 * No JIT-type suffixes ({@code _[j]}) are added. Collapsed files written by async-profiler with slashed
 * class names ({@code java/lang/String.equals}) reach the same convention through {@link FrameNormalizer}.
 *
 * <p><b>Events</b>: execution samples become {@link Event#CPU} (weight: samples); async-profiler's
 * {@code profiler.WallClockSample} events become {@link Event#WALL} (they are read with a guard against
 * async-profiler 4.4's newer wall-clock layout, on which jfr-converter 4.2's own parser hangs: convert
 * wall-clock recordings with this class, not with {@code one.convert.JfrToFlame}).
 * The JDK's {@code jdk.ExecutionSample} and {@code jdk.NativeMethodSample} both count as CPU, since the
 * reader does not tell them apart. Allocation samples become {@link Event#ALLOC} weighted by bytes (TLAB
 * size for in-TLAB samples, object size otherwise, as async-profiler's {@code --total} does), with the
 * allocated class as leaf frame. Contended locks become {@link Event#LOCK} weighted by nanoseconds
 * blocked, with the lock's class as leaf frame.
 */
public final class JfrFormat {

    /** The four bytes every JFR chunk starts with. */
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};

    private static final String WALL_CLOCK_SAMPLE = "profiler.WallClockSample";
    private static final byte TYPE_NATIVE = 3;
    private static final byte TYPE_CPP = 4;
    private static final byte TYPE_KERNEL = 5;

    private JfrFormat() {
    }

    /** Whether {@code file} starts with the JFR magic bytes {@code FLR\0}; false for unreadable or short files. */
    public static boolean isJfr(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads every profiled event of a recording. The map holds only events that have at least one
     * sample, in {@link Event} order.
     *
     * @throws InvalidInputException naming the file when it is missing, cut off or not a JFR recording
     */
    public static Map<Event, Profile> read(Path jfr) {
        return read(jfr, null).get(0);
    }

    /**
     * Reads a recording that spans several windows (e.g. the measured rounds of one test) and splits it:
     * each event goes to the window {@code [starts[i], ends[i])} that holds its time stamp; events outside
     * every window are left out. Window bounds are {@link System#nanoTime()} values. The recording's time
     * stamps are taken as such when its clock runs at 1 GHz and agrees with {@code System.nanoTime()} to
     * within a second (async-profiler with {@code clock=monotonic} on Linux, where both read
     * {@code CLOCK_MONOTONIC}); otherwise (JDK Flight Recorder, other clocks) they are converted through the
     * wall-clock start of each chunk, which is exact to a few microseconds.
     *
     * @param nanoTimeOrigin wall-clock time at which {@code System.nanoTime()} read 0, in nanoseconds since
     *     the epoch: {@link #nanoTimeOrigin()} taken while recording
     * @param starts window starts, ascending
     * @param ends window ends, {@code starts[i] <= ends[i] <= starts[i + 1]}
     * @return one map per window, as {@link #read(Path)} returns them
     * @throws InvalidInputException naming the file when it is missing, cut off or not a JFR recording
     */
    public static List<Map<Event, Profile>> readWindows(Path jfr, long nanoTimeOrigin, long[] starts, long[] ends) {
        if (starts.length != ends.length) {
            throw new IllegalArgumentException(starts.length + " window starts but " + ends.length + " ends");
        }
        for (int i = 0; i < starts.length; i++) {
            if (ends[i] < starts[i] || (i > 0 && starts[i] < ends[i - 1])) {
                throw new IllegalArgumentException("windows must be ordered and must not overlap, window " + i
                        + " is [" + starts[i] + ", " + ends[i] + ")");
            }
        }
        return read(jfr, new Windows(nanoTimeOrigin, starts.clone(), ends.clone()));
    }

    /** The wall-clock time, in nanoseconds since the epoch, at which {@link System#nanoTime()} read 0. */
    public static long nanoTimeOrigin() {
        Instant now = Instant.now();
        long nanoTime = System.nanoTime();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano() - nanoTime;
    }

    private static List<Map<Event, Profile>> read(Path jfr, Windows windows) {
        String source = jfr.toString();
        if (!Files.isRegularFile(jfr)) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "no such file",
                    "Check the path of the JFR recording");
        }
        try (JfrReader reader = new JfrReader(source)) {
            return new Conversion(reader, windows).run();
        } catch (IOException | RuntimeException e) {
            // JfrReader reports truncation as IOException("Incomplete JFR file") and garbage as
            // IOException or buffer exceptions; none of them is worth a stack trace to the user.
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new InvalidInputException(source, InvalidInputException.NO_LINE,
                    "not a complete JFR recording (" + detail + ")",
                    "The recording may have been cut off (profiler not stopped, disk full); record it again", e);
        }
    }

    /**
     * A wall-clock sample read field by field from the start of the event, whatever fields follow.
     * Public only because jfr-converter instantiates it reflectively; not part of flamegate's API.
     */
    public static final class WallClockSample extends ExecutionSample {
        /** Reads {@code startTime, sampledThread, stackTrace, state, samples}; the reader skips the rest. */
        public WallClockSample(JfrReader jfr) {
            // Arguments are evaluated left to right (JLS 15.7.4), which is the order of the fields.
            super(jfr.getVarlong(), jfr.getVarint(), jfr.getVarint(), jfr.getVarint(), jfr.getVarint());
        }
    }

    /** Time windows to split a recording into, in {@code System.nanoTime()} values. */
    private record Windows(long nanoTimeOrigin, long[] starts, long[] ends) {

        /** The window holding {@code nanos}, or -1. */
        int indexOf(long nanos) {
            int i = Arrays.binarySearch(starts, nanos);
            if (i < 0) {
                i = -i - 2; // the last window starting before nanos
            }
            return i >= 0 && nanos < ends[i] ? i : -1;
        }
    }

    /** One pass over a recording, chunk by chunk (ids of methods and stacks are only valid within a chunk). */
    private static final class Conversion {
        private final JfrReader jfr;
        private final Windows windows;
        private final List<Map<Event, Profile.Builder>> builders = new ArrayList<>();
        private final Map<Integer, List<String>> stacksOfChunk = new HashMap<>();
        private final Map<Long, String> methodsOfChunk = new HashMap<>();
        /** Per chunk: whether its time stamps are System.nanoTime() values, else how to convert them. */
        private boolean sameClock;
        private double nanosPerTick;
        private boolean asyncProfiler;
        private int cpuState = -1;

        Conversion(JfrReader jfr, Windows windows) {
            this.jfr = jfr;
            this.windows = windows;
            for (int i = 0; i < (windows == null ? 1 : windows.starts().length); i++) {
                builders.add(new EnumMap<>(Event.class));
            }
        }

        List<Map<Event, Profile>> run() throws IOException {
            jfr.stopAtNewChunk = true;
            while (jfr.hasMoreChunks()) {
                stacksOfChunk.clear();
                methodsOfChunk.clear();
                readChunkInfo();
                routeWallClockSamples();
                for (one.jfr.event.Event event; (event = jfr.readEvent()) != null; ) {
                    accept(event);
                }
            }
            if (jfr.incomplete()) {
                throw new IOException("Incomplete JFR file");
            }
            String engine = asyncProfiler ? "async-profiler/jfr" : "jdk-jfr";
            List<Map<Event, Profile>> result = new ArrayList<>(builders.size());
            for (int i = 0; i < builders.size(); i++) {
                long nanos = windows == null ? jfr.durationNanos() : windows.ends()[i] - windows.starts()[i];
                ProfileMetadata metadata = new ProfileMetadata(0, Duration.ofNanos(Math.max(0, nanos)), engine);
                Map<Event, Profile> profiles = new EnumMap<>(Event.class);
                builders.get(i).forEach((event, builder) -> profiles.put(event, builder.metadata(metadata).build()));
                result.add(Collections.unmodifiableMap(profiles));
            }
            return List.copyOf(result);
        }

        /** The window {@code event} belongs to, -1 for none; always 0 when not splitting. */
        private int windowOf(one.jfr.event.Event event) {
            if (windows == null) {
                return 0;
            }
            long nanos = sameClock ? event.time : jfr.chunkStartNanos - windows.nanoTimeOrigin()
                    + (long) ((event.time - jfr.chunkStartTicks) * nanosPerTick);
            return windows.indexOf(nanos);
        }

        private void readChunkInfo() {
            nanosPerTick = 1e9 / jfr.ticksPerSec;
            sameClock = windows != null && jfr.ticksPerSec == 1_000_000_000L
                    && Math.abs(jfr.chunkStartTicks - (jfr.chunkStartNanos - windows.nanoTimeOrigin())) < 1_000_000_000L;
            Map<Integer, String> states = jfr.enums.getOrDefault("jdk.types.ThreadState", Map.of());
            cpuState = -1;
            for (Map.Entry<Integer, String> state : states.entrySet()) {
                if ("STATE_DEFAULT".equals(state.getValue())) {
                    cpuState = state.getKey(); // async-profiler marks CPU samples so; wall samples carry real states
                }
            }
            asyncProfiler |= jfr.typesByName.containsKey(WALL_CLOCK_SAMPLE);
        }

        /**
         * async-profiler 4.4 added a {@code timeSpan} field to {@code profiler.WallClockSample} that jfr-converter
         * 4.2's built-in parser does not consume: it then misreads the rest of the chunk and loops forever. So
         * wall-clock samples are routed to {@link WallClockSample}, a custom event that the reader positions
         * by the event's size, whatever its fields. The reader re-caches its type ids for every chunk.
         */
        private void routeWallClockSamples() throws IOException {
            one.jfr.JfrClass type = jfr.typesByName.get(WALL_CLOCK_SAMPLE);
            if (type == null) {
                return;
            }
            try {
                Field builtIn = JfrReader.class.getDeclaredField("wallClockSample");
                builtIn.setAccessible(true);
                builtIn.setInt(jfr, -1);
                jfr.registerEvent(WALL_CLOCK_SAMPLE, WallClockSample.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                if (type.field("timeSpan") != null) {
                    throw new IOException("wall-clock samples in a layout this jfr-converter cannot read", e);
                }
                // Older layout: the built-in parser reads it, and thread states tell wall from CPU samples.
            }
        }

        private void accept(one.jfr.event.Event event) {
            Event kind;
            long weight;
            if (event instanceof WallClockSample sample) {
                kind = Event.WALL;
                weight = sample.samples;
            } else if (event instanceof ExecutionSample sample) {
                boolean wall = cpuState >= 0 && sample.threadState != cpuState
                        && sample.threadState != ExecutionSample.CPU_TIME_SAMPLE;
                kind = wall ? Event.WALL : Event.CPU;
                weight = sample.samples;
            } else if (event instanceof AllocationSample allocation) {
                kind = Event.ALLOC;
                weight = allocation.value();
            } else if (event instanceof ContendedLock lock) {
                kind = Event.LOCK;
                weight = (long) (lock.duration * (1e9 / jfr.ticksPerSec));
            } else {
                return;
            }
            int window = windowOf(event);
            if (window < 0 || weight <= 0) {
                return;
            }
            List<String> frames = frames(event);
            if (frames.isEmpty()) {
                return;
            }
            builders.get(window).computeIfAbsent(kind, Profile::builder).add(frames, weight);
        }

        private List<String> frames(one.jfr.event.Event event) {
            List<String> stack = stacksOfChunk.computeIfAbsent(event.stackTraceId, this::resolveStack);
            long classId = event.classId();
            if (classId == 0 || stack.isEmpty()) {
                return stack;
            }
            List<String> withClass = new ArrayList<>(stack.size() + 1);
            withClass.addAll(stack);
            withClass.add(className(classId));
            return withClass;
        }

        private List<String> resolveStack(int stackTraceId) {
            StackTrace trace = jfr.stackTraces.get(stackTraceId);
            if (trace == null) {
                return List.of();
            }
            String[] frames = new String[trace.methods.length];
            for (int i = 0; i < frames.length; i++) {
                // JFR stores the leaf first; flamegate stacks are root first.
                int from = frames.length - 1 - i;
                long method = trace.methods[from];
                byte type = trace.types[from];
                frames[i] = methodsOfChunk.computeIfAbsent(method * 8 + type, k -> methodName(method, type));
            }
            return List.of(frames);
        }

        private String methodName(long methodId, byte type) {
            MethodRef method = jfr.methods.get(methodId);
            if (method == null) {
                return "unknown";
            }
            ClassRef cls = jfr.classes.get(method.cls);
            String name = symbol(method.name);
            String className = cls == null ? "" : symbol(cls.name);
            if (className.isEmpty() || isNative(type)) {
                return name;
            }
            className = className.replace('/', '.');
            return name.isEmpty() ? className : className + '.' + name;
        }

        private boolean isNative(byte type) {
            // In JDK recordings TYPE_NATIVE marks Java native methods, which keep their class.
            return type == TYPE_NATIVE && jfr.getEnumValue("jdk.types.FrameType", TYPE_KERNEL) != null
                    || type == TYPE_CPP || type == TYPE_KERNEL;
        }

        private String className(long classId) {
            ClassRef cls = jfr.classes.get(classId);
            if (cls == null) {
                return "unknown";
            }
            String name = symbol(cls.name);
            int dimensions = 0;
            while (dimensions < name.length() && name.charAt(dimensions) == '[') {
                dimensions++;
            }
            String element = dimensions == 0 ? name : elementName(name.substring(dimensions));
            return element.replace('/', '.') + "[]".repeat(dimensions);
        }

        private static String elementName(String descriptor) {
            switch (descriptor.isEmpty() ? ' ' : descriptor.charAt(0)) {
                case 'B': return "byte";
                case 'C': return "char";
                case 'S': return "short";
                case 'I': return "int";
                case 'J': return "long";
                case 'Z': return "boolean";
                case 'F': return "float";
                case 'D': return "double";
                case 'L': return descriptor.substring(1, descriptor.endsWith(";") ? descriptor.length() - 1 : descriptor.length());
                default: return descriptor;
            }
        }

        private String symbol(long id) {
            byte[] bytes = jfr.symbols.get(id);
            return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
