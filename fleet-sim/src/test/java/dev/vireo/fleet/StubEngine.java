package dev.vireo.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Just enough of an engine for many agents, on a plain server socket (after host-agent's MiniEngine): the
 * enrolment POST (host id {@code id-<hostname>}, credential {@code secret-<hostname>}) and the websocket
 * upgrade with RFC 6455 framing; frames are kept per host, and text can be sent to a host's agent.
 */
final class StubEngine implements AutoCloseable {
    static final String TOKEN = "join-the-fleet";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSocket server;
    /** hostname → the enrolment request body */
    final Map<String, String> enrolments = new ConcurrentHashMap<>();
    private final Map<String, LinkedBlockingQueue<String>> frames = new ConcurrentHashMap<>();
    private final Map<String, Socket> agents = new ConcurrentHashMap<>();

    StubEngine() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "stub-engine");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The next frame of one of the given types from that host's agent (others are skipped). */
    JsonNode nextFrame(String host, String... types) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        LinkedBlockingQueue<String> queue = queue(host);
        while (System.nanoTime() < deadline) {
            String frame = queue.poll(100, TimeUnit.MILLISECONDS);
            if (frame == null) {
                continue;
            }
            JsonNode json = JSON.readTree(frame);
            for (String type : types) {
                if (type.equals(json.path("type").asText())) {
                    return json;
                }
            }
        }
        throw new AssertionError("no " + String.join("/", types) + " frame from " + host + " within 10 s");
    }

    /** Drops the frames received so far from that host. */
    void forget(String host) {
        queue(host).clear();
    }

    private LinkedBlockingQueue<String> queue(String host) {
        return frames.computeIfAbsent(host, h -> new LinkedBlockingQueue<>());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread thread = new Thread(() -> serve(socket), "stub-engine-conn");
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
            OutputStream out = socket.getOutputStream();
            while (true) { // keep-alive: the shared HTTP client reuses connections for enrolments
                String requestLine = line(in);
                if (requestLine.isEmpty()) {
                    return;
                }
                Map<String, String> headers = new LinkedHashMap<>();
                for (String header = line(in); !header.isEmpty(); header = line(in)) {
                    int colon = header.indexOf(':');
                    headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
                }
                if (requestLine.startsWith("POST /api/v1/hosts/enroll ")) {
                    byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                    JsonNode json = JSON.readTree(body);
                    String host = json.path("facts").path("hostname").asText();
                    if (TOKEN.equals(json.path("token").asText()) && !host.isEmpty()) {
                        enrolments.put(host, new String(body, StandardCharsets.UTF_8));
                        respond(out, "201 Created", "{\"hostId\":\"id-" + host + "\",\"credential\":\"secret-" + host + "\"}");
                    } else {
                        respond(out, "401 Unauthorized", "{\"error\":\"bad token\"}");
                    }
                } else if (requestLine.startsWith("GET /api/v1/agent/connect ")) {
                    String auth = headers.getOrDefault("authorization", "");
                    String host = auth.startsWith("Bearer id-") ? auth.substring(10, auth.indexOf(':')) : "";
                    if (host.isEmpty() || !auth.equals("Bearer id-" + host + ":secret-" + host)) {
                        respond(out, "401 Unauthorized", "");
                        continue;
                    }
                    upgrade(out, headers.get("sec-websocket-key"));
                    agents.put(host, socket);
                    readFrames(host, in, out);
                    return;
                } else {
                    respond(out, "404 Not Found", "");
                }
            }
        } catch (Exception e) {
            // connection gone
        }
    }

    private static void respond(OutputStream out, String status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
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

    private void readFrames(String host, InputStream in, OutputStream out) throws IOException {
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
                    queue(host).add(message.toString(StandardCharsets.UTF_8));
                    message.reset();
                }
            }
        }
    }

    /** Sends one text frame to that host's agent. */
    void send(String host, String text) throws IOException {
        Socket socket = agents.get(host);
        if (socket == null) {
            throw new AssertionError(host + " is not connected");
        }
        synchronized (socket) {
            writeFrame(socket.getOutputStream(), 0x81, text.getBytes(StandardCharsets.UTF_8));
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
        for (Socket socket : agents.values()) {
            socket.close();
        }
        server.close();
    }
}
