package io.imageguard.cli;

/**
 * Main class of the job jar, what {@code flink run} submits: the {@code run} command, so {@code
 * flink run imageguard.jar --conf FILE --set key=value} takes the same options.
 */
public final class ImageguardJob {
    private ImageguardJob() {}

    public static void main(String[] args) {
        String[] withCommand = new String[args.length + 1];
        withCommand[0] = "run";
        System.arraycopy(args, 0, withCommand, 1, args.length);
        int status = ImageguardCli.commandLine().execute(withCommand);
        if (status != 0) {
            throw new IllegalStateException("imageguard run exited with status " + status);
        }
    }
}
