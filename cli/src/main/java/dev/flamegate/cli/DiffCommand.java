package dev.flamegate.cli;

import dev.flamegate.flame.DiffFlameGraph;
import dev.flamegate.flame.FlameOptions;
import dev.flamegate.profile.Profile;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flamegate diff BEFORE AFTER -o diff.html}: a differential flame graph of two profiles. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        header = "Write a differential flame graph of two profiles as one self-contained HTML page.",
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {" 0:The page was written.",
        " 2:Unusable input or usage: missing, empty, unreadable or malformed file, bad option, output equal to an input.",
        ExitCodes.HELP_INTERNAL}, sortOptions = false,
        description = {"Both profiles are normalised to their totals; red frames grew, blue frames shrank."})
final class DiffCommand implements Callable<Integer> {

    @Mixin
    ProfilePairOptions profiles;

    @Mixin
    RenderOptions render;

    @Option(names = "--old-widths", description = "Open with frame widths of BEFORE instead of AFTER.")
    boolean oldWidths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        FlameOptions options = render.flameOptions(spec.commandLine(), profiles.beforeFile(), profiles.afterFile())
                .withWidths(oldWidths ? FlameOptions.Widths.OLD : FlameOptions.Widths.NEW);
        ProfilePairOptions.Pair pair = profiles.load();
        String title = render.title != null ? render.title : "Differential flame graph: "
                + profiles.beforeFile().getFileName() + " → " + profiles.afterFile().getFileName();
        DiffFlameGraph.writeHtml(pair.before(), pair.after(), options, title, render.output);
        Profile after = pair.after();
        spec.commandLine().getOut().println(String.format(Locale.ROOT, "Wrote %s (%s: before %,d %s, after %,d %s)",
                render.output, after.event().id(), pair.before().total(), after.unit(), after.total(), after.unit()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
