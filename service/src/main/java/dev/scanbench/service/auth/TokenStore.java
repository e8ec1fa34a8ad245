package dev.scanbench.service.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The API tokens, in one JSON file that holds only each token's SHA-256: a copy of the file lets no one in. A
 * token is {@code wb_} and 32 random bytes (base64url), so a hash lookup is as good as a constant-time compare:
 * there is nothing to learn from timing about a value no one can guess.
 */
public final class TokenStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}");

    private final Path file;
    private final Map<String, Client> byHash = new LinkedHashMap<>();

    private TokenStore(Path file) {
        this.file = file;
    }

    /**
     * Loads the tokens; a missing file is no tokens.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it is not a token file (the message names it)
     */
    public static TokenStore load(Path file) throws IOException {
        TokenStore store = new TokenStore(file);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            JsonNode root;
            try {
                root = JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": not a token file: " + e.getMessage(), e);
            }
            JsonNode tokens = root == null ? null : root.get("tokens");
            if (tokens == null || !tokens.isArray()) {
                throw new IllegalArgumentException(file + ": not a token file (no \"tokens\" array)");
            }
            for (JsonNode t : tokens) {
                String hash = t.path("sha256").asText("");
                if (!hash.matches("[0-9a-f]{64}") || !NAME.matcher(t.path("name").asText("")).matches()) {
                    throw new IllegalArgumentException(file + ": a token without a name or a SHA-256");
                }
                store.byHash.put(hash, new Client(t.get("name").asText(), t.path("admin").asBoolean(false)));
            }
        }
        return store;
    }

    /** @return whether any admin token exists */
    public synchronized boolean hasAdmin() {
        return byHash.values().stream().anyMatch(Client::admin);
    }

    /**
     * Makes a new token and saves its hash.
     *
     * @return the token in clear: shown once, never stored by the service
     * @throws IllegalArgumentException for a name that is not 1 to 64 letters, digits, {@code _.@-}, or is taken
     */
    public synchronized String create(String name, boolean admin) throws IOException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a token's name must be 1 to 64 letters, digits or _.@- , starting"
                    + " with a letter or digit, got \"" + name + "\"");
        }
        if (byHash.values().stream().anyMatch(c -> c.name().equals(name))) {
            throw new IllegalArgumentException("a token named \"" + name + "\" exists already");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "wb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byHash.put(sha256(token), new Client(name, admin));
        save();
        return token;
    }

    /** @return the client whose token this is; empty for an unknown or malformed token */
    public synchronized Optional<Client> authenticate(String token) {
        if (token == null || !token.startsWith("wb_") || token.length() > 100) {
            return Optional.empty();
        }
        return Optional.ofNullable(byHash.get(sha256(token)));
    }

    private void save() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode tokens = root.putArray("tokens");
        byHash.forEach((hash, c) -> tokens.addObject().put("name", c.name()).put("admin", c.admin())
                .put("sha256", hash));
        root.put("saved", Instant.now().toString());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
                    StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
