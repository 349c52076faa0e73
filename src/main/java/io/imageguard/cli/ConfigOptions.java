package io.imageguard.cli;

import io.imageguard.config.ConfigSource;
import io.imageguard.config.ImageguardConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --conf FILE} and {@code --set key=value}, shared by every command that runs the job. */
final class ConfigOptions {
    @Option(
            names = "--conf",
            paramLabel = "FILE",
            description = "YAML file over the defaults (conf/imageguard.yaml ships in the jar)")
    Path conf;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "override one key (repeatable; lists comma-separated)")
    List<String> overrides = new ArrayList<>();

    ConfigSource source() {
        ConfigSource source = ConfigSource.defaults();
        if (conf != null) {
            source.withFile(conf);
        }
        return source.withOverrides(overrides);
    }

    ImageguardConfig load() {
        return ImageguardConfig.load(source());
    }
}
