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

    private final WebClient client = WebClient.builder()
            .socketOptions(s -> s.connectTimeout(CONNECT_TIMEOUT).tcpNoDelay(true))
            .followRedirects(false)
            .connectionCacheSize(1024)
            .build();

    /**
     * POSTs a JSON body; {@code timeout} bounds the wait for the answer and for each later read. A pooled
     * connection the backend has closed in the meantime fails at once, before anything was answered: that one
     * failure is retried on a fresh connection rather than reported.
     */
    public HttpClientResponse post(Backend backend, Endpoint endpoint, String path, byte[] body, Duration timeout,
                                   Map<String, String> extraHeaders) throws UpstreamFailure {
        HttpClientResponse response;
        long start = System.nanoTime();
        try {
            response = send(backend, endpoint, path, body, timeout, extraHeaders);
        } catch (RuntimeException first) {
            if (isConnectionRefused(first) || System.nanoTime() - start > timeout.toNanos() / 2) {
                throw classify(backend, timeout, first, System.nanoTime() - start);
            }
            LOG.debug("backend {} ({}): {}; retrying once on a new connection", backend.name(), endpoint, first.toString());
            long retried = System.nanoTime();
            try {
                response = send(backend, endpoint, path, body, timeout, extraHeaders);
            } catch (RuntimeException second) {
                throw classify(backend, timeout, second, System.nanoTime() - retried);
            }
        }
        int status = response.status().code();
        if (status >= 500) {
            String detail = readSnippet(response);
            response.close();
            throw new UpstreamFailure(UpstreamFailure.Kind.SERVER_ERROR, backend.name(), status,
                    "answered " + status + (detail.isBlank() ? "" : ": " + detail));
        }
        return response;
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

    private static boolean isConnectionRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
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
     * Names what went wrong. Only a wait that lasted the whole timeout is a timeout: a failure that comes back
     * early is a broken connection, whatever words its message uses, and says so with its real cause.
     */
    private static UpstreamFailure classify(Backend backend, Duration timeout, RuntimeException e, long elapsedNanos) {
        boolean waitedItOut = elapsedNanos >= timeout.toNanos() * 9 / 10;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if ((t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) && waitedItOut) {
                return new UpstreamFailure(UpstreamFailure.Kind.TIMEOUT, backend.name(), 0,
                        "no answer within " + timeout.toMillis() + " ms");
            }
            if (t instanceof ConnectException) {
                return new UpstreamFailure(UpstreamFailure.Kind.CONNECT, backend.name(), 0, "connection refused");
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
