package io.alertpilot.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards TCP connections from a fixed local port to the embedded broker, whose test kit always binds a random
 * port. A Kafka client bootstraps through this port and then connects to the broker's advertised (random) port on
 * localhost directly, so {@code --bootstrap-server localhost:9092} works for any local tool. Local runs only.
 */
final class BootstrapForwarder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BootstrapForwarder.class);

    private final ServerSocket server;
    private final int targetPort;

    private BootstrapForwarder(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    /** Listens on {@code port} of the loopback address and forwards to {@code targetPort}. */
    static BootstrapForwarder start(int port, int targetPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        BootstrapForwarder forwarder = new BootstrapForwarder(server, targetPort);
        Thread.ofVirtual().name("kafka-bootstrap-forwarder").start(forwarder::accept);
        return forwarder;
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                Thread.ofVirtual().start(() -> pipe(client, broker));
                Thread.ofVirtual().start(() -> pipe(broker, client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("Kafka bootstrap forwarder: {}", e.getMessage());
                }
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
