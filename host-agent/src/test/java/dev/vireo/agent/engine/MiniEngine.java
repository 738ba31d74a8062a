package dev.vireo.agent.engine;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Just enough of an engine for the link's tests, on a plain server socket: the enrolment POST and the
 * websocket upgrade (RFC 6455 handshake and framing, text frames, fragmented on request).
 */
final class MiniEngine implements AutoCloseable {
    static final String TOKEN = "join-me";

    final ServerSocket server;
    final LinkedBlockingQueue<String> enrolBodies = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile String credential = "secret-1";
    private volatile Socket agent;

    MiniEngine() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "mini-engine");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    String nextFrame() throws InterruptedException {
        String frame = frames.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame from the agent within 10 s");
        }
        return frame;
    }

    /** The next frame whose type is one of the given ones (heartbeats and reports come at any time). */
    String nextFrame(String... types) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String frame = frames.poll(100, TimeUnit.MILLISECONDS);
            for (String type : types) {
                if (frame != null && frame.contains("\"type\":\"" + type + "\"")) {
                    return frame;
                }
            }
        }
        throw new AssertionError("no " + String.join("/", types) + " frame within 10 s");
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread thread = new Thread(() -> serve(socket), "mini-engine-conn");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String requestLine = line(in);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
            OutputStream out = socket.getOutputStream();
            if (requestLine.startsWith("POST /api/v1/hosts/enroll ")) {
                byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                String json = new String(body, StandardCharsets.UTF_8);
                enrolBodies.add(json);
                if (json.contains("\"token\":\"" + TOKEN + "\"")) {
                    respond(out, "201 Created", "{\"hostId\":\"host-1\",\"credential\":\"" + credential + "\"}");
                } else {
                    respond(out, "401 Unauthorized", "{\"error\":\"bad token\"}");
                }
            } else if (requestLine.startsWith("GET /api/v1/agent/connect ")) {
                authorizations.add(headers.getOrDefault("authorization", ""));
                if (!("Bearer host-1:" + credential).equals(headers.get("authorization"))) {
                    respond(out, "401 Unauthorized", "");
                    return;
                }
                upgrade(out, headers.get("sec-websocket-key"));
                agent = socket;
                readFrames(in, out);
            } else {
                respond(out, "404 Not Found", "");
            }
        } catch (Exception e) {
            // connection gone
        }
    }

    private static void respond(OutputStream out, String status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static void upgrade(OutputStream out, String key) throws Exception {
        String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void readFrames(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 < 0 || b1 < 0) {
                return;
            }
            long length = b1 & 0x7f;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | in.read();
                }
            }
            byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : new byte[4];
            byte[] payload = in.readNBytes((int) length);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            int opcode = b0 & 0x0f;
            if (opcode == 8) {
                writeFrame(out, 0x88, payload);
                return;
            }
            if (opcode == 9) {
                writeFrame(out, 0x8a, payload);
            } else if (opcode == 1 || opcode == 0) {
                message.write(payload);
                if ((b0 & 0x80) != 0) {
                    frames.add(message.toString(StandardCharsets.UTF_8));
                    message.reset();
                }
            }
        }
    }

    /** Sends a text message to the connected agent, split into {@code parts} frames. */
    void send(String text, int parts) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        OutputStream out = agent.getOutputStream();
        int step = (bytes.length + parts - 1) / parts;
        synchronized (this) {
            for (int i = 0, from = 0; from < bytes.length; i++, from += step) {
                boolean last = from + step >= bytes.length;
                int opcode = i == 0 ? 1 : 0;
                byte[] part = java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + step));
                writeFrame(out, (last ? 0x80 : 0) | opcode, part);
            }
        }
    }

    /** Drops the agent's connection without a close frame (a network failure, an engine restart). */
    void dropAgent() throws IOException {
        Socket socket = agent;
        if (socket != null) {
            socket.close();
        }
    }

    private static void writeFrame(OutputStream out, int first, byte[] payload) throws IOException {
        out.write(first);
        if (payload.length < 126) {
            out.write(payload.length);
        } else if (payload.length < 65536) {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        } else {
            out.write(127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) payload.length >> (8 * i)) & 0xff);
            }
        }
        out.write(payload);
        out.flush();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        dropAgent();
        server.close();
    }
}
