package com.allinone.commerce.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Standalone listens on 127.0.0.1 unless SERVER_ADDRESS says otherwise (issue 9: it listened on every interface, and
 * /dev/tokens minted ADMIN tokens for anyone who reached the port).
 */
class LoopbackOnlyIT extends StandaloneTestSupport {

    private int port() {
        return Integer.parseInt(applicationContext.getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** An address of this machine that is not loopback, if it has one. */
    private static Optional<InetAddress> aNetworkAddress() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
                .findFirst();
    }

    @Test
    void theAppAnswersOnLoopback() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 5_000);
            assertThat(socket.isConnected()).isTrue();
        }
    }

    @Test
    void theAppCannotBeReachedOnTheMachinesNetworkAddresses() throws SocketException {
        Optional<InetAddress> network = aNetworkAddress();
        Assumptions.assumeTrue(network.isPresent(), "this machine has no network address besides loopback");

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(network.get(), port()), 5_000);
            }
        }).as("connecting to %s:%d", network.get(), port()).isInstanceOf(ConnectException.class);
    }
}
