package org.jurisim.cli;

import picocli.CommandLine.Option;

/** {@code --force}, the same promise for every command that writes an output directory (docs/reliability.md). */
final class ForceOption {

    @Option(names = "--force", description = "Replace the output directory if it exists and JuriSim wrote it"
            + " (never ., .., /, a home directory, a file or another program's directory).")
    boolean force;
}
