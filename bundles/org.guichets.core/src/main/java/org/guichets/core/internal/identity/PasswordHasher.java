package org.guichets.core.internal.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (BouncyCastle's lightweight API: no JCA provider is registered),
 * stored in the PHC string format {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}, so that the cost
 * can rise later without invalidating stored hashes. Thread-safe.
 */
public final class PasswordHasher {

    /** OWASP's minimum for Argon2id: 19 MiB, 2 iterations, 1 lane. */
    public static final PasswordHasher DEFAULT = new PasswordHasher(19 * 1024, 2, 1);

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final SecureRandom random = new SecureRandom();

    public PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
    }

    /** Hashes {@code password} with a fresh salt. The caller clears the array afterwards. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code stored}, in time independent of where they differ. */
    public boolean verify(char[] password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6 || !"argon2id".equals(parts[1])) {
            return false;
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
            String[] pair = kv.split("=");
            int v = Integer.parseInt(pair[1]);
            switch (pair[0]) {
                case "m" -> m = v;
                case "t" -> t = v;
                case "p" -> p = v;
                default -> {
                    return false;
                }
            }
        }
        byte[] expected = B64D.decode(parts[5]);
        byte[] actual = derive(password, B64D.decode(parts[4]), m, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether {@code stored} was made with weaker parameters than this hasher's. */
    public boolean needsRehash(String stored) {
        return !stored.contains("$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$");
    }

    private static byte[] derive(char[] password, byte[] salt, int m, int t, int p, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(m)
                .withIterations(t)
                .withParallelism(p)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        byte[] pw = toUtf8(password);
        try {
            generator.generateBytes(pw, out);
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
        return out;
    }

    private static byte[] toUtf8(char[] password) {
        java.nio.ByteBuffer bb = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
        byte[] bytes = new byte[bb.remaining()];
        bb.get(bytes);
        if (bb.hasArray()) {
            Arrays.fill(bb.array(), (byte) 0);
        }
        return bytes;
    }
}
