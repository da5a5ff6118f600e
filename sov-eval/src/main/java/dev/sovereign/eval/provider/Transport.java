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

    private final HttpClient plainClient;
    private volatile HttpClient tlsClient;
    private final int retries;
    private final Duration timeout;
    private final long backoffMs;

    public Transport(int retries, Duration timeout, long backoffMs) {
        this.plainClient = builder().sslContext(NoTrustTls.CONTEXT).build();
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
                HttpResponse<String> response = clientFor(built.uri()).send(built, HttpResponse.BodyHandlers.ofString());
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

    private static HttpClient.Builder builder() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1);
    }

    /**
     * Plain http (the usual case: the gateway on loopback or in-cluster) uses a client whose TLS
     * context trusts nothing and is never used, because building the default one loads the JDK's
     * CA store, which took seconds on our CI machines. https gets a normal client, built on first use.
     */
    private HttpClient clientFor(URI uri) {
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return plainClient;
        }
        HttpClient tls = tlsClient;
        if (tls == null) {
            synchronized (this) {
                if (tlsClient == null) {
                    tlsClient = builder().build();
                }
                tls = tlsClient;
            }
        }
        return tls;
    }

    /** A TLS context with no trust anchors, so creating it loads no certificate store. */
    private static final class NoTrustTls {
        static final javax.net.ssl.SSLContext CONTEXT = create();

        private static javax.net.ssl.SSLContext create() {
            try {
                javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
                context.init(new javax.net.ssl.KeyManager[0], new javax.net.ssl.TrustManager[0], null);
                return context;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("cannot create a TLS context", e);
            }
        }
    }

    private static boolean retryable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }
}
