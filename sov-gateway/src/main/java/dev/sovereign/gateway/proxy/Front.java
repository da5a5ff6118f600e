package dev.sovereign.gateway.proxy;

import dev.sovereign.gateway.auth.ApiKey;
import dev.sovereign.gateway.auth.Authenticator;
import dev.sovereign.gateway.http.Bodies;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/** The parts every model endpoint (OpenAI or Anthropic) runs a request through. */
public record Front(Authenticator authenticator, Intake intake, Dispatcher dispatcher, Accounting accounting, long maxBodyBytes) {

    public ApiKey authenticate(ServerRequest request) {
        return authenticator.authenticate(request.headers().first(HeaderNames.AUTHORIZATION),
                request.headers().first(HeaderNames.create("x-api-key")));
    }

    public byte[] body(ServerRequest request) {
        return Bodies.read(request, maxBodyBytes);
    }
}
