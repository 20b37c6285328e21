package io.alertpilot.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Collections;
import org.junit.jupiter.api.Assumptions;

/** Checks that a port does not serve this machine's own non-loopback address. */
final class LoopbackOnly {

    private LoopbackOnly() {
    }

    /** An IPv4 address of this machine that is not loopback; the test is skipped on a machine without one. */
    static InetAddress nonLoopbackAddress() throws SocketException {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (network.isUp() && !network.isLoopback()) {
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return address;
                    }
                }
            }
        }
        Assumptions.abort("this machine has no non-loopback IPv4 address to connect from");
        return null;
    }

    /**
     * Asserts that a connection to {@code port} of {@code address} is refused, or accepted and closed by the server
     * before it sends anything (how Kafka drops a connection over its per-address limit).
     */
    static void assertRefused(InetAddress address, int port) {
        assertThat(served(address, port)).as("port %d served on %s", port, address).isFalse();
    }

    private static boolean served(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(address, port), 2000);
            } catch (IOException refused) {
                return false;
            }
            socket.setSoTimeout(10_000);
            try {
                return socket.getInputStream().read() != -1;
            } catch (SocketTimeoutException open) {
                return true;
            } catch (IOException reset) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
