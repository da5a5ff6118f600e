package dev.sovereign.eval.provider;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs JSON to an OpenAI-compatible server, retrying transport failures (connection refused or
 * reset, 429, 502, 503, 504) with a doubling back-off. Other HTTP errors are returned, not retried:
 * a 400 will not get better.
 */
public final class Transport {

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

    private final HttpClient client;
    private final int retries;
    private final Duration timeout;
    private final long backoffMs;

    public Transport(int retries, Duration timeout, long backoffMs) {
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();
        this.retries = retries;
        this.timeout = timeout;
        this.backoffMs = backoffMs;
    }

    /** The HTTP status and body of the last attempt. */
    public record Reply(int status, String body) {
    }

    public Reply post(String url, String apiKey, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (apiKey != null && !apiKey.isEmpty()) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        HttpRequest built = request.build();
        IOException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                Thread.sleep(backoffMs << (attempt - 1));
            }
            try {
                HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
                if (!retryable(response.statusCode()) || attempt == retries) {
                    return new Reply(response.statusCode(), response.body());
                }
                LOG.debug("{} answered {}, retrying", url, response.statusCode());
            } catch (HttpTimeoutException e) {
                throw new IOException("request timed out after " + timeout.toMillis() + " ms", e);
            } catch (IOException e) {
                last = e;
                LOG.debug("{} failed ({}), retrying", url, e.toString());
            }
        }
        throw last;
    }

    private static boolean retryable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }
}
