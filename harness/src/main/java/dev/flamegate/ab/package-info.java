/**
 * Same-runner A/B: base and head run by turns in fresh JVMs on one machine, compared pair by pair ({@link dev.flamegate.ab.AbRun}).
 */
package dev.flamegate.ab;
