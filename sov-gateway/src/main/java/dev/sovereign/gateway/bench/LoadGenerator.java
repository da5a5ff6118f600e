package dev.sovereign.gateway.bench;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Drives one target: open-loop at a fixed rate, closed-loop for the maximum, and many streams at once. */
final class LoadGenerator {

    static final byte[] CHAT = "{\"model\":\"bench\",\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    static final byte[] STREAM = "{\"model\":\"bench\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"ping\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    private final WebClient client = WebClient.builder().connectionCacheSize(4096)
            .socketOptions(s -> s.connectTimeout(Duration.ofSeconds(10)).tcpNoDelay(true)).build();
    private final String key;

    LoadGenerator(String key) {
        this.key = key;
    }

    record Latency(Histogram micros, long errors) {
    }

    record Streams(int ok, int lost, int reordered, long seconds) {
    }

    private boolean post(URI base, byte[] body) {
        var request = client.post().uri(base.resolve("/v1/chat/completions")).header(HeaderValues.CONTENT_TYPE_JSON);
        if (key != null) {
            request.header(HeaderNames.AUTHORIZATION, "Bearer " + key);
        }
        try (HttpClientResponse response = request.submit(body)) {
            response.entity().consume();
            return response.status().code() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Requests sent at {@code rate} per second whatever the answers do; latency counted from the planned send time. */
    Latency openLoop(URI base, int rate, Duration warmUp, Duration measured) throws InterruptedException {
        ConcurrentHistogram histogram = new ConcurrentHistogram(60_000_000L, 3);
        AtomicLong errors = new AtomicLong();
        long period = 1_000_000_000L / rate;
        long total = (warmUp.toNanos() + measured.toNanos()) / period;
        long warmCount = warmUp.toNanos() / period;
        CountDownLatch done = new CountDownLatch((int) total);
        long start = System.nanoTime() + 10_000_000L;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < total; i++) {
                long planned = start + i * period;
                long wait = planned - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                boolean counted = i >= warmCount;
                threads.execute(() -> {
                    boolean ok = post(base, CHAT);
                    long micros = (System.nanoTime() - planned) / 1000;
                    if (counted) {
                        if (ok) {
                            histogram.recordValue(Math.min(micros, 60_000_000L));
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                    done.countDown();
                });
            }
            done.await();
        }
        return new Latency(histogram, errors.get());
    }

    /** Completed requests per second with {@code concurrency} clients sending back to back. */
    double closedLoop(URI base, int concurrency, Duration duration) throws Exception {
        AtomicLong completed = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                clients.add(threads.submit(() -> {
                    while (System.nanoTime() < end) {
                        if (post(base, CHAT)) {
                            completed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> f : clients) {
                f.get();
            }
        }
        return completed.get() / (duration.toNanos() / 1e9);
    }

    /** Opens {@code count} streams at once; each must deliver events 0..n-1 in order, then [DONE]. */
    Streams streams(URI base, int count, int events) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        long start = System.nanoTime();
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int s = 0; s < count; s++) {
                results.add(threads.submit(() -> {
                    go.await();
                    return readStream(base, events);
                }));
            }
            go.countDown();
            int ok = 0;
            int lost = 0;
            int reordered = 0;
            for (Future<Integer> f : results) {
                switch (f.get()) {
                    case 0 -> ok++;
                    case 1 -> lost++;
                    default -> reordered++;
                }
            }
            return new Streams(ok, lost, reordered, Math.round((System.nanoTime() - start) / 1e9));
        }
    }

    /** 0: complete and in order; 1: events or the end missing; 2: out of order. */
    private int readStream(URI base, int events) {
        var request = client.post().uri(base.resolve("/v1/chat/completions")).header(HeaderValues.CONTENT_TYPE_JSON)
                .readTimeout(Duration.ofSeconds(120));
        if (key != null) {
            request.header(HeaderNames.AUTHORIZATION, "Bearer " + key);
        }
        try (HttpClientResponse response = request.submit(STREAM);
             BufferedReader reader = new BufferedReader(new InputStreamReader(response.inputStream(), StandardCharsets.UTF_8))) {
            int next = 0;
            boolean done = false;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.equals("data: [DONE]")) {
                    done = true;
                    break;
                }
                int at = line.indexOf("\"content\":\"");
                if (at < 0) {
                    continue;
                }
                int number = Integer.parseInt(line.substring(at + 11, line.indexOf(' ', at + 11)));
                if (number != next) {
                    return number > next ? 1 : 2;
                }
                next++;
            }
            return done && next == events ? 0 : 1;
        } catch (RuntimeException | java.io.IOException e) {
            return 1;
        }
    }
}
