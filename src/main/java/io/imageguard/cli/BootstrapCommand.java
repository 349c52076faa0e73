package io.imageguard.cli;

import io.imageguard.config.ImageguardConfig;
import io.imageguard.registry.RegistryBootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.flink.util.ExceptionUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bootstrap --catalog FILE.jsonl --savepoint DIR}: writes the first-publish registry of a
 * catalog of already-published photos as a savepoint ({@link RegistryBootstrap}), to start {@code
 * run} or {@code replay} from with {@code --from-savepoint DIR}. Takes the same {@code --conf} and
 * {@code --set} as those: {@code registry.shards} and {@code job.max-parallelism} must be the ones
 * the job will run with.
 */
@Command(
        name = "bootstrap",
        mixinStandardHelpOptions = true,
        description = "Write the registry of a catalog of published photos as a savepoint.")
final class BootstrapCommand implements Callable<Integer> {
    @Option(
            names = "--catalog",
            required = true,
            paramLabel = "FILE.jsonl",
            description = "one photo per line (see README, \"Bootstrapping the registry\")")
    Path catalog;

    @Option(
            names = "--savepoint",
            required = true,
            paramLabel = "DIR",
            description = "where to write the savepoint (must not exist yet)")
    Path savepoint;

    @Mixin ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(catalog)) {
            System.err.println("imageguard: no such catalog file: " + catalog);
            return 2;
        }
        if (Files.exists(savepoint)) {
            System.err.println("imageguard: savepoint directory already exists: " + savepoint);
            return 2;
        }
        ImageguardConfig cfg = config.load();
        try {
            new RegistryBootstrap(cfg).write(catalog, savepoint);
        } catch (Exception e) {
            // a bad catalog line fails the job: say which line, not the job's stack
            var bad = ExceptionUtils.findThrowable(e, IllegalArgumentException.class);
            if (bad.isPresent()) {
                throw bad.get();
            }
            throw e;
        }
        System.out.println("savepoint written: " + savepoint.toAbsolutePath());
        return 0;
    }
}
