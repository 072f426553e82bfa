/**
 * The run report: every {@code result.json} of a build as an HTML index, a JSON summary and the pull-request comment.
 */
package dev.flamegate.report;
