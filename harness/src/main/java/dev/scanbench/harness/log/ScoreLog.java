package dev.scanbench.harness.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scanbench.harness.sources.FileSourceStore;
import dev.scanbench.harness.sources.SourceStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The shared score log: JSON Lines, one entry per scoring run, hash-chained. Callers give the payload; the
 * log adds {@code seq} (0-based), {@code time} (UTC ISO-8601 instant), {@code prev} (the previous entry's
 * hash, 64 zeros for the first) and {@code hash}.
 *
 * <h2>Stored format</h2>
 * Each line is the canonical JSON of the entry without {@code hash} (keys sorted, no whitespace, UTF-8), with
 * the member {@code ,"hash":"<hex>"} inserted before its final {@code '}'}, then {@code '\n'}. {@code hash}
 * is the SHA-256 hex of the UTF-8 bytes of the line with that member cut out, i.e. of the canonical text.
 * A reviewer can re-check a log without this code:
 * <pre>{@code
 * import hashlib, json
 * prev = "0" * 64
 * for n, line in enumerate(open("scores.jsonl", "rb").read().split(b"\n")[:-1]):
 *     body, _, tail = line.rpartition(b',"hash":"')
 *     h = tail[:64].decode()
 *     e = json.loads(line)
 *     assert hashlib.sha256(body + b"}").hexdigest() == h == e["hash"], f"line {n+1} edited"
 *     assert e["prev"] == prev and e["seq"] == n, f"line {n+1} out of chain"
 *     prev = h
 * }</pre>
 * For ASCII keys, integers and strings the body also equals Python's
 * {@code json.dumps(e_without_hash, sort_keys=True, separators=(",", ":"), ensure_ascii=False)}; doubles may
 * print differently in the two languages, which is why the check is over the stored bytes.
 *
 * <h2>Sibling files</h2>
 * {@code PATH.lock} (the OS lock, see {@link #lockFile()}), {@code PATH.head} (count and last hash, see
 * {@link #headFile()}), {@code PATH.torn} (bytes of interrupted appends, see {@link #tornFile()}) and the directory
 * {@code PATH.sources} (the scored kernels' sources by hash, see {@link #sourcesDirectory()}).
 *
 * <h2>What it guarantees</h2>
 * Appends from any number of threads and processes are serialised by the lock, written with one write and
 * flushed to disk. A line torn by a crash is moved aside, never taken for an entry. {@link #verify()} detects
 * an edited, inserted, deleted or reordered entry and, through the head file, entries cut off the end. This
 * is tamper-<em>evidence</em> against accidents and casual edits, not tamper-proofing: the hash is unkeyed,
 * so whoever rewrites the log and its head file together, re-hashing every later entry, goes undetected, unless
 * the entries are signed.
 *
 * <h2>Signed entries</h2>
 * A log opened with a {@link LogSigningKey} adds {@code ,"sig":"<128 hex>"} after the hash member of each entry it
 * appends: the Ed25519 signature of {@code "scanbench-score-log-entry/1:" + hash} ({@link EntrySignature}). The
 * hash does not cover the signature, so the chain and the check above are the same for signed and unsigned
 * entries (the snippet reads {@code tail[:64]}). {@link #verify(LogPublicKey)} with the public key then names the
 * first entry that is unsigned or signed by another key: an entry forged by anyone without the private key.
 */
public final class ScoreLog implements ScoreStore {

    private final Path file;
    private final LogSigningKey signer;

    /**
     * A log whose appends are not signed.
     *
     * @param file the log file; it and its directory are created on the first append. A path through symbolic
     *             links is resolved to its real path ({@link LogLocation#canonical}), which the sibling files follow.
     */
    public ScoreLog(Path file) {
        this(file, null);
    }

    /**
     * A log whose appends are signed with {@code signer} (no signature when null); see {@link EntrySignature}.
     *
     * @param file as for {@link #ScoreLog(Path)}
     */
    public ScoreLog(Path file, LogSigningKey signer) {
        this.file = LogLocation.canonical(Objects.requireNonNull(file, "file"));
        this.signer = signer;
    }

    /** @return the log file, by its real path */
    public Path file() {
        return file;
    }

    @Override
    public String engine() {
        return "jsonl";
    }

    @Override
    public String location() {
        return file.toAbsolutePath().toString();
    }

    @Override
    public SourceStore sources() {
        return new FileSourceStore(sourcesDirectory());
    }

    @Override
    public String sourcesLocation() {
        return sourcesDirectory().toString();
    }

    /** Nothing to release: every call opens and closes what it uses. */
    @Override
    public void close() {
    }

    /** @return {@code PATH.head}: {@code {"count":N,"hash":"..."}}, rewritten atomically at each append */
    public Path headFile() {
        return sibling(".head");
    }

    /** @return {@code PATH.torn}: torn lines moved out of the log, each followed by {@code '\n'} */
    public Path tornFile() {
        return sibling(".torn");
    }

    /**
     * @return {@code PATH.sources}: the content-addressed store of the kernel sources the entries were scored from
     *         (see {@code dev.scanbench.harness.sources.FileSourceStore})
     */
    public Path sourcesDirectory() {
        return sibling(".sources");
    }

    /** @return {@code PATH.lock}: the file the OS lock is taken on; its content is unused */
    public Path lockFile() {
        return sibling(".lock");
    }

    /**
     * Appends one entry under the exclusive lock: repairs a torn last line, chains onto the last entry,
     * writes and flushes the line, then rewrites the head file. Reads only the tail of the log.
     *
     * @param payload the caller's fields; must not use {@code seq}, {@code time}, {@code prev} or {@code hash}
     * @return the stored entry ({@code line} is {@code seq + 1}, its line in a log that verifies)
     * @throws IllegalArgumentException if the payload uses a chain field or holds a NaN or infinite number
     * @throws LogCorruptedException    if the last complete line or the head file is unreadable
     * @throws LogTamperedException     if the head file disagrees with the log's tail
     * @throws IOException              if the file system fails
     */
    @Override
    public LogEntry append(ObjectNode payload) throws IOException {
        return appendUnless(payload, null, null).entry();
    }

    /**
     * Appends one entry as {@link #append} does, unless an entry whose payload has {@code field} equal to
     * {@code value} is already in the log: then nothing is written and that entry is returned. The look and
     * the append are under one exclusive lock, so of two processes appending the same value at once exactly one
     * appends (the scoring service's id of a submission: a run that was started twice is logged once).
     */
    @Override
    public Appended appendOnce(ObjectNode payload, String field, String value) throws IOException {
        Objects.requireNonNull(field);
        Objects.requireNonNull(value);
        return appendUnless(payload, field, value);
    }

    @SuppressWarnings("try") // the lock is used by being held for the block, never referenced
    private Appended appendUnless(ObjectNode payload, String field, String value) throws IOException {
        EntryCodec.checkPayload(payload);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (LogLock lock = LogLock.exclusive(lockFile());
             FileChannel log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                     StandardOpenOption.WRITE)) {
            LogTail tail = LogTail.scan(log);
            if (tail.hasTornBytes()) {
                moveTornBytes(log, tail);
            }
            if (field != null) {
                LogEntry there = findUnlocked(field, value);
                if (there != null) {
                    return new Appended(there, false);
                }
            }
            LogEntry last = lastEntry(tail);
            checkHead(last);
            long seq = last == null ? 0 : last.seq() + 1;
            byte[] line = EntryCodec.encode(seq, Instant.now(), last == null ? EntryCodec.ZERO_HASH : last.hash(),
                    payload, signer);
            writeFully(log, ByteBuffer.wrap(line), tail.completeLength());
            log.force(true);
            LogEntry entry = EntryCodec.decode(Arrays.copyOf(line, line.length - 1), seq + 1);
            HeadFile.after(entry).write(headFile());
            return new Appended(entry, true);
        } catch (EntryFormatException e) {
            throw new IllegalStateException("an entry just encoded does not decode: " + e.getMessage(), e);
        }
    }

    /**
     * @return the first complete entry whose payload has the text {@code value} as {@code field}, read under a
     *     shared lock; empty when there is none or no log
     */
    @SuppressWarnings("try") // the lock is used by being held for the block, never referenced
    @Override
    public Optional<LogEntry> find(String field, String value) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (LogLock lock = LogLock.shared(lockFile())) {
            return Optional.ofNullable(findUnlocked(field, value));
        }
    }

    /** The first complete entry whose payload has {@code field} equal to {@code value}; the caller holds the lock. */
    private LogEntry findUnlocked(String field, String value) throws IOException {
        byte[] needle = ("\"" + field + "\"").getBytes(StandardCharsets.UTF_8);
        try (LineScanner lines = new LineScanner(Files.newInputStream(file))) {
            for (byte[] line = lines.next(); line != null; line = lines.next()) {
                if (!lines.terminated() || !contains(line, needle)) {
                    continue;
                }
                try {
                    LogEntry e = EntryCodec.decode(line, lines.lineNumber());
                    JsonNode v = e.node().get(field);
                    if (v != null && v.isTextual() && v.asText().equals(value)) {
                        return e;
                    }
                } catch (EntryFormatException e) {
                    throw new LogCorruptedException(file, file + ":" + lines.lineNumber() + ": " + e.getMessage());
                }
            }
        }
        return null;
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Reads every complete entry in file order, streaming, under a shared lock. A torn last line is left
     * out and reported by {@link LogEntries#hasTornTail()}. Does not check hashes: see {@link #verify()}.
     *
     * @return the entries; empty if the log does not exist
     * @throws LogCorruptedException naming the file and line of the first complete line that is not an entry
     */
    @SuppressWarnings("try") // the lock is used by being held for the block, never referenced
    @Override
    public LogEntries read() throws IOException {
        List<LogEntry> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return new LogEntries(entries, 0);
        }
        try (LogLock lock = LogLock.shared(lockFile());
             LineScanner lines = new LineScanner(Files.newInputStream(file))) {
            for (byte[] line = lines.next(); line != null; line = lines.next()) {
                if (!lines.terminated()) {
                    return new LogEntries(entries, line.length);
                }
                try {
                    entries.add(EntryCodec.decode(line, lines.lineNumber()));
                } catch (EntryFormatException e) {
                    throw new LogCorruptedException(file, file + ":" + lines.lineNumber() + ": " + e.getMessage());
                }
            }
        }
        return new LogEntries(entries, 0);
    }

    /**
     * As {@link #verify()}, and when {@code key} is given, also that every entry carries that key's signature:
     * the first unsigned entry, or one whose signature is not the key's, fails (an entry appended by anyone
     * without the private key, whose hash chain can be right).
     *
     * @param key the public key every entry must be signed with, or null to check the chain only
     * @throws IOException if the file system fails
     */
    @SuppressWarnings("try") // the lock is used by being held for the block, never referenced
    @Override
    public LogVerification verify(LogPublicKey key) throws IOException {
        LogVerifier verifier = new LogVerifier(file, headFile(), tornFile(), key);
        if (!Files.exists(file)) {
            return verifier.run();
        }
        try (LogLock lock = LogLock.shared(lockFile())) {
            return verifier.run();
        }
    }

    private LogEntry lastEntry(LogTail tail) throws LogCorruptedException {
        if (tail.lastLine() == null) {
            return null;
        }
        try {
            return EntryCodec.decode(tail.lastLine(), -1);
        } catch (EntryFormatException e) {
            throw new LogCorruptedException(file, file + ": last line (ending at byte " + tail.completeLength()
                    + "): " + e.getMessage() + "; cannot chain a new entry onto it");
        }
    }

    private void checkHead(LogEntry last) throws IOException {
        // A missing head is an empty log's head; see LogVerifier for the interrupted-append case accepted here.
        HeadFile recorded = HeadFile.read(headFile()).orElse(HeadFile.EMPTY);
        HeadFile actual = last == null ? HeadFile.EMPTY : HeadFile.after(last);
        boolean oneBehind = last != null && recorded.count() == last.seq() && recorded.hash().equals(last.prev());
        if (!recorded.equals(actual) && !oneBehind) {
            throw new LogTamperedException(file, "refusing to append to " + file + ": " + headFile() + " records "
                    + recorded.describe() + " but the log ends with " + actual.describe()
                    + " (entries deleted from the end, or a file edited); run a log verification");
        }
    }

    private void moveTornBytes(FileChannel log, LogTail tail) throws IOException {
        // Keep the evidence first, flushed, and only then cut it from the log.
        try (FileChannel torn = FileChannel.open(tornFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.allocate(tail.torn().length + 1).put(tail.torn()).put((byte) '\n');
            bytes.flip();
            while (bytes.hasRemaining()) {
                torn.write(bytes);
            }
            torn.force(true);
        }
        log.truncate(tail.completeLength());
        log.force(true);
    }

    private static void writeFully(FileChannel log, ByteBuffer line, long position) throws IOException {
        long at = position;
        while (line.hasRemaining()) {
            at += log.write(line, at);
        }
    }

    private Path sibling(String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }
}
