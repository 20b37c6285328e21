package io.alertpilot.reliability.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy in front of one broker's listener for the services, run by the fault suite itself (plain sockets: no
 * Docker, no root). While {@link #cut() cut} it drops the traffic the way a lost network does: connections stay open,
 * nothing is forwarded in either direction, nothing new is accepted (a new connection waits in the listen backlog);
 * {@link #heal()} lets everything flow again.
 */
final class TcpProxy implements AutoCloseable {

    private final int target;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;
    private volatile boolean closed;

    /** Listens on {@code port} of 127.0.0.1 and forwards to {@code target} there. */
    TcpProxy(int port, int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(port, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-" + port).start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    void cut() {
        cut = true;
    }

    void heal() {
        cut = false;
    }

    private void accept() {
        while (!closed) {
            awaitHealed();
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream));
                Thread.ofVirtual().start(() -> pump(upstream, client));
            } catch (IOException e) {
                // closed, or the broker is down: the client sees its connection go and reconnects
            }
        }
    }

    /** Copies {@code from} to {@code to}, holding what it read while cut, until either side closes. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                awaitHealed();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away: both are closed
        } finally {
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void awaitHealed() {
        while (cut && !closed) {
            LockSupport.parkNanos(20_000_000L);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
