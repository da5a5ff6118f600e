package dev.sovereign.gateway.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * nginx as a plain reverse proxy in front of the upstream: the peer of the benchmark. One
 * worker (the gateway gets no more than the machine either), upstream keep-alive, no
 * buffering so streams are relayed as they come.
 */
final class NginxProxy implements AutoCloseable {

    private final Process process;
    private final int port;

    private NginxProxy(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static NginxProxy start(String binary, int upstreamPort, Path workDir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Files.createDirectories(workDir.resolve("logs"));
        Path conf = workDir.resolve("nginx.conf");
        Files.writeString(conf, """
                worker_processes 1;
                daemon off;
                error_log %1$s/logs/error.log warn;
                pid %1$s/nginx.pid;
                events { worker_connections 4096; }
                http {
                  access_log off;
                  client_body_temp_path %1$s/body;
                  proxy_temp_path %1$s/proxy;
                  fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi;
                  scgi_temp_path %1$s/scgi;
                  upstream backend { server 127.0.0.1:%2$d; keepalive 256; }
                  server {
                    listen 127.0.0.1:%3$d backlog=8192;
                    location / {
                      proxy_pass http://backend;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_buffering off;
                    }
                  }
                }
                """.formatted(workDir.toAbsolutePath(), upstreamPort, port));
        Process process = new ProcessBuilder(binary, "-c", conf.toAbsolutePath().toString(), "-p", workDir.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(workDir.resolve("nginx.out").toFile()).start();
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new NginxProxy(process, port);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("nginx exited: " + Files.readString(workDir.resolve("nginx.out")));
                }
                Thread.sleep(50);
            }
        }
        process.destroy();
        throw new IOException("nginx did not open port " + port);
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
