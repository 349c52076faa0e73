package io.imageguard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Layers of configuration flattened to dotted keys: the defaults shipped in the job jar, then an
 * optional file, then {@code --set key=value} overrides. YAML lists become comma-separated text,
 * the same form {@code --set} takes.
 */
public final class ConfigSource {
    static final String DEFAULTS_RESOURCE = "/imageguard.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, String> values = new LinkedHashMap<>();

    private ConfigSource() {}

    /** The defaults shipped in the jar (conf/imageguard.yaml). */
    public static ConfigSource defaults() {
        ConfigSource source = new ConfigSource();
        try (InputStream in = ConfigSource.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the jar");
            }
            source.merge(YAML.readTree(in), "default configuration");
        } catch (IOException e) {
            throw new ConfigException("cannot read the default configuration", e);
        }
        return source;
    }

    /** Overlays a YAML file; its keys must already be known from the defaults. */
    public ConfigSource withFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            merge(YAML.readTree(in), file.toString());
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file, e);
        }
        return this;
    }

    /** Overlays {@code key=value} pairs as given to {@code --set}. */
    public ConfigSource withOverrides(List<String> assignments) {
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(
                        "--set takes key=value, got '" + assignment + "'", (Throwable) null);
            }
            put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim());
        }
        return this;
    }

    public ConfigSource with(String key, String value) {
        put(key, value);
        return this;
    }

    Map<String, String> values() {
        return values;
    }

    private void merge(JsonNode root, String origin) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException(origin + " is not a YAML mapping", (Throwable) null);
        }
        flatten("", root);
    }

    private void flatten(String prefix, JsonNode node) {
        if (node.isObject()) {
            if (node.isEmpty() && !prefix.isEmpty()) {
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(
                        prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
                        field.getValue());
            }
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            put(prefix, String.join(",", items));
        } else {
            put(prefix, node.isNull() ? "" : node.asText());
        }
    }

    private void put(String key, String value) {
        values.put(key, value);
    }
}
