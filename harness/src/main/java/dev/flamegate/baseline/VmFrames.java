package dev.flamegate.baseline;

import dev.flamegate.profile.Stack;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Recognises stacks that belong to the garbage collector or other JVM-internal threads, the way an
 * experienced reader spots them in a flame graph: thread frames such as {@code GCTaskThread},
 * {@code G1 Conc#0}, {@code VM Thread}, async-profiler's {@code [gc]} and {@code [vm]} markers, and
 * HotSpot's collector classes ({@code G1CollectedHeap}, {@code ZDriver}, {@code ShenandoahControlThread}).
 */
public final class VmFrames {

    private static final Pattern GC_OR_VM = Pattern.compile(
            "GCTaskThread|GC Thread|ConcurrentGCThread|G1[A-Z_ ]|G1$|VM_Thread|VMThread|VM Thread"
            + "|\\[gc]|\\[vm]|CollectedHeap|ParallelScavenge|PSScavenge|PSParallelCompact"
            + "|ZDriver|ZDirector|ZWorker|ZGC|Shenandoah|SafepointSynchronize");

    /**
     * Answers per frame name: profiles repeat the same few thousand frames in every stack of every round, and
     * the regular expression was the largest cost of summarising a profile. Bounded; cleared when full.
     */
    private static final int CACHE_LIMIT = 100_000;
    private static final ConcurrentHashMap<String, Boolean> CACHE = new ConcurrentHashMap<>();

    private VmFrames() {
    }

    /** Whether a single frame name is a GC or VM-internal frame. */
    public static boolean isGcOrVm(String frame) {
        Boolean known = CACHE.get(frame);
        if (known != null) {
            return known;
        }
        boolean match = GC_OR_VM.matcher(frame).find();
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(frame, match);
        return match;
    }

    /** Whether any frame of the stack is a GC or VM-internal frame. */
    public static boolean isGcOrVm(Stack stack) {
        List<String> frames = stack.frames();
        for (String frame : frames) {
            if (isGcOrVm(frame)) {
                return true;
            }
        }
        return false;
    }
}
