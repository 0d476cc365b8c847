package dev.bulwark.controlplane.identity.password;

import dev.bulwark.contracts.schema.Violation;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new password must satisfy (NIST SP 800-63B style: length over composition rules):
 * 12 to 128 characters, not in the built-in list of common passwords (compared lower-case), and
 * not containing the local part of the account's email.
 */
@Singleton
public class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private static final String COMMON_PASSWORDS = "identity/common-passwords.txt";
    private static final int MIN_LOCAL_PART = 3;

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /** The reason the password is refused, on field {@code field}, or empty when it is acceptable. */
    public Optional<Violation> check(String field, String password, String email) {
        if (password == null) {
            return Optional.of(new Violation(field, "must not be null"));
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            return Optional.of(new Violation(field, "must be between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters"));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            return Optional.of(new Violation(field, "is too common; choose a less predictable password"));
        }
        String local = email == null ? "" : email.toLowerCase(Locale.ROOT).split("@", 2)[0];
        if (local.length() >= MIN_LOCAL_PART && lower.contains(local)) {
            return Optional.of(new Violation(field, "must not contain your email address"));
        }
        return Optional.empty();
    }

    int commonCount() {
        return common.size();
    }

    private static Set<String> load() {
        InputStream in = PasswordPolicy.class.getClassLoader().getResourceAsStream(COMMON_PASSWORDS);
        if (in == null) {
            throw new IllegalStateException("missing resource " + COMMON_PASSWORDS);
        }
        Set<String> words = new HashSet<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
