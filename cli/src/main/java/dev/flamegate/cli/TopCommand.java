package dev.flamegate.cli;

import dev.flamegate.profile.FrameStats;
import dev.flamegate.profile.Profile;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flamegate top BEFORE AFTER}: the frames whose total share changed most, as a text table. */
@Command(name = "top", mixinStandardHelpOptions = true,
        header = "Print the frames whose share of the profile changed most between two profiles.",
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {" 0:The table was printed.",
        ExitCodes.HELP_INVALID_INPUT,
        ExitCodes.HELP_INTERNAL}, sortOptions = false,
        description = {"Print the frames whose total (inclusive) share of the profile changed most between two profiles.",
                "Shares, not raw weights, are compared, so profiles with different sample counts compare."})
final class TopCommand implements Callable<Integer> {

    @Mixin
    ProfilePairOptions profiles;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20",
            description = "Number of frames to show (default: ${DEFAULT-VALUE}).")
    int limit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-n must be at least 1, was " + limit);
        }
        ProfilePairOptions.Pair pair = profiles.load();
        Profile old = pair.before();
        Profile now = pair.after();
        List<FrameStats.FrameChange> changes = FrameStats.changes(FrameStats.of(old), FrameStats.of(now));
        PrintWriter out = spec.commandLine().getOut();
        out.println(table(changes.subList(0, Math.min(limit, changes.size())), old, now));
        out.flush();
        return ExitCodes.OK;
    }

    /** The table: total share before and after, its change in percentage points, self change, frame. */
    static String table(List<FrameStats.FrameChange> changes, Profile before, Profile after) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Frames whose total share changed most (%s; before %,d %s, after %,d %s)%n",
                after.event().id(), before.total(), before.unit(), after.total(), after.unit()));
        text.append(String.format(Locale.ROOT, "%9s %8s %8s %9s  %s%n", "total +-", "before", "after", "self +-", "frame"));
        for (FrameStats.FrameChange change : changes) {
            text.append(String.format(Locale.ROOT, "%+7.2fpp %7.2f%% %7.2f%% %+7.2fpp  %s%s%n",
                    100 * change.totalShareDelta(), 100 * change.beforeTotalShare(), 100 * change.afterTotalShare(),
                    100 * change.selfShareDelta(), printable(change.frame()), marker(change)));
        }
        return text.toString().stripTrailing();
    }

    private static String marker(FrameStats.FrameChange change) {
        if (change.before().isEmpty()) {
            return "  (new)";
        }
        if (change.after().isEmpty()) {
            return "  (gone)";
        }
        return change.recursionDelta() > 0 ? "  (recursion " + change.before().get().maxRecursion() + " -> "
                + change.after().get().maxRecursion() + ")" : "";
    }

    /** Longest frame name shown; longer ones end in {@code …(+N chars)} so that a table row stays readable. */
    static final int MAX_FRAME_CHARS = 500;

    /** Frame names are untrusted: keep control characters (escape sequences) out of the terminal, and cut them. */
    private static String printable(String frame) {
        StringBuilder safe = new StringBuilder(Math.min(frame.length(), MAX_FRAME_CHARS + 20));
        frame.codePoints().limit(MAX_FRAME_CHARS).forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                safe.append(String.format(Locale.ROOT, "\\u%04x", c));
            } else {
                safe.appendCodePoint(c);
            }
        });
        long rest = frame.codePoints().count() - MAX_FRAME_CHARS;
        return rest > 0 ? safe.append("…(+").append(rest).append(" chars)").toString() : safe.toString();
    }
}
