package io.pluginio.example;

import io.pluginio.plugin.HTMLResponse;
import io.pluginio.plugin.Plugin;
import io.pluginio.plugin.SessionCredentials;
import io.pluginio.plugin.SimpleApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code GET /plugin-io/api/notifications_demo/demo}: a page that listens to channel {@code
 * notifications} with the service's JavaScript client ({@code /plugin-io/client/index.js}), shows
 * the connection's status, the live messages and whether a reconnect recovered what was missed, and
 * sends broadcasts through {@link NotificationsDemoSender}.
 *
 * <p>Any logged-in session may open the page: whether its socket is accepted is the channel
 * handler's decision ({@link NotificationsAccess}, Staff only), and the page shows a denial as
 * "closed".
 */
@Plugin("notifications_demo")
final class NotificationsDemoPage implements SimpleApi<SessionCredentials> {

    private static final String TEMPLATE = "io/pluginio/example/notifications-demo.html";

    private final String page;

    NotificationsDemoPage() {
        try {
            this.page = new ClassPathResource(TEMPLATE).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + TEMPLATE, ex);
        }
    }

    @Override
    public boolean authenticate(SessionCredentials credentials) {
        return true;
    }

    @GetMapping("/demo")
    HTMLResponse demo() {
        HttpHeaders headers = new HttpHeaders();
        headers.setCacheControl("no-store");
        return new HTMLResponse(page, HttpStatus.OK, headers);
    }
}
