package dev.flamegate.profile;

import dev.flamegate.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        String source = jfr.toString();
        if (!Files.isRegularFile(jfr)) {
            throw new InvalidInputException(source, InvalidInputException.NO_LINE, "no such file",
                    "Check the path of the JFR recording");
        }
        try (JfrReader reader = new JfrReader(source)) {
            return new Conversion(reader).run();
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

    /** One pass over a recording, chunk by chunk (ids of methods and stacks are only valid within a chunk). */
    private static final class Conversion {
        private final JfrReader jfr;
        private final Map<Event, Profile.Builder> builders = new EnumMap<>(Event.class);
        private final Map<Integer, List<String>> stacksOfChunk = new HashMap<>();
        private final Map<Long, String> methodsOfChunk = new HashMap<>();
        private boolean asyncProfiler;
        private int cpuState = -1;

        Conversion(JfrReader jfr) {
            this.jfr = jfr;
        }

        Map<Event, Profile> run() throws IOException {
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
            ProfileMetadata metadata = new ProfileMetadata(0, Duration.ofNanos(Math.max(0, jfr.durationNanos())),
                    asyncProfiler ? "async-profiler/jfr" : "jdk-jfr");
            Map<Event, Profile> profiles = new EnumMap<>(Event.class);
            builders.forEach((event, builder) -> profiles.put(event, builder.metadata(metadata).build()));
            return Collections.unmodifiableMap(profiles);
        }

        private void readChunkInfo() {
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
                java.lang.reflect.Field builtIn = JfrReader.class.getDeclaredField("wallClockSample");
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
            List<String> frames = frames(event);
            if (frames.isEmpty() || weight <= 0) {
                return;
            }
            builders.computeIfAbsent(kind, Profile::builder).add(frames, weight);
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
