package dev.flamegate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The check every command that writes a file makes before reading anything: it never overwrites an input. */
final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Refuses {@code output} when it is the same file as one of {@code inputs}, however spelled (relative,
     * {@code ..}, a symbolic or hard link): writing it would destroy the input.
     *
     * @throws ParameterException naming the option and the input (exit code 2)
     */
    static void requireNoInput(CommandLine commandLine, String option, Path output, Path... inputs) {
        if (output == null || !Files.exists(output)) {
            return; // every input exists, so a file that does not cannot be one of them
        }
        for (Path input : inputs) {
            try {
                if (input != null && Files.exists(input) && Files.isSameFile(output, input)) {
                    throw new ParameterException(commandLine, option + " " + output + " is the input " + input
                            + ", which writing would destroy. Choose another output file");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
