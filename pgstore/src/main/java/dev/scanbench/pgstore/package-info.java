/**
 * The score log in PostgreSQL: {@link dev.scanbench.pgstore.PgStoreEngine} serves {@code jdbc:postgresql:} locations
 * of {@code --log} through the harness's {@link dev.scanbench.harness.log.ScoreStore}, with a connection pool,
 * versioned migrations ({@code db/scorelog}) and appends serialised by the database.
 */
package dev.scanbench.pgstore;
