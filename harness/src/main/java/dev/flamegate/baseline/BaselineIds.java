package dev.flamegate.baseline;


import dev.flamegate.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Turns test and benchmark ids into safe, stable, collision-free file names, for baseline
 * directories and artifact directories alike.
 *
 * <p>An id made only of lower-case ASCII letters, digits, {@code .}, {@code _} and {@code -}, not
 * starting with a dot, not a Windows device name and at most {@value #MAX_PLAIN} characters long is
 * used as it is. Every other id becomes a readable part (unsafe characters replaced by {@code _},
 * shortened to {@value #MAX_READABLE} characters) plus {@code ~} and the first 12 hex digits of the
 * SHA-256 of the id's UTF-8 bytes. The readable part is taken after {@link Redactor} (secrets in
 * parameterised test names stay out of published directory names). Because {@code ~} never appears in a plain name, a plain name never
 * equals a hashed one; two hashed names collide only if their hashes do (48 bits). Upper case always
 * takes the hashed form, so ids differing only in case stay apart on case-insensitive file systems
 * (macOS, Windows).
 *
 * <p>Examples: {@code smoke-test} stays {@code smoke-test};
 * {@code com.acme.PricingTest#quotes(int)[1]} becomes {@code com.acme.PricingTest_quotes_int__1_~4b0c…}.
 */
public final class BaselineIds {

    static final int MAX_PLAIN = 120;
    static final int MAX_READABLE = 80;
    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul",
            "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private BaselineIds() {
    }

    /**
     * The file name for {@code id}; the same id always gives the same name, different ids different names.
     *
     * @throws IllegalArgumentException for a blank id
     */
    public static String fileName(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a baseline id must not be blank");
        }
        if (isPlain(id)) {
            return id;
        }
        StringBuilder readable = new StringBuilder(Math.min(id.length(), MAX_READABLE));
        // Directory names are published with the artifacts: a secret in a test argument must not show in them.
        // The hash is of the id itself, so ids that redact alike stay apart.
        Redactor.defaults().redact(id).codePoints().forEach(cp -> {
            if (readable.length() < MAX_READABLE) {
                readable.append(isSafe(cp) || (cp >= 'A' && cp <= 'Z') ? (char) cp : '_');
            }
        });
        if (readable.charAt(0) == '.') {
            readable.setCharAt(0, '_');
        }
        return readable + "~" + hash(id);
    }

    private static boolean isPlain(String id) {
        if (id.length() > MAX_PLAIN || id.charAt(0) == '.' || WINDOWS_DEVICES.contains(id.split("\\.", 2)[0])) {
            return false;
        }
        return id.chars().allMatch(BaselineIds::isSafe);
    }

    private static boolean isSafe(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }

    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
