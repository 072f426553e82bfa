/**
 * One gate policy for every front end: what a verified, recorded or appended run does with its verdict and its baseline.
 */
package dev.flamegate.gate;
