package dev.scanbench.harness.log;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What a signed entry's signature covers, in one place for signer and verifier: the UTF-8 bytes of
 * {@code "scanbench-score-log-entry/1:" + hash}. The hash already covers every byte of the entry but its
 * {@code sig} (its payload, {@code seq}, {@code time} and {@code prev}, hence the whole chain before it), so
 * signing the hash signs the entry and its place; the prefix keeps a signature over an entry from being
 * mistaken for one over anything else the same key might sign.
 */
final class EntrySignature {

    /** Domain-separation prefix of the signed message. */
    static final String CONTEXT = "scanbench-score-log-entry/1:";

    /** The JDK's name of the algorithm (EdDSA over Curve25519, RFC 8032). */
    static final String ALGORITHM = "Ed25519";

    /** An Ed25519 signature is 64 bytes: 128 lower-case hex digits in the entry. */
    static final Pattern HEX128 = Pattern.compile("[0-9a-f]{128}");

    private EntrySignature() {
    }

    /** @return the bytes signed for the entry whose hash is {@code hash} */
    static byte[] message(String hash) {
        return (CONTEXT + hash).getBytes(StandardCharsets.US_ASCII);
    }
}
