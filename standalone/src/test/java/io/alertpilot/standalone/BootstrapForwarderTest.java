package io.alertpilot.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BootstrapForwarderTest {

    @Test
    void forwardsOnLoopbackAndIsNotReachableFromOutside() throws Exception {
        try (ServerSocket target = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                BootstrapForwarder forwarder = BootstrapForwarder.start(0, target.getLocalPort());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), forwarder.port())) {
            OutputStream out = client.getOutputStream();
            out.write("ping".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (Socket accepted = target.accept(); InputStream in = accepted.getInputStream()) {
                assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
            }

            LoopbackOnly.assertRefused(LoopbackOnly.nonLoopbackAddress(), forwarder.port());
        }
    }
}
