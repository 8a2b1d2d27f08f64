package io.pluginio.security;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.logging.AccessLog;
import reactor.netty.http.server.logging.AccessLogArgProvider;
import reactor.netty.http.server.logging.AccessLogFactory;

/**
 * Reactor Netty's common-log-format access log line, with {@code api_key} values in the request
 * target redacted. Installed whether the access log is on or off, so that turning it on by other
 * means (Reactor Netty's {@code reactor.netty.http.server.accessLogEnabled} system property) cannot
 * bring back the unredacted default format.
 */
final class RedactingAccessLog implements AccessLogFactory {

    private static final String FORMAT = "{} - {} [{}] \"{} {} {}\" {} {} {}";

    private static final String MISSING = "-";

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US);

    @Override
    public @Nullable AccessLog apply(AccessLogArgProvider args) {
        CharSequence uri = args.uri();
        return AccessLog.create(
                FORMAT,
                address(args.remoteAddress()),
                MISSING,
                args.accessDateTime() == null ? MISSING : DATE_TIME.format(args.accessDateTime()),
                args.method(),
                uri == null ? MISSING : ApiKeyRedactor.redact(uri.toString()),
                args.protocol(),
                args.status(),
                args.contentLength() > -1 ? args.contentLength() : MISSING,
                args.duration());
    }

    private static String address(@Nullable SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getHostString() : MISSING;
    }
}
