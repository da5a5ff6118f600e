package dev.sovereign.platform.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server speaking the part of the Hugging Face hub API a pull uses: the listing
 * ({@code /api/models/{repo}/revision/{rev}?blobs=true}) and file downloads
 * ({@code /{repo}/resolve/{rev}/{path}}, LFS files redirected to a CDN path, {@code Range}
 * honoured). It counts what it served, and can cut a connection, serve wrong bytes or require a token.
 */
public final class FakeHub implements AutoCloseable {

    /** One repository: its commit, the branch pointing at it, and its files (".safetensors" ones are LFS). */
    public record Repo(String id, String branch, String commit, Map<String, byte[]> files) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public final List<String> authorizations = new CopyOnWriteArrayList<>();
    public final List<String> ranges = new CopyOnWriteArrayList<>();
    public final AtomicInteger listings = new AtomicInteger();
    /** The raw (still encoded) paths and queries of the listing requests. */
    public final List<String> listingPaths = new CopyOnWriteArrayList<>();
    public final AtomicInteger downloads = new AtomicInteger();
    /** The most file downloads that were in flight at once. */
    public final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    public final Map<String, AtomicLong> bytesServed = new ConcurrentHashMap<>();
    /** Path → bytes after which the next download of that path is cut (once). */
    public final Map<String, Long> cutOnce = new ConcurrentHashMap<>();
    /** Paths served with wrong bytes of the right length. */
    public final List<String> corrupt = new CopyOnWriteArrayList<>();
    /** Path → how many more downloads of it answer 503 before it is served. */
    public final Map<String, Integer> unavailable = new ConcurrentHashMap<>();
    /** Path → the size the listing claims instead of the real one. */
    public final Map<String, Long> listedSize = new ConcurrentHashMap<>();
    public volatile String requiredToken;
    /** Milliseconds to wait between 8 KiB chunks of a file, to keep downloads in flight. */
    public volatile long chunkDelayMs;

    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    // Arrays hash by identity: one entry per file's bytes.
    private final Map<byte[], String> lfsIds = new ConcurrentHashMap<>();
    private final WebServer server;

    public FakeHub() {
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r.get("/*", this::handle)).build().start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    public void add(Repo repo) {
        repos.put(repo.id(), repo);
    }

