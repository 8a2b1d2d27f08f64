package io.pluginio.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * Native epoll where available (as Reactor Netty uses it in the service), NIO otherwise, so that
 * the reference server and the service run the same transport.
 */
public final class Transport {

    private static final boolean EPOLL = Epoll.isAvailable();

    private Transport() {}

    /** An event loop group of {@code threads} threads; zero means Netty's default (2 x cores). */
    public static EventLoopGroup group(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /**
     * With epoll, binds a client socket's source address without picking its port until connect
     * ({@code IP_BIND_ADDRESS_NO_PORT}): the kernel then chooses the port for the whole 4-tuple,
     * which is fast, instead of searching for a port free on that address at bind time, which
     * slows down as thousands are taken.
     */
    public static Bootstrap noPortOnBind(Bootstrap bootstrap) {
        return EPOLL ? bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true) : bootstrap;
    }

    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }
}
