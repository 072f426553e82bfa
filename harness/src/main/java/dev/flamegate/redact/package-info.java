/**
 * The one redaction of secrets for everything that leaves the JVM.
 */
package dev.flamegate.redact;
