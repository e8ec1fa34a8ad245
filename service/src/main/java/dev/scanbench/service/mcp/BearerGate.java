package dev.scanbench.service.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanbench.service.ScoringService;
import dev.scanbench.service.auth.Client;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The API token check in front of {@code /mcp}: a request without a known {@code Authorization: Bearer} token is
 * answered 401 with the REST API's error document and never reaches the MCP server.
 */
final class BearerGate extends Handler.Wrapper {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScoringService service;

    BearerGate(ScoringService service) {
        this.service = service;
    }

    static Optional<Client> client(ScoringService service, String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return Optional.empty();
        }
        return service.tokens().authenticate(header.substring("Bearer ".length()).strip());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (client(service, header).isPresent()) {
            return super.handle(request, response, callback);
        }
        String why = header == null || !header.startsWith("Bearer ") ? "an API token is needed: send \"Authorization:"
                + " Bearer <token>\"" : "unknown API token";
        byte[] body = JSON.createObjectNode().put("error", why).put("status", 401).toString()
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(401);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        response.write(true, java.nio.ByteBuffer.wrap(body), callback);
        return true;
    }
}
