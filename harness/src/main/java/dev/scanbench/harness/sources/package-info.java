/**
 * The kernel sources behind score log entries, kept by content hash so that a reviewer can read exactly what was
 * scored: {@link dev.scanbench.harness.sources.SourceStore} (the interface another store can implement),
 * {@link dev.scanbench.harness.sources.FileSourceStore} (a directory beside the log) and
 * {@link dev.scanbench.harness.sources.SourceAudit} (every entry's source checked against its hash).
 */
package dev.scanbench.harness.sources;
