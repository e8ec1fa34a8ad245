-- The score log in PostgreSQL: the same entries, sequence, hash chain and signatures as the JSONL log. Each row
-- keeps the entry's stored bytes exactly as a JSONL line holds them (without the line break), so the chain is
-- checked over those bytes, and an export of the rows in seq order, one per line, is a JSONL log that verifies.
-- The other columns are what the database enforces: one entry per seq, one successor per entry (no fork of the
-- chain), one entry per scoring-service submission.
CREATE TABLE score_entries (
    seq         bigint      PRIMARY KEY CHECK (seq >= 0),
    hash        char(64)    NOT NULL UNIQUE,
    prev        char(64)    NOT NULL UNIQUE,
    submission  text        UNIQUE,
    stored      bytea       NOT NULL,
    appended_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((seq = 0) = (prev = repeat('0', 64)))
);

-- The scored kernels' sources, by the SHA-256 of their bytes (the JSONL log's PATH.sources directory).
CREATE TABLE score_sources (
    sha256 char(64) PRIMARY KEY,
    bytes  bytea    NOT NULL
);

-- Rows are immutable for everyone, the owner included: an entry or a source is only ever inserted. (The service's
-- role is also granted no UPDATE, DELETE or TRUNCATE: see `workbench log migrate --grant`.)
CREATE FUNCTION score_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the score log is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER score_entries_append_only BEFORE UPDATE OR DELETE ON score_entries
    FOR EACH ROW EXECUTE FUNCTION score_log_refuse_change();
CREATE TRIGGER score_entries_no_truncate BEFORE TRUNCATE ON score_entries
    FOR EACH STATEMENT EXECUTE FUNCTION score_log_refuse_change();
CREATE TRIGGER score_sources_append_only BEFORE UPDATE OR DELETE ON score_sources
    FOR EACH ROW EXECUTE FUNCTION score_log_refuse_change();
CREATE TRIGGER score_sources_no_truncate BEFORE TRUNCATE ON score_sources
    FOR EACH STATEMENT EXECUTE FUNCTION score_log_refuse_change();

REVOKE ALL ON score_entries, score_sources FROM PUBLIC;
