package dev.scanbench.harness.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The public half of a score log's signing key: an Ed25519 key in the PEM "PUBLIC KEY" (X.509
 * SubjectPublicKeyInfo) form that OpenSSL and Python's {@code cryptography} read too. Checks entry signatures.
 */
public final class LogPublicKey {

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private final PublicKey key;
    private final byte[] encoded;

    LogPublicKey(PublicKey key) {
        this.key = Objects.requireNonNull(key, "key");
        this.encoded = key.getEncoded();
    }

    /**
     * Reads a PEM public key file.
     *
     * @throws IOException              if the file cannot be read (the message names it)
     * @throws IllegalArgumentException if it is not an Ed25519 public key in PEM (the message names the file)
     */
    public static LogPublicKey read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such public key file");
        }
        return parse(text, file.toString());
    }

    /**
     * Parses a PEM public key.
     *
     * @param where names the source in messages
     * @throws IllegalArgumentException if it is not an Ed25519 public key in PEM
     */
    static LogPublicKey parse(String pem, String where) {
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(where + ": not a PEM public key (no '" + BEGIN + "' ... '" + END
                    + "' block); give the .pub file written next to the signing key");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end).strip());
            return new LogPublicKey(KeyFactory.getInstance(EntrySignature.ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(der)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException(where + ": not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** @return the key as PEM text, ending with a newline */
    public String pem() {
        return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(encoded) + "\n" + END + "\n";
    }

    /** @return the first 16 hex digits of the SHA-256 of the key's DER encoding: a short name for it */
    public String id() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /** @return whether {@code signatureHex} is this key's signature of the entry whose hash is {@code hash} */
    boolean verifies(String hash, String signatureHex) {
        if (signatureHex == null || !EntrySignature.HEX128.matcher(signatureHex).matches()) {
            return false;
        }
        try {
            Signature check = Signature.getInstance(EntrySignature.ALGORITHM);
            check.initVerify(key);
            check.update(EntrySignature.message(hash));
            return check.verify(HexFormat.of().parseHex(signatureHex));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
