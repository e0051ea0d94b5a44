package org.qatlas.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a standalone master can be reached before Spark is asked to register with it:
 * Spark itself retries an unreachable master for a minute before it gives up, and a study
 * should say at once that the address is wrong or the master is down.
 */
final class MasterProbe {
    /** How long one connection attempt may take: a master on a network answers far sooner. */
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private MasterProbe() {
    }

    /**
     * The addresses of a standalone master URL, {@code spark://host:port} or, with standby
     * masters, {@code spark://host1:port1,host2:port2}; empty for any other kind of master.
     *
     * @throws IllegalArgumentException for a spark:// URL whose address is not host:port
     */
    static List<InetSocketAddress> standaloneAddresses(String master) {
        String url = master.strip();
        if (!url.startsWith("spark://")) {
            return List.of();
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String address : url.substring("spark://".length()).split(",")) {
            int colon = address.lastIndexOf(':');
            int port = -1;
            if (colon > 0) {
                try {
                    port = Integer.parseInt(address.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("spark: the master " + master + " has no host:port in '" + address
                        + "'; write it as spark://host:7077");
            }
            addresses.add(InetSocketAddress.createUnresolved(address.substring(0, colon), port));
        }
        return addresses;
    }

    /**
     * Connects to each address of a standalone master in turn; returns when one answers.
     *
     * @throws IllegalStateException naming each address and why it could not be reached
     */
    static void check(String master) {
        List<InetSocketAddress> addresses = standaloneAddresses(master);
        if (addresses.isEmpty()) {
            return;
        }
        List<String> reasons = new ArrayList<>();
        for (InetSocketAddress address : addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), CONNECT_TIMEOUT_MILLIS);
                return;
            } catch (IOException e) {
                reasons.add(address.getHostString() + ":" + address.getPort() + " (" + reason(e) + ")");
            }
        }
        throw new IllegalStateException("spark: cannot reach the Spark master at " + String.join(", ", reasons)
                + "; check the address, and that the master runs there (sbin/start-master.sh) and its port is open");
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
