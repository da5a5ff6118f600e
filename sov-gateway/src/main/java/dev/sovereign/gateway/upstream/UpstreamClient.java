package dev.sovereign.gateway.upstream;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * HTTP to backends over one pooled Helidon client. A call either returns an open response whose
 * status is below 500, or throws {@link UpstreamFailure} when nothing reached the client yet, so
 * the caller can fall back. The client's own key never goes upstream: only the backend's.
 */
public final class UpstreamClient {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UpstreamClient.class);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** The Messages API version sent to native Anthropic backends. */
    static final String ANTHROPIC_VERSION = "2023-06-01";

    private final RetryPolicy retries;

    public UpstreamClient() {
        this(RetryPolicy.DEFAULT);
    }

    public UpstreamClient(RetryPolicy retries) {
        this.retries = retries;
    }

    private final WebClient client = WebClient.builder()
            .socketOptions(s -> s.connectTimeout(CONNECT_TIMEOUT).tcpNoDelay(true))
            .followRedirects(false)
            .connectionCacheSize(1024)
            .build();

    /**
     * POSTs a JSON body; {@code timeout} bounds the wait for the answer and for each later read. The request is sent
     * again only when the backend cannot have generated anything: a 429 or 503 answer is retried on the same replica
     * with {@link RetryPolicy}'s bounded backoff; a refused connection is reported at once for the caller to move on.
     * A reset, a timeout or another 5xx is reported and never retried (ADR 0101).
     */
    public HttpClientResponse post(Backend backend, Endpoint endpoint, String path, byte[] body, Duration timeout,
                                   Map<String, String> extraHeaders) throws UpstreamFailure {
        for (int retry = 0; ; retry++) {
            HttpClientResponse response;
            long start = System.nanoTime();
            try {
                response = send(backend, endpoint, path, body, timeout, extraHeaders);
            } catch (RuntimeException e) {
                throw classify(backend, timeout, e, System.nanoTime() - start);
            }
            int status = response.status().code();
            if (status == 429 || status == 503) {
                Long retryAfter = retryAfter(response);
                String detail = readSnippet(response);
                response.close();
                UpstreamFailure busy = new UpstreamFailure(UpstreamFailure.Kind.BUSY, backend.name(), status,
                        "answered " + status + (detail.isBlank() ? "" : ": " + detail), true, retryAfter);
                if (retry >= retries.retries()) {
                    throw busy;
                }
                Duration wait = retries.delay(retry, retryAfter);
                LOG.info("backend {} ({}) answered {}; retry {} in {} ms", backend.name(), endpoint, status, retry + 1,
                        wait.toMillis());
                sleep(wait);
                continue;
            }
            if (status >= 500) {
                String detail = readSnippet(response);
                response.close();
                throw new UpstreamFailure(UpstreamFailure.Kind.SERVER_ERROR, backend.name(), status,
                        "answered " + status + (detail.isBlank() ? "" : ": " + detail));
            }
            return response;
        }
    }

    private static Long retryAfter(HttpClientResponse response) {
        try {
            return response.headers().first(HeaderNames.RETRY_AFTER).map(Long::parseLong).orElse(null);
        } catch (NumberFormatException e) {
            // an HTTP date: the bounded backoff applies
            return null;
        }
    }

    private static void sleep(Duration wait) throws UpstreamFailure {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw UpstreamFailure.unsent(UpstreamFailure.Kind.BUSY, "interrupted", "interrupted while waiting to retry");
        }
    }

    private HttpClientResponse send(Backend backend, Endpoint endpoint, String path, byte[] body, Duration timeout,
                                    Map<String, String> extraHeaders) {
        var request = client.post()
                .uri(endpoint.resolve(path))
                .readTimeout(timeout)
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .header(HeaderValues.ACCEPT_JSON);
        if (backend.settings().speaksAnthropic()) {
            request.header(HeaderNames.create("anthropic-version"), ANTHROPIC_VERSION);
            if (backend.settings().apiKey() != null) {
                request.header(HeaderNames.create("x-api-key"), backend.settings().apiKey());
            }
        } else if (backend.settings().apiKey() != null) {
            request.header(HeaderNames.AUTHORIZATION, "Bearer " + backend.settings().apiKey());
        }
        extraHeaders.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        return request.submit(body);
    }

    /** A plain GET (metrics scraping); any failure is an exception for the caller to shrug off. */
    public String get(URI uri, Duration timeout) {
        try (HttpClientResponse response = client.get().uri(uri).readTimeout(timeout).request()) {
            if (response.status().code() != 200) {
                throw new IllegalStateException(uri + " answered " + response.status().code());
            }
            return response.as(String.class);
        }
    }

    /** The status of a GET whose body does not matter (health checks); failures are exceptions. */
    public int status(URI uri, Duration timeout) {
        try (HttpClientResponse response = client.get().uri(uri).readTimeout(timeout).request()) {
            return response.status().code();
        }
    }

    /**
     * Names what went wrong. Only a refused connection means the request was never sent. Only a wait that lasted the
     * whole timeout is a timeout: a failure that comes back early is a broken connection, whatever words its message
     * uses, and says so with its real cause.
     */
    private static UpstreamFailure classify(Backend backend, Duration timeout, RuntimeException e, long elapsedNanos) {
        boolean waitedItOut = elapsedNanos >= timeout.toNanos() * 9 / 10;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return UpstreamFailure.unsent(UpstreamFailure.Kind.CONNECT, backend.name(), "connection refused");
            }
            if ((t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) && waitedItOut) {
                return new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, backend.name(), 0,
                        "no answer within " + timeout.toMillis() + " ms");
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (waitedItOut && (message.toLowerCase().contains("timeout") || message.toLowerCase().contains("timed out"))) {
            return new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, backend.name(), 0, "no answer within " + timeout.toMillis() + " ms");
        }
        return new UpstreamFailure(UpstreamFailure.Kind.CONNECT, backend.name(), 0, "connection failed: " + message);
    }

    private static String readSnippet(HttpClientResponse response) {
        try (InputStream in = response.inputStream()) {
            byte[] head = in.readNBytes(300);
            return new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            return "";
        }
    }
}
