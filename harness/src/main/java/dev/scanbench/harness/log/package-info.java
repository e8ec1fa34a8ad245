/**
 * The shared, hash-chained score log (DESIGN.md §4 "Score log"): {@link dev.scanbench.harness.log.ScoreLog}
 * appends and verifies it, {@link dev.scanbench.harness.log.LogLocation} decides where it lives.
 */
package dev.scanbench.harness.log;
