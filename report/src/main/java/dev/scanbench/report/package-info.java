/**
 * The reviewer's view of a score log: {@link dev.scanbench.report.board.Leaderboard} (best entry per kernel or per
 * label, GPU times, simulated times and the emulator's counted work kept apart),
 * {@link dev.scanbench.report.compare.Comparer} (two entries' samples compared with a rank-based shift estimate and
 * the Mann-Whitney test), and {@link dev.scanbench.report.html.HtmlReport} (one self-contained HTML file). Every core
 * class takes a list of {@link dev.scanbench.harness.log.LogEntry}s, not a file, so any store of entries can feed it.
 */
package dev.scanbench.report;
