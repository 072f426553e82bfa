/**
 * Profiles as immutable values: weighted stacks of one event, their collapsed and JFR formats, frame normalisation and views.
 */
package dev.flamegate.profile;
