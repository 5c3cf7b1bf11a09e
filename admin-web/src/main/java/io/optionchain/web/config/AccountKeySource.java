package io.optionchain.web.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where {@link AccountsFile} finds an account's key: an environment variable or a file only its owner may use.
 * A refusal is an {@link IllegalArgumentException} whose message names the variable or the path, never the key;
 * the accounts file adds its own name, line and field.
 */
final class AccountKeySource {
    /** An OpenAlgo key is 64 hex digits; a longer file is not a key file. */
    private static final long MOST_BYTES = 4_096;
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Set<PosixFilePermission> OWNER_ONLY = Set.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final Path accountsFile;
    private final Map<String, String> environment;

    /** @param environment the process's variables, given by the caller so that tests can give their own */
    AccountKeySource(Path accountsFile, Map<String, String> environment) {
        this.accountsFile = accountsFile;
        this.environment = environment;
    }

    String fromEnvironment(String variable) {
        if (looksLikeAKey(variable)) {
            throw new IllegalArgumentException("looks like a key itself; name the environment variable that holds it"
                    + " (the value is not shown)");
        }
        if (!VARIABLE.matcher(variable).matches()) {
            throw new IllegalArgumentException("must name an environment variable (letters, digits and '_'), such as"
                    + " OPENALGO_KEY_ZERODHA_MAIN");
        }
        String value = environment.get(variable);
        if (value == null) {
            throw new IllegalArgumentException("the environment variable " + variable + " is not set");
        }
        return key(value, "the environment variable " + variable, "the variable");
    }

    /** @param name absolute, or relative to the accounts file's directory */
    String fromFile(String name) {
        if (looksLikeAKey(name)) {
            throw new IllegalArgumentException("looks like a key itself; name the file that holds it (the value is not"
                    + " shown)");
        }
        Path given;
        try {
            given = Path.of(name);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("must be a file's path");
        }
        Path path = given.isAbsolute() || accountsFile.getParent() == null ? given
                : accountsFile.getParent().resolve(given);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such file: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("not a file: " + path);
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException e) {
            throw new IllegalArgumentException("cannot tell who may read " + path + " (not a POSIX file system);"
                    + " use api_key_env here");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getClass().getSimpleName());
        }
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new IllegalArgumentException(path + " is open to others (" + PosixFilePermissions.toString(permissions)
                    + "); a key file must allow its owner only: chmod 600 " + path);
        }
        try {
            if (Files.size(path) > MOST_BYTES) {
                throw new IllegalArgumentException(path + " holds more than a key (over " + MOST_BYTES + " bytes)");
            }
            return key(Files.readString(path, StandardCharsets.UTF_8), path.toString(), "a key file");
        } catch (IOException e) {
            // the exception's own text is left out: only its kind, never what was read
            throw new IllegalArgumentException("cannot read " + path + ": " + e.getClass().getSimpleName());
        }
    }

    private static String key(String raw, String from, String holder) {
        String key = raw.strip();
        if (key.isEmpty()) {
            throw new IllegalArgumentException(from + " is empty");
        }
        if (key.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException(from + " holds more than one word; " + holder + " holds the key alone");
        }
        return key;
    }

    /**
     * A long run of letters and digits with both in it: a key pasted where its variable's name or file's path
     * belongs. Refused without repeating it, so it reaches no log.
     */
    private static boolean looksLikeAKey(String value) {
        return value.length() >= 20 && value.chars().allMatch(Character::isLetterOrDigit)
                && value.chars().anyMatch(Character::isDigit) && value.chars().anyMatch(Character::isLetter);
    }
}
