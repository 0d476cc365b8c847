package dev.bulwark.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Checks that a port is free before anything is started, so a clash is one clear line. */
final class Ports {
    private Ports() {
    }

    static void requireFree(int port, String variable) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new LaunchException("port " + port + " is already in use on 127.0.0.1; free it or set " + variable + " to another port");
        }
    }
}
