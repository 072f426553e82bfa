package dev.flamegate.report;

import java.util.Objects;

/**
 * A result file the report could not use: listed in every output instead of skipped silently.
 *
 * @param path the file, relative to the report output directory where possible ({@code /}-separated)
 * @param message what is wrong and what to do
 */
public record ReportError(String path, String message) implements Comparable<ReportError> {

    public ReportError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public int compareTo(ReportError other) {
        int byPath = path.compareTo(other.path);
        return byPath != 0 ? byPath : message.compareTo(other.message);
    }
}
