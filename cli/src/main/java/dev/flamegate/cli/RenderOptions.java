package dev.flamegate.cli;

import dev.flamegate.flame.FlameOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Output options shared by the commands that write flame-graph pages (a picocli mixin). */
final class RenderOptions {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true,
            description = "HTML file to write (parent directories are created; written atomically).")
    Path output;

    @Option(names = "--title", paramLabel = "TEXT", description = "Page title.")
    String title;

    @Option(names = "--min-width", paramLabel = "FRACTION", defaultValue = "" + FlameOptions.DEFAULT_MIN_WIDTH,
            description = "Prune frames narrower than this fraction of the total (default: ${DEFAULT-VALUE}; 0 keeps all).")
    double minWidth;

    /**
     * The flame options these command-line options describe; refuses an output file that is one of {@code inputs}.
     */
    FlameOptions flameOptions(picocli.CommandLine commandLine, Path... inputs) {
        OutputFiles.requireNoInput(commandLine, "--output", output, inputs);
        if (!(minWidth >= 0 && minWidth < 1)) {
            throw new picocli.CommandLine.ParameterException(commandLine,
                    "--min-width must be a fraction in [0, 1), was " + minWidth);
        }
        return FlameOptions.defaults().withMinWidth(minWidth);
    }
}
