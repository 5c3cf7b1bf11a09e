package io.optionchain.web.config;

/** A config file a person must fix; the message names the file, the line and the field. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
