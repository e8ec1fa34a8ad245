package dev.scanbench.harness.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scanbench.harness.log.LogVerification.Failure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entries signed with an Ed25519 key: who holds the key can append; a forgery by anyone else is named. */
class SignedScoreLogTest {

    @TempDir
    Path dir;

    private LogSigningKey key;
    private ScoreLog signed;

    @BeforeEach
    void threeSignedEntries() throws Exception {
        key = LogSigningKey.at(dir.resolve("keys/signing-key"));
        signed = new ScoreLog(dir.resolve("scores.jsonl"), key);
        for (int i = 0; i < 3; i++) {
            signed.append(EntryCodec.mapper().createObjectNode().put("kernel", "k" + i + ".cu").put("median_ms", 0.5));
        }
    }

    private LogVerification withKey() throws Exception {
        return signed.verify(key.publicKey());
    }

    private List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(signed.file(), StandardCharsets.UTF_8));
    }

    private Failure failureAfterWriting(List<String> lines) throws Exception {
        Files.write(signed.file(), lines, StandardCharsets.UTF_8);
        LogVerification v = withKey();
        assertThat(v.ok()).isFalse();
        return v.failure().orElseThrow();
    }

    @Test
    void everyEntryCarriesTheKeysSignatureAndVerifiesWithIt() throws Exception {
        LogVerification v = withKey();

        assertThat(v.ok()).as(v.summary()).isTrue();
        assertThat(v.entryCount()).isEqualTo(3);
        assertThat(v.signedBy()).contains(key.publicKey().id());
        assertThat(v.summary()).contains("all signed by key " + key.publicKey().id());
        assertThat(signed.read()).allSatisfy(e -> assertThat(e.signature()).isPresent());
        assertThat(signed.read().get(0).payload().has("sig")).isFalse();
        assertThat(signed.verify().ok()).as("the chain alone").isTrue();
    }

    @Test
    void openSslAcceptsTheSignatureOfTheDocumentedMessage() throws Exception {
        LogEntry entry = signed.read().get(1);
        Path message = Files.write(dir.resolve("message"), ("scanbench-score-log-entry/1:" + entry.hash())
                .getBytes(StandardCharsets.US_ASCII));
        Path signature = Files.write(dir.resolve("sig"), HexFormat.of().parseHex(entry.signature().orElseThrow()));

        Process p = new ProcessBuilder("openssl", "pkeyutl", "-verify", "-pubin", "-inkey",
                key.publicKeyFile().toString(), "-rawin", "-in", message.toString(), "-sigfile", signature.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("Signature Verified Successfully");
    }

    @Test
    void theDocumentedPythonChainCheckStillPassesOnSignedEntries() throws Exception {
        String check = String.join("\n",
                "import hashlib, json, sys",
                "prev = '0' * 64",
                "for n, line in enumerate(open(sys.argv[1], 'rb').read().split(b'\\n')[:-1]):",
                "    body, _, tail = line.rpartition(b',\"hash\":\"')",
                "    h = tail[:64].decode()",
                "    e = json.loads(line)",
                "    assert hashlib.sha256(body + b'}').hexdigest() == h == e['hash'], f'line {n+1} edited'",
                "    assert e['prev'] == prev and e['seq'] == n, f'line {n+1} out of chain'",
                "    prev = h",
                "print('chain ok', n + 1)", "");
        Path script = Files.writeString(dir.resolve("check.py"), check);

        Process p = new ProcessBuilder("python3", script.toString(), signed.file().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out.strip()).isEqualTo("chain ok 3");
    }

    @Test
    void anEntryAppendedWithoutTheKeyIsNamedUnsignedThoughItsChainIsRight() throws Exception {
        new ScoreLog(signed.file()).append(EntryCodec.mapper().createObjectNode().put("kernel", "forged.cu"));

        assertThat(signed.verify().ok()).as("the chain alone cannot tell").isTrue();
        LogVerification v = withKey();
        assertThat(v.ok()).isFalse();
        assertThat(v.entryCount()).isEqualTo(3);
        Failure f = v.failure().orElseThrow();
        assertThat(f.problem()).isEqualTo(LogProblem.UNSIGNED);
        assertThat(f.seq()).isEqualTo(3);
        assertThat(f.line()).isEqualTo(4);
        assertThat(f.message()).contains("scores.jsonl:4", key.publicKey().id());
    }

    @Test
    void anEntrySignedWithAnotherKeyIsABadSignature() throws Exception {
        LogSigningKey other = LogSigningKey.at(dir.resolve("other-key"));
        new ScoreLog(signed.file(), other).append(EntryCodec.mapper().createObjectNode().put("kernel", "forged.cu"));

        Failure f = withKey().failure().orElseThrow();

        assertThat(f.problem()).isEqualTo(LogProblem.BAD_SIGNATURE);
        assertThat(f.seq()).isEqualTo(3);
        assertThat(new ScoreLog(signed.file()).verify(other.publicKey()).failure().orElseThrow().seq()).isZero();
    }

    @Test
    void aSignatureCopiedFromAnotherEntryIsABadSignature() throws Exception {
        List<String> lines = lines();
        String sig0 = lines.get(0).substring(lines.get(0).length() - 130, lines.get(0).length() - 2);
        String line2 = lines.get(2);
        lines.set(2, line2.substring(0, line2.length() - 130) + sig0 + "\"}");

        Failure f = failureAfterWriting(lines);

        assertThat(f.problem()).isEqualTo(LogProblem.BAD_SIGNATURE);
        assertThat(f.seq()).isEqualTo(2);
    }

    @Test
    void aStrippedSignatureLeavesTheChainIntactButIsNamedUnsigned() throws Exception {
        List<String> lines = lines();
        String line1 = lines.get(1);
        lines.set(1, line1.substring(0, line1.indexOf(",\"sig\":\"")) + "}");

        Failure f = failureAfterWriting(lines);

        assertThat(signed.verify().ok()).isTrue();
        assertThat(f.problem()).isEqualTo(LogProblem.UNSIGNED);
        assertThat(f.seq()).isEqualTo(1);
    }

    @Test
    void anEditedSignedEntryIsStillAHashMismatch() throws Exception {
        List<String> lines = lines();
        lines.set(1, lines.get(1).replace("k1.cu", "k9.cu"));

        Failure f = failureAfterWriting(lines);

        assertThat(f.problem()).isEqualTo(LogProblem.HASH_MISMATCH);
        assertThat(f.seq()).isEqualTo(1);
    }

    @Test
    void aSignatureThatIsNotHexIsAnUnparsableLine() throws Exception {
        List<String> lines = lines();
        String line0 = lines.get(0);
        lines.set(0, line0.substring(0, line0.length() - 3) + "X\"}");

        Failure f = failureAfterWriting(lines);

        assertThat(f.problem()).isEqualTo(LogProblem.UNPARSABLE);
        assertThat(f.message()).contains("'sig'");
    }

    @Test
    void theKeyFileIsOwnerOnlyReopensToTheSameKeyAndWritesItsPublicHalf() throws Exception {
        Path file = key.file();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        Files.delete(key.publicKeyFile());
        LogSigningKey again = LogSigningKey.at(file);
        assertThat(again.publicKey().id()).isEqualTo(key.publicKey().id());
        assertThat(LogPublicKey.read(again.publicKeyFile()).id()).isEqualTo(key.publicKey().id());
        assertThat(signed.verify(LogPublicKey.read(key.publicKeyFile())).ok()).isTrue();
    }

    @Test
    void aKeyOthersMayReadOrThatIsNotAKeyIsRefusedNotReplaced() throws Exception {
        Files.setPosixFilePermissions(key.file(), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> LogSigningKey.at(key.file())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may be read by others").hasMessageContaining("chmod 600 " + key.file());

        Path garbage = Files.writeString(dir.resolve("garbage-key"), "not a key\n");
        Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> LogSigningKey.at(garbage)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(garbage.toString()).hasMessageContaining("not a signing key");
        assertThat(Files.readString(garbage)).isEqualTo("not a key\n");

        Path notPublic = Files.writeString(dir.resolve("bad.pub"), "-----BEGIN PUBLIC KEY-----\nAAAA\n"
                + "-----END PUBLIC KEY-----\n");
        assertThatThrownBy(() -> LogPublicKey.read(notPublic)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(notPublic.toString());
    }

    @Test
    void processesCreatingTheKeyAtOnceAgreeOnOne() throws Exception {
        Path file = dir.resolve("raced/signing-key");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ids.add(pool.submit((Callable<String>) () -> LogSigningKey.at(file).publicKey().id()));
            }
            String first = ids.get(0).get();
            for (Future<String> id : ids) {
                assertThat(id.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