    /** A repository like a small model: config, tokenizer and two LFS weight files of a few hundred KB. */
    public static Repo sampleRepo(String id, long seed) {
        Random random = new Random(seed);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", ("{\"architectures\":[\"Qwen2ForCausalLM\"],\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8));
        files.put("tokenizer.json", ("{\"model\":{\"type\":\"BPE\"},\"seed\":" + seed + "}").getBytes(StandardCharsets.UTF_8));
        files.put("model-00001-of-00002.safetensors", bytes(random, 300_000));
        files.put("model-00002-of-00002.safetensors", bytes(random, 200_000));
        String commit = hex("SHA-1", (id + seed).getBytes(StandardCharsets.UTF_8));
        return new Repo(id, "main", commit, files);
    }

    /** A repository holding the files of a real model folder (e.g. the bundled sov-tiny). */
    public static Repo repoFromFolder(String id, Path folder) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (var paths = Files.list(folder)) {
            for (Path file : paths.sorted().toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return new Repo(id, "main", hex("SHA-1", id.getBytes(StandardCharsets.UTF_8)), files);
    }

    public long served(String path) {
        return bytesServed.getOrDefault(path, new AtomicLong()).get();
    }

    public static String sha256(byte[] data) {
        return hex("SHA-256", data);
    }

    /** The hub knows its LFS ids; hashing hundreds of MB per request would make the server the bottleneck. */
    private String lfsId(byte[] data) {
        return lfsIds.computeIfAbsent(data, FakeHub::sha256);
    }

    @Override
    public void close() {
        server.stop();
    }

    private void handle(ServerRequest req, ServerResponse res) {
        req.headers().first(HeaderNames.AUTHORIZATION).ifPresent(authorizations::add);
        if (requiredToken != null && !req.headers().first(HeaderNames.AUTHORIZATION).orElse("").equals("Bearer " + requiredToken)) {
            res.status(Status.UNAUTHORIZED_401).send("{\"error\":\"Invalid credentials\"}");
            return;
        }
        String path = req.path().rawPath();
        if (path.startsWith("/api/models/")) {
            listingPaths.add(path + "?" + req.query().rawValue());
            listing(path.substring("/api/models/".length()), res);
        } else if (path.startsWith("/cdn/")) {
            content(decode(path.substring("/cdn/".length())), req, res);
        } else if (path.contains("/resolve/")) {
            resolve(path, res);
        } else {
            res.status(Status.NOT_FOUND_404).send("{\"error\":\"no route " + path + "\"}");
        }
    }

    private void listing(String rest, ServerResponse res) {
        listings.incrementAndGet();
        int at = rest.indexOf("/revision/");
        Repo repo = at < 0 ? null : repos.get(rest.substring(0, at));
        if (repo == null || !revisionMatches(repo, decode(rest.substring(at + "/revision/".length())))) {
            res.status(Status.NOT_FOUND_404).send("{\"error\":\"Repository not found\"}");
            return;
        }
        ObjectNode info = JSON.createObjectNode().put("id", repo.id()).put("sha", repo.commit());
        var siblings = info.putArray("siblings");
        repo.files().forEach((name, data) -> {
            ObjectNode sibling = siblings.addObject().put("rfilename", name)
                    .put("size", listedSize.getOrDefault(name, (long) data.length));
            if (name.endsWith(".safetensors")) {
                String pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + lfsId(data) + "\nsize " + data.length + "\n";
                sibling.put("blobId", gitBlobId(pointer.getBytes(StandardCharsets.UTF_8)));
                sibling.putObject("lfs").put("sha256", lfsId(data)).put("size", data.length).put("pointerSize", pointer.length());
            } else {
                sibling.put("blobId", gitBlobId(data));
            }
        });
        res.header(HeaderNames.CONTENT_TYPE, "application/json").send(info.toString());
    }

    private void resolve(String path, ServerResponse res) {
        int at = path.indexOf("/resolve/");
        Repo repo = repos.get(path.substring(1, at));
        String[] revAndFile = path.substring(at + "/resolve/".length()).split("/", 2);
        if (repo == null || revAndFile.length < 2 || !revisionMatches(repo, decode(revAndFile[0]))
                || !repo.files().containsKey(decode(revAndFile[1]))) {
            res.status(Status.NOT_FOUND_404).send("{\"error\":\"Entry not found\"}");
            return;
        }
        String file = decode(revAndFile[1]);
        if (unavailable.merge(file, -1, Integer::sum) >= 0) {
            res.status(Status.SERVICE_UNAVAILABLE_503).send("{\"error\":\"try again later\"}");
            return;
        }
        res.header(HeaderNames.create("X-Repo-Commit"), repo.commit());
        if (file.endsWith(".safetensors")) {
            byte[] data = repo.files().get(file);
            res.header(HeaderNames.create("X-Linked-Etag"), "\"" + lfsId(data) + "\"");
            res.header(HeaderNames.create("X-Linked-Size"), String.valueOf(data.length));
            res.header(HeaderNames.LOCATION, "/cdn/" + repo.id() + "/" + file).status(Status.FOUND_302).send();
            return;
        }
        serve(repo, file, null, res);
    }

    private void content(String repoAndFile, ServerRequest req, ServerResponse res) {
        for (Repo repo : repos.values()) {
            if (repoAndFile.startsWith(repo.id() + "/") && repo.files().containsKey(repoAndFile.substring(repo.id().length() + 1))) {
                serve(repo, repoAndFile.substring(repo.id().length() + 1), req.headers().first(HeaderNames.RANGE).orElse(null), res);
                return;
            }
        }
        res.status(Status.NOT_FOUND_404).send();
    }

    private void serve(Repo repo, String file, String range, ServerResponse res) {
        downloads.incrementAndGet();
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            send(repo, file, range, res);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void send(Repo repo, String file, String range, ServerResponse res) {
        byte[] data = repo.files().get(file);
        if (corrupt.contains(file)) {
            data = data.clone();
            data[data.length / 2] ^= 0x5a;
        }
        int from = 0;
        if (range != null) {
            ranges.add(file + " " + range);
            from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            if (from >= data.length) {
                res.status(Status.REQUESTED_RANGE_NOT_SATISFIABLE_416).send();
                return;
            }
            res.status(Status.PARTIAL_CONTENT_206).header(HeaderNames.CONTENT_RANGE,
                    "bytes " + from + "-" + (data.length - 1) + "/" + data.length);
        }
        Long cut = cutOnce.remove(file);
        res.header(HeaderNames.CONTENT_LENGTH, String.valueOf(data.length - from));
        AtomicLong counter = bytesServed.computeIfAbsent(file, f -> new AtomicLong());
        try (OutputStream out = res.outputStream()) {
            for (int offset = from; offset < data.length; offset += 8192) {
                int n = Math.min(8192, data.length - offset);
                if (cut != null && offset - from + n > cut) {
                    out.write(data, offset, (int) (cut - (offset - from)));
                    counter.addAndGet(cut - (offset - from));
                    out.flush();
                    throw new CloseConnectionException("cut after " + cut + " bytes, as the test asked");
                }
                out.write(data, offset, n);
                counter.addAndGet(n);
                if (chunkDelayMs > 0) {
                    out.flush();
                    Thread.sleep(chunkDelayMs);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean revisionMatches(Repo repo, String revision) {
        return revision.equals(repo.branch()) || revision.equals(repo.commit());
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Random random, int size) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }

    private static String gitBlobId(byte[] data) {
        byte[] header = ("blob " + data.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + data.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(data, 0, all, header.length, data.length);
        return hex("SHA-1", all);
    }

    private static String hex(String algorithm, byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
