package dev.flamegate.report;

import dev.flamegate.InvalidInputException;
import java.nio.file.Path;

/** Reads one {@code result.json} into what the report shows. */
@FunctionalInterface
interface ResultReader {

    /**
     * @param resultFile the {@code result.json} to read
     * @param outputDirectory the report's output directory: artifact paths become relative to it
     * @throws InvalidInputException when the file is unreadable, malformed or of an unknown schema version
     */
    ReportedResult read(Path resultFile, Path outputDirectory);
}
