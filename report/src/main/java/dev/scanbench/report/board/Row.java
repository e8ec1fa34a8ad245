package dev.scanbench.report.board;

import dev.scanbench.report.entry.ScoreEntry;

/**
 * One row of a board: a group's best entry.
 *
 * @param rank  1 for the best, or null on a board that is not ranked
 * @param group the kernel or label the row stands for
 * @param entry the group's best entry
 * @param runs  how many eligible entries the group has (its best is one of them)
 */
public record Row(Integer rank, String group, ScoreEntry entry, int runs) {
}
