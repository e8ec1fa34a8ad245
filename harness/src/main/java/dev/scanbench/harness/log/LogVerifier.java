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
    private final ChainCheck chain;
    private final List<String> warnings = new ArrayList<>();

    /** @param key the key every entry must be signed with, or null to check the chain only */
    LogVerifier(Path log, Path headFile, Path tornFile, LogPublicKey key) {
        this.log = log;
        this.headFile = headFile;
        this.tornFile = tornFile;
        this.chain = new ChainCheck(key);
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
                    Optional<Failure> failure = chain.check(line, lines.lineNumber(), log + ":" + lines.lineNumber()
                            + ": ");
                    if (failure.isPresent()) {
                        return chain.failed(failure.get(), warnings);
                    }
                }
            }
        }
        return checkHead();
    }

    private LogVerification checkHead() throws IOException {
        long count = chain.count();
        HeadFile actual = new HeadFile(count, chain.lastHash());
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
            return chain.passed(warnings);
        }
        if (count > 0 && recorded.count() == count - 1 && recorded.hash().equals(chain.lastPrev())) {
            warnings.add(headFile + ": records " + recorded.describe() + ", one entry behind the log (an append"
                    + " was interrupted after its line was written); it will be updated on the next append");
            return chain.passed(warnings);
        }
        String recordedText = stored.isPresent() ? "records " + recorded.describe() : "is missing";
        String consequence = recorded.count() > count
                ? ": entries " + count + ".." + (recorded.count() - 1) + " were deleted from the end" : "";
        return headFailure(headFile + " " + recordedText + " but " + log + " has " + actual.describe() + consequence);
    }

    private LogVerification headFailure(String detail) {
        long count = chain.count();
        return chain.failed(new Failure(LogProblem.HEAD_MISMATCH, count, count + 1, detail), warnings);
    }
}
