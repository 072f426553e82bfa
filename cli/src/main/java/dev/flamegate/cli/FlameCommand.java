package dev.flamegate.cli;

import dev.flamegate.flame.FlameGraph;
import dev.flamegate.profile.Profile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flamegate flame PROFILE -o out.html}: a flame graph of one profile. */
@Command(name = "flame", mixinStandardHelpOptions = true,
        header = "Write a flame graph of one profile as one self-contained HTML page.",
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {" 0:The page was written.",
        " 2:Unusable input or usage: missing, empty, unreadable or malformed file, bad option, output equal to an input.",
        ExitCodes.HELP_INTERNAL}, sortOptions = false)
final class FlameCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PROFILE", description = "Profile: collapsed text or JFR.")
    Path profileFile;

    @Mixin
    RenderOptions render;

    @Mixin
    ProfileInputOptions input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var options = render.flameOptions(spec.commandLine(), profileFile);
        Profile profile = input.load(profileFile);
        String title = render.title != null ? render.title : "Flame graph: " + profileFile.getFileName();
        FlameGraph.writeHtml(profile, options, title, render.output);
        spec.commandLine().getOut().println(String.format(Locale.ROOT, "Wrote %s (%s: %,d %s)",
                render.output, profile.event().id(), profile.total(), profile.unit()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
