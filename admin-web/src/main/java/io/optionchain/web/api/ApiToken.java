package io.optionchain.web.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.optionchain.web.json.InputText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The bearer token every request that changes state must carry, and the one rule that checks it: a
 * before-handler on {@code /api/*} that lets GET, HEAD and OPTIONS through and asks everything else for
 * {@code Authorization: Bearer <token>} (401 without, 403 with a wrong one). Routes added later are covered
 * without doing anything.
 *
 * <p>The token comes from the config ({@code server.token}), else the environment
 * ({@value #ENVIRONMENT_VARIABLE}), else the file {@value #FILE_NAME} in the data directory, generated on
 * first start with owner-only permissions. Only the file's path is ever logged; the value never is.
 */
public final class ApiToken {
    private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);
    public static final String ENVIRONMENT_VARIABLE = "OPTIONCHAIN_API_TOKEN";
    public static final String FILE_NAME = "api-token";
    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final String BEARER = "Bearer ";

    private final byte[] digest;
    private final String source;

    private ApiToken(String token, String source) {
        this.digest = sha256(token);
        this.source = source;
    }

    /**
     * @param configured  {@code server.token}; empty when not set
     * @param environment value of {@value #ENVIRONMENT_VARIABLE}, or null
     * @param dataDir     where {@value #FILE_NAME} is read from, or generated into
     */
    public static ApiToken resolve(String configured, String environment, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            LOG.info("requests that change state need the bearer token set as server.token in the config");
            return new ApiToken(configured.strip(), "config");
        }
        if (environment != null && !environment.isBlank()) {
            LOG.info("requests that change state need the bearer token in the environment variable {}",
                    ENVIRONMENT_VARIABLE);
            return new ApiToken(environment.strip(), "environment");
        }
        Path file = dataDir.resolve(FILE_NAME).toAbsolutePath();
        boolean existed = Files.isRegularFile(file);
        String token = existed ? read(file) : generate(file);
        LOG.info("requests that change state need the bearer token {} {} (send it as 'Authorization: Bearer <token>')",
                existed ? "in" : "generated into", file);
        return new ApiToken(token, "file " + file);
    }

    /** Where the token came from, for status and logs: never the token. */
    public String source() {
        return source;
    }

    /** The rule, as a Javalin before-handler. */
    public void check(Context ctx) {
        if (READS.contains(ctx.method())) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, ctx.method() + " " + InputText.shown(ctx.path())
                    + " changes state: send 'Authorization: Bearer <token>' (the token's file is named in the start-up log)");
        }
        // digests of equal length, compared in constant time: neither content nor length leaks through timing
        if (!MessageDigest.isEqual(digest, sha256(header.substring(BEARER.length()).strip()))) {
            throw new ApiError(403, "the bearer token is not this server's");
        }
    }

    @Override
    public String toString() {
        return "ApiToken[" + source + "]";
    }

    private static String read(Path file) {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> rights = Files.getPosixFilePermissions(file);
                if (rights.stream().anyMatch(r -> r.name().startsWith("GROUP_") || r.name().startsWith("OTHERS_"))) {
                    throw new IllegalStateException(file + " is open to group or others ("
                            + PosixFilePermissions.toString(rights) + "), so the token may be known beyond its owner; "
                            + "run 'chmod 600 " + file + "' (or delete it to have a new one generated) and start again");
                }
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.length() < 16) {
                throw new IllegalStateException(file + " holds no usable token (fewer than 16 characters); "
                        + "delete it to have a new one generated");
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API token file " + file, e);
        }
    }

    /** 32 random bytes, URL-safe Base64; written to a temporary file with owner-only rights, then moved in place. */
    private static String generate(Path file) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Path temporary;
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
                temporary.toFile().setReadable(false, false);
                temporary.toFile().setReadable(true, true);
                temporary.toFile().setWritable(false, false);
                temporary.toFile().setWritable(true, true);
            }
            Files.writeString(temporary, token + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API token file " + file, e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
