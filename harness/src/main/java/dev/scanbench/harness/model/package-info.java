/**
 * Labelled models of GPU time derived from counted work (global traffic), for backends without a clock. A model
 * estimate is never a time score: it is shown next to "no time on the emulator", never logged as one.
 */
package dev.scanbench.harness.model;
