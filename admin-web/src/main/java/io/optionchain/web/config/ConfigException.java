package io.optionchain.web.config;

/**
 * A config file a person must fix, or a trading-hours template sent to the API (a 400 there); the message names
 * the file (or "request body"), the line and the field.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
