/**
 * Small file and text helpers: atomic writes, safe one-line text, the console prefix.
 */
package dev.flamegate.io;
