package dev.sovereign.platform.replica;

import dev.sovereign.gateway.upstream.UpstreamClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Replicas as child processes from {@code spec.engine.command}. The command may use
 * {@code {port}}, {@code {host}}, {@code {model}} (the local weights folder) and {@code {name}}
 * (the served model name); each replica gets its own free port and log file.
 */
public record ProcessSource(String name, List<String> command, Path weights, Path logFolder, UpstreamClient client)
        implements ReplicaSource {

    public static final String HOST = "127.0.0.1";

    public ProcessSource {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("spec.engine.command: kind process needs the server's command line");
        }
        command = List.copyOf(command);
    }

    @Override
    public Replica start(int index) {
        int port = FreePort.pick();
        List<String> line = command.stream().map(arg -> arg
                .replace("{port}", Integer.toString(port))
                .replace("{host}", HOST)
                .replace("{model}", weights == null ? "" : weights.toString())
                .replace("{name}", name)).toList();
        return new ProcessReplica(name + "-" + index, line, URI.create("http://" + HOST + ":" + port), 
                logFolder.resolve(name + "-" + index + ".log"), client);
    }

    @Override
    public String kind() {
        return "process";
    }
}
