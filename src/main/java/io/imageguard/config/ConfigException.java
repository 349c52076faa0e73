package io.imageguard.config;

/** A configuration key that is unknown or whose value is wrong; the message names the key. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String key, String problem) {
        super("config key '" + key + "': " + problem);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
