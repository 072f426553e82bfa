package dev.flamegate.cli;

import dev.flamegate.compare.Verdict;
import dev.flamegate.io.ConsolePrefix;
import dev.flamegate.report.PrCommentRenderer;

import dev.flamegate.report.RunReport;
import dev.flamegate.redact.Redactor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flamegate report}: the run index, {@code summary.json} and the PR comment from a run's results. */
@Command(name = "report", mixinStandardHelpOptions = true,
        header = "Collect every result.json under the roots into index.html, summary.json and pr-comment.md.",
        exitCodeListHeading = ExitCodes.HELP_HEADING,
        exitCodeList = {" 0:The report was written.",
        " 1:With --fail-on-regression: a result is a REGRESSION.",
        " 2:A result file could not be read (it is listed in the report), or bad usage.",
        ExitCodes.HELP_INTERNAL}, sortOptions = false,
        description = {"Collect every **/target/flamegate/**/result.json under the roots (JUnit and JMH, all modules) and write",
                "summary.json, index.html and pr-comment.md (the sticky PR comment) into the output directory."})
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--root", paramLabel = "DIR", defaultValue = ".",
            description = "Project root or target/flamegate directory to scan; repeatable (default: ${DEFAULT-VALUE}).")
    List<Path> roots;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output directory (default: target/flamegate under the first root).")
    Path out;

    @Option(names = "--artifact-url", paramLabel = "URL",
            description = {"Base URL of the uploaded artifact, a template with {path}, or the run URL",
                    "(e.g. $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID); links in the comment use it."})
    String artifactUrl;

    @Option(names = "--max-chars", paramLabel = "N", defaultValue = "" + PrCommentRenderer.GITHUB_COMMENT_LIMIT,
            description = "Longest pr-comment.md; less important parts are left out first (default: ${DEFAULT-VALUE}).")
    int maxChars;

    @Option(names = "--redact", paramLabel = "REGEX",
            description = "Also redact matches of REGEX (on top of tokens, passwords, e-mail addresses); repeatable.")
    List<String> redactions = List.of();

    @Option(names = "--fail-on-regression", description = "Exit with 1 when a result is a regression.")
    boolean failOnRegression;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Redactor.Builder redaction = Redactor.defaults().toBuilder();
        for (String regex : redactions) {
            try {
                redaction.add(regex, Redactor.REDACTED);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--redact " + regex + " is not a valid regular expression");
            }
        }
        Redactor redactor = redaction.build();
        RunReport.Builder builder = RunReport.builder()
                .outputDirectory(out != null ? out : roots.get(0).resolve("target").resolve("flamegate"))
                .maxChars(maxChars)
                .redactor(redactor);
        roots.forEach(builder::root);
        RunReport.Outcome outcome;
        try {
            outcome = builder.artifactUrl(artifactUrl).build().write();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(ConsolePrefix.PREFIX + outcome.run().statusLine());
        stdout.println("  " + outcome.index());
        stdout.println("  " + outcome.summary());
        stdout.println("  " + outcome.comment());
        stdout.flush();
        if (!outcome.run().errors().isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            outcome.run().errors().forEach(e -> err.println(ConsolePrefix.PREFIX + "unreadable result " + e.path() + ": "
                    + e.message().replace('\n', ' ')));
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
        return failOnRegression && outcome.run().count(Verdict.REGRESSION) > 0 ? ExitCodes.REGRESSION : ExitCodes.OK;
    }
}
