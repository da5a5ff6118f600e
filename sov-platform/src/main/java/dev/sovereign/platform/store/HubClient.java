package dev.sovereign.platform.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The two calls of the Hugging Face hub API a pull needs: the listing of a repository at a
 * revision, and one file's bytes (from an offset, for resuming). Redirects (to a CDN for LFS
 * files, or for renamed repositories) are followed here, so the token goes only to the hub
 * itself and never to another host.
 */
final class HubClient {

    private static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HubSettings settings;
    private final WebClient client;

    HubClient(HubSettings settings) {
        this.settings = settings;
        this.client = WebClient.builder().followRedirects(false)
                .socketOptions(s -> s.connectTimeout(CONNECT_TIMEOUT))
                .build();
    }

    /** The files of {@code ref} and the commit it resolves to. */
    RepoListing listing(ModelRef ref) {
        URI uri = URI.create(settings.endpoint() + "/api/models/" + ref.repository() + "/revision/"
                + encode(ref.revision()) + "?blobs=true");
        try (HttpClientResponse response = get(uri, ref.toString(), 0)) {
            int status = response.status().code();
            if (status != 200) {
                throw refusal(status, ref.toString(), uri);
            }
            JsonNode info;
            try (InputStream in = response.inputStream()) {
                info = JSON.readTree(in);
            } catch (IOException | RuntimeException e) {
                throw new StoreException("the hub's listing of " + ref + " at " + uri + " is not JSON: " + e.getMessage());
            }
            return RepoListing.parse(ref, info);
        }
    }

    /** The bytes of {@code path} at {@code commit} from {@code offset}: status 206 means the range was honoured. */
    Body file(String repository, String commit, String path, long offset) {
        URI uri = URI.create(settings.endpoint() + "/" + repository + "/resolve/" + commit + "/" + encodePath(path));
        String what = path + " of " + repository + "@" + commit;
        HttpClientResponse response = get(uri, what, offset);
        int status = response.status().code();
        if (status == 200 || status == 206 || status == 416) {
            return new Body(status, response);
        }
        response.close();
        throw refusal(status, what, uri);
    }

    /** An open file response; closing it releases the connection. */
    record Body(int status, HttpClientResponse response) implements AutoCloseable {

        InputStream stream() {
            return response.inputStream();
        }

        @Override
        public void close() {
            response.close();
        }
    }

    private HttpClientResponse get(URI start, String what, long offset) {
        URI uri = start;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            // The URI is encoded here (a revision's '/' must stay %2F): Helidon must send it as it is.
            HttpClientRequest request = client.get().skipUriEncoding(true).uri(uri.toString())
                    .readTimeout(settings.readTimeout())
                    .header(HeaderNames.ACCEPT_ENCODING, "identity")
                    .header(HeaderNames.USER_AGENT, "sovereign-weight-store");
            if (settings.token().isPresent() && sameOrigin(uri, settings.endpoint())) {
                request.header(HeaderNames.AUTHORIZATION, "Bearer " + settings.token().get());
            }
            if (offset > 0) {
                request.header(HeaderNames.RANGE, "bytes=" + offset + "-");
            }
            HttpClientResponse response;
            try {
                response = request.request();
            } catch (RuntimeException e) {
                throw new HubUnreachableException("cannot reach the hub at " + settings.endpoint() + " (" + reason(e) + ")", e);
            }
            if (!REDIRECTS.contains(response.status().code())) {
                return response;
            }
            String location = response.headers().first(HeaderNames.LOCATION).orElse(null);
            response.close();
            if (location == null) {
                throw new StoreException("the hub redirected " + what + " without a Location header");
            }
            uri = uri.resolve(location);
        }
        throw new StoreException("the hub redirected " + what + " more than " + MAX_REDIRECTS + " times");
    }

    private StoreException refusal(int status, String what, URI uri) {
        return switch (status) {
            case 401, 403 -> new StoreException("the hub refused " + what + " (HTTP " + status + "): "
                    + (settings.token().isPresent() ? "the token in HF_TOKEN (or the token file) has no access to it"
                    : "it needs a token: set HF_TOKEN, or HF_TOKEN_PATH to a file holding one"));
            case 404 -> new StoreException(what + " not found on the hub " + settings.endpoint()
                    + " (HTTP 404): check the repository id and the revision");
            // Busy or failing for now: a download retries it, a listing falls back to a complete local copy.
            case 429, 500, 502, 503, 504 -> new HubUnreachableException("the hub at " + settings.endpoint()
                    + " is unavailable (HTTP " + status + " for " + what + ")", null);
            default -> new StoreException("the hub answered HTTP " + status + " for " + what + " (" + uri + ")");
        };
    }

    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(a.getScheme(), b.getScheme()) && Objects.equals(a.getHost(), b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }

    /** Percent-encodes each segment of a file path, keeping the slashes between them. */
    private static String encodePath(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("/")) {
            if (!out.isEmpty()) {
                out.append('/');
            }
            out.append(encode(segment));
        }
        return out.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
