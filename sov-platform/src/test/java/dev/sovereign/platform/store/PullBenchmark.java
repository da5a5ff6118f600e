package dev.sovereign.platform.store;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * How much a verified, resumable {@code sov pull} costs over a plain download: both fetch the
 * same repository from one loopback fake hub, 4 files at a time; the peer is the JDK's HTTP
 * client writing the same files with no check at all (and, to tell the client's share from the
 * checks', the same plain download through Helidon's client). Rounds alternate; medians are printed.
 * Run: {@code java -cp <test classpath> dev.sovereign.platform.store.PullBenchmark [MiB] [rounds]}.
 */
public final class PullBenchmark {

    private static final int FILES = 4;

    private PullBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("pull-bench");
        try (FakeHub hub = new FakeHub()) {
            FakeHub.Repo repo = repository(mib);
            hub.add(repo);
            HubSettings settings = HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", hub.endpoint().toString(),
                    "HF_HOME", work.toString())::get);
            List<Double> ours = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            List<Double> helidon = new ArrayList<>();
            timePull(settings, repo, work.resolve("warm"));
            timePlain(hub, repo, work.resolve("warm-plain"));
            timeHelidon(hub, repo, work.resolve("warm-helidon"));
            for (int round = 0; round < rounds; round++) {
                ours.add(timePull(settings, repo, work.resolve("ours-" + round)));
                plain.add(timePlain(hub, repo, work.resolve("plain-" + round)));
                helidon.add(timeHelidon(hub, repo, work.resolve("helidon-" + round)));
            }
            double oursMiBs = mib / median(ours);
            double plainMiBs = mib / median(plain);
            System.out.printf(Locale.ROOT, "repository: %d MiB in %d LFS files, %d rounds%n", mib, FILES, rounds);
            System.out.printf(Locale.ROOT, "sov pull (verified):                 %.0f MiB/s  rounds %s s%n", oursMiBs, ours);
            System.out.printf(Locale.ROOT, "plain download, JDK client:          %.0f MiB/s  rounds %s s%n", plainMiBs, plain);
            System.out.printf(Locale.ROOT, "plain download, Helidon client:      %.0f MiB/s  rounds %s s%n",
                    mib / median(helidon), helidon);
            System.out.printf(Locale.ROOT, "ratio sov pull / plain JDK download: %.2f%n", oursMiBs / plainMiBs);
        } finally {
            delete(work);
        }
    }

    private static FakeHub.Repo repository(int mib) {
        Random random = new Random(42);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", "{\"architectures\":[\"Qwen2ForCausalLM\"]}".getBytes());
        for (int i = 1; i <= FILES; i++) {
            byte[] data = new byte[mib * (1 << 20) / FILES];
            random.nextBytes(data);
            files.put("model-0000" + i + "-of-0000" + FILES + ".safetensors", data);
        }
        return new FakeHub.Repo("bench/model", "main", "0123456789abcdef0123456789abcdef01234567", files);
    }

    private static double timePull(HubSettings settings, FakeHub.Repo repo, Path store) {
        long start = System.nanoTime();
        WeightStore.open(store, settings).pull(repo.id(), "main", store, PullListener.NONE);
        return (System.nanoTime() - start) / 1e9;
    }

    private static double timePlain(FakeHub hub, FakeHub.Repo repo, Path folder) throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        return timeParallel(hub, repo, folder, (uri, file) ->
                client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofFile(file)));
    }

    /** The same plain download through the client the store uses, to tell the client's cost from the checks'. */
    private static double timeHelidon(FakeHub hub, FakeHub.Repo repo, Path folder) throws Exception {
        io.helidon.webclient.api.WebClient client = io.helidon.webclient.api.WebClient.builder().build();
        return timeParallel(hub, repo, folder, (uri, file) -> {
            try (var response = client.get().uri(uri).request(); var in = response.inputStream()) {
                Files.copy(in, file);
            }
        });
    }

    private interface Download {
        void fetch(URI uri, Path file) throws Exception;
    }

    private static double timeParallel(FakeHub hub, FakeHub.Repo repo, Path folder, Download download) throws Exception {
        Files.createDirectories(folder);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(FILES, Thread.ofVirtual().factory())) {
            List<Future<?>> downloads = new ArrayList<>();
            for (String name : repo.files().keySet()) {
                URI uri = URI.create(hub.endpoint() + "/" + repo.id() + "/resolve/" + repo.commit() + "/" + name);
                downloads.add(pool.submit(() -> {
                    download.fetch(uri, folder.resolve(name));
                    return null;
                }));
            }
            for (Future<?> each : downloads) {
                each.get();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
