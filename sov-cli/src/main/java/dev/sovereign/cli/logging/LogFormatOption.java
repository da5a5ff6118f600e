package dev.sovereign.cli.logging;

import picocli.CommandLine.Option;

/**
 * {@code --log-format} on the commands that run a server. It is read before picocli parses anything (logging starts
 * first, see {@link LogFormat#chosen}); this option documents it in {@code --help} and refuses a wrong value.
 */
public final class LogFormatOption {

    @Option(names = LogFormat.OPTION, paramLabel = "FORMAT", description = "Log lines as text (time, level, component, "
            + "message; the default) or json (one object a line); default: $SOV_LOG_FORMAT, else text.")
    LogFormat format;
}
