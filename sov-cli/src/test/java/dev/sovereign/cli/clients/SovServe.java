package dev.sovereign.cli.clients;

import dev.sovereign.cli.ServeBanner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code sov serve --port 0} run from the packaged jar as a separate process, as a user runs it, with its data folder
 * in a temporary directory. Ready once it has printed its URL and key; stopped with SIGTERM.
 */
public final class SovServe implements ExtensionContext.Store.CloseableResource {

    static final Path ROOT = Path.of(System.getProperty("sov.root"));
    private static final Pattern LOOPBACK_URL = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/v1");
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private final Process process;
    private final Path log;
    private final String url;
    private final String key;
    private final Duration startup;

    private SovServe(Process process, Path log, String url, String key, Duration startup) {
        this.process = process;
        this.log = log;
        this.url = url;
        this.key = key;
        this.startup = startup;
    }

    static SovServe start() throws IOException, InterruptedException {
        Path jar = ROOT.resolve("sov-cli/target/sov.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the client tests run after `package` (./test or ./mvnw verify)");
        }
        Path work = Files.createTempDirectory("sov-serve-it");
        Path log = work.resolve("serve.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Dsov.home=" + ROOT, "-jar", jar.toString(),
                "serve", "--port", "0", "--api-key", "local=" + "sk-it-" + UUID.randomUUID()))
                .directory(work.toFile()).redirectError(log.toFile());
        pb.environment().put("SOV_DATA_DIR", work.resolve("data").toString());
        Instant started = Instant.now();
        Process process = pb.start();
        CompletableFuture<String[]> banner = CompletableFuture.supplyAsync(() -> readBanner(process, log));
        try {
            String[] urlAndKey = banner.get(READY_WITHIN.toSeconds(), TimeUnit.SECONDS);
            return new SovServe(process, log, urlAndKey[0], urlAndKey[1], Duration.between(started, Instant.now()));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("sov serve did not print its URL and key within " + READY_WITHIN
                    + "; its log:\n" + Files.readString(log, StandardCharsets.UTF_8), e);
        }
    }

    /** Reads stdout up to the banner's last line, then keeps draining it so the server never blocks on a full pipe. */
    private static String[] readBanner(Process process, Path log) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        ServeBanner banner;
        try {
            banner = ServeBanner.read(reader, () -> ServeBanner.captured(log));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (banner.url() == null || !LOOPBACK_URL.matcher(banner.url()).matches() || banner.key() == null) {
            throw new IllegalStateException("sov serve printed no loopback URL and key: " + banner.lines());
        }
        Thread.ofVirtual().start(() -> {
            try {
                reader.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // the process ended
            }
        });
        return new String[] {banner.url(), banner.key()};
    }

    /** The OpenAI base URL, ending in /v1. */
    public String url() {
        return url;
    }

    public String key() {
        return key;
    }

    public Duration startup() {
        return startup;
    }

    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** SIGTERM, as a service manager stops it; the platform shuts down gracefully. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("sov serve did not stop within 60 s of SIGTERM");
        }
    }
}
