package io.imageguard.cli;

import io.imageguard.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The launcher's entry point: {@code imageguard replay|run|demo|hash|compare|bootstrap ...}. */
@Command(
        name = "imageguard",
        mixinStandardHelpOptions = true,
        description = "Product-photo theft and complaint abuse, on Flink.",
        subcommands = {
            ReplayCommand.class,
            RunCommand.class,
            DemoCommand.class,
            HashCommand.class,
            CompareCommand.class,
            BootstrapCommand.class
        })
public final class ImageguardCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with imageguard's error handling: config errors are one clear line. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ImageguardCli());
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                        commandLine.getErr().println("imageguard: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                });
        return cli;
    }
}
