package dev.scanbench.harness.log;

import dev.scanbench.harness.log.LogVerification.Failure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One streaming pass over a log checking, line by line, parse, hash, prev and seq, then the head file.
 * The checks run in that order so that a failure names its most likely cause: a deleted entry makes the
 * next one's prev and seq both wrong, and is reported as a prev mismatch.
 */
final class LogVerifier {

    private final Path log;
    private final Path headFile;
    private final Path tornFile;
    private final LogPublicKey key;
    private final List<String> warnings = new ArrayList<>();
    private long count;
    private String lastHash = EntryCodec.ZERO_HASH;
    private String lastPrev;

    /** @param key the key every entry must be signed with, or null to check the chain only */
    LogVerifier(Path log, Path headFile, Path tornFile, LogPublicKey key) {
        this.log = log;
        this.headFile = headFile;
        this.tornFile = tornFile;
        this.key = key;
    }

    LogVerification run() throws IOException {
        if (Files.exists(log)) {
            try (LineScanner lines = new LineScanner(Files.newInputStream(log))) {
                for (byte[] line = lines.next(); line != null; line = lines.next()) {
                    if (!lines.terminated()) {
                        warnings.add(log + ":" + lines.lineNumber() + ": torn last line (" + line.length
                                + " bytes without a newline, from an interrupted append), not an entry;"
                                + " it will be repaired on the next append by moving it to " + tornFile);
                        break;
                    }
                    Optional<Failure> failure = check(line, lines.lineNumber());
                    if (failure.isPresent()) {
                        return LogVerification.failed(count, lastHash, keyId(), failure.get(), warnings);
                    }
                }
            }
        }
        return checkHead();
    }

    private Optional<Failure> check(byte[] line, long number) {
        String at = log + ":" + number + ": ";
        LogEntry entry;
        try {
            entry = EntryCodec.decode(line, number);
        } catch (EntryFormatException e) {
            return fail(LogProblem.UNPARSABLE, count, number, at + e.getMessage());
        }
        try {
            String recomputed = EntryCodec.recomputeHash(line);
            if (!recomputed.equals(entry.hash())) {
                return fail(LogProblem.HASH_MISMATCH, entry.seq(), number,
                        at + "stored hash " + entry.hash() + " but the content hashes to " + recomputed);
            }
        } catch (EntryFormatException e) {
            return fail(LogProblem.HASH_MISMATCH, entry.seq(), number, at + e.getMessage());
        }
        if (key != null) {
            Optional<String> sig = entry.signature();
            if (sig.isEmpty()) {
                return fail(LogProblem.UNSIGNED, entry.seq(), number, at + "the entry has no signature, but every"
                        + " entry must be signed by key " + key.id());
            }
            if (!key.verifies(entry.hash(), sig.get())) {
                return fail(LogProblem.BAD_SIGNATURE, entry.seq(), number, at + "the signature is not key "
                        + key.id() + "'s signature of this entry");
            }
        }
        if (!entry.prev().equals(lastHash)) {
            String expected = number == 1 ? "64 zeros (first entry)" : lastHash + " (hash of line " + (number - 1) + ")";
            return fail(LogProblem.PREV_MISMATCH, entry.seq(), number,
                    at + "prev is " + entry.prev() + " but should be " + expected);
        }
        if (entry.seq() != count) {
            return fail(LogProblem.SEQ_GAP, entry.seq(), number, at + "seq is " + entry.seq() + ", expected " + count);
        }
        count++;
        lastPrev = entry.prev();
        lastHash = entry.hash();
        return Optional.empty();
    }

    private LogVerification checkHead() throws IOException {
        HeadFile actual = new HeadFile(count, lastHash);
        Optional<HeadFile> stored;
        try {
            stored = HeadFile.read(headFile);
        } catch (LogCorruptedException e) {
            return headFailure(e.getMessage());
        }
        // A missing head file is the head of an empty log: right for a new log, and for a log whose first
        // append was interrupted between writing its line and writing the head.
        HeadFile recorded = stored.orElse(HeadFile.EMPTY);
        if (recorded.equals(actual)) {
            return LogVerification.passed(count, lastHash, keyId(), warnings);
        }
        if (count > 0 && recorded.count() == count - 1 && recorded.hash().equals(lastPrev)) {
            warnings.add(headFile + ": records " + recorded.describe() + ", one entry behind the log (an append"
                    + " was interrupted after its line was written); it will be updated on the next append");
            return LogVerification.passed(count, lastHash, keyId(), warnings);
        }
        String recordedText = stored.isPresent() ? "records " + recorded.describe() : "is missing";
        String consequence = recorded.count() > count
                ? ": entries " + count + ".." + (recorded.count() - 1) + " were deleted from the end" : "";
        return headFailure(headFile + " " + recordedText + " but " + log + " has " + actual.describe() + consequence);
    }

    private LogVerification headFailure(String detail) {
        Failure failure = new Failure(LogProblem.HEAD_MISMATCH, count, count + 1, detail);
        return LogVerification.failed(count, lastHash, keyId(), failure, warnings);
    }

    private Optional<String> keyId() {
        return key == null ? Optional.empty() : Optional.of(key.id());
    }

    private static Optional<Failure> fail(LogProblem problem, long seq, long line, String detail) {
        return Optional.of(new Failure(problem, seq, line, detail));
    }
}
