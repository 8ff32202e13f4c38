package dev.orders.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay between the browser and the app that a test can cut and restore: a network outage on demand. It
 * also records the head of every HTTP request that passes, so a test can see what a reconnect sent.
 */
final class TcpProxy implements AutoCloseable {

    private static final Pattern REQUEST_HEAD =
            Pattern.compile("(?:GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH) \\S+ HTTP/1\\.1\\r\\n.*?\\r\\n\\r\\n",
                    Pattern.DOTALL);

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<String> requestHeads = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean down;

    private TcpProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    static TcpProxy start(int targetPort) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            TcpProxy proxy = new TcpProxy(server, targetPort);
            proxy.threads.execute(proxy::acceptLoop);
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** Drops every open connection and refuses new ones until {@link #restore()}. */
    void cut() {
        down = true;
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    void restore() {
        down = false;
    }

    /** Heads (request line and headers) of every request relayed so far, in the order they arrived. */
    List<String> requestHeads() {
        return List.copyOf(requestHeads);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (down) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
                sockets.add(client);
                sockets.add(upstream);
                threads.execute(() -> relay(client, upstream, true));
                threads.execute(() -> relay(upstream, client, false));
            } catch (IOException e) {
                // Closed while accepting, or the app refused: the browser sees a dropped connection either way.
            }
        }
    }

    private void relay(Socket from, Socket to, boolean fromBrowser) {
        StringBuilder seen = new StringBuilder();
        int parsed = 0;
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (fromBrowser) {
                    seen.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                    Matcher head = REQUEST_HEAD.matcher(seen);
                    while (head.find(parsed)) {
                        requestHeads.add(head.group());
                        parsed = head.end();
                    }
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // The other side or a cut closed the connection.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        cut();
        try {
            server.close();
        } catch (IOException e) {
            // Already closed.
        }
        threads.shutdownNow();
    }
}
