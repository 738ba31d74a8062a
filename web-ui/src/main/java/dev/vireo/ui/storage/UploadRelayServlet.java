package dev.vireo.ui.storage;

import dev.vireo.ui.engine.EngineException;
import dev.vireo.ui.engine.EngineProblemException;
import dev.vireo.ui.engine.EngineUnreachableException;
import dev.vireo.ui.engine.StorageClient;
import dev.vireo.ui.engine.EngineClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carries an image upload from the browser to the engine, with the signed-in person's token, one chunk at a time
 * and streamed (never a whole chunk, let alone the file, in memory): {@code PUT /vireo-upload/{id}} with
 * {@code Content-Range} forwards a chunk of at most 1 MiB, {@code GET /vireo-upload/{id}} asks how much arrived (to
 * resume), {@code POST /vireo-upload/{id}/complete} has the engine check the SHA-256 and import the image — outside
 * any Vaadin request, so a long check holds no UI lock. Each call needs the upload's ticket
 * ({@link UploadTickets}) in {@code X-Vireo-Upload-Ticket}. Answers are the engine's JSON, errors
 * {@code {"status","detail"}} with the engine's status and words (502 when the engine does not answer).
 */
@WebServlet(urlPatterns = "/vireo-upload/*", asyncSupported = false)
public class UploadRelayServlet extends HttpServlet {

    static final String TICKET_HEADER = "X-Vireo-Upload-Ticket";
    static final long MAX_CHUNK = 1L << 20;
    private static final Pattern PATH = Pattern.compile("/([0-9a-fA-F-]{36})(/complete)?");
    private static final Pattern RANGE = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18})");
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    @Inject
    EngineClient engine;
    @Inject
    UploadTickets tickets;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Matcher path = PATH.matcher(req.getPathInfo() == null ? "" : req.getPathInfo());
        if (!path.matches()) {
            error(resp, 404, "no such upload path");
            return;
        }
        String id = path.group(1).toLowerCase();
        String ticket = req.getHeader(TICKET_HEADER);
        if (!tickets.allows(ticket, id)) {
            error(resp, 403, "this upload's ticket is missing, unknown or expired; begin the upload again on the Images page");
            return;
        }
        StorageClient storage = new StorageClient(engine);
        boolean complete = path.group(2) != null;
        try {
            switch (req.getMethod()) {
                case "GET" -> ok(resp, JSON.writeValueAsString(storage.upload(id)));
                case "PUT" -> {
                    if (!complete) {
                        chunk(storage, id, req, resp);
                    } else {
                        error(resp, 405, "PUT a chunk to /vireo-upload/{id}");
                    }
                }
                case "POST" -> {
                    if (complete) {
                        ok(resp, storage.complete(id));
                        tickets.withdraw(ticket);
                    } else {
                        error(resp, 405, "POST /vireo-upload/{id}/complete");
                    }
                }
                default -> error(resp, 405, "GET, PUT or POST …/complete");
            }
        } catch (EngineProblemException e) {
            error(resp, e.status(), e.problem().message());
        } catch (EngineUnreachableException e) {
            error(resp, 502, e.getMessage());
        } catch (EngineException e) {
            error(resp, 502, e.getMessage());
        }
    }

    private void chunk(StorageClient storage, String id, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String range = req.getHeader("Content-Range");
        Matcher m = range == null ? null : RANGE.matcher(range.trim());
        long length = req.getContentLengthLong();
        if (m == null || !m.matches()) {
            error(resp, 400, "send Content-Range: bytes START-END/TOTAL with each chunk");
            return;
        }
        long expected = Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)) + 1;
        if (length < 1 || length > MAX_CHUNK || length != expected) {
            error(resp, 400, "a chunk is 1 byte to 1 MiB with a Content-Length that matches its Content-Range; this one has "
                    + length + " bytes for " + range);
            return;
        }
        ok(resp, JSON.writeValueAsString(storage.putChunk(id, range.trim(), req.getInputStream(), length)));
    }

    private static void ok(HttpServletResponse resp, String json) throws IOException {
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(json);
    }

    private static void error(HttpServletResponse resp, int status, String detail) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.getWriter().write(JSON.writeValueAsString(Map.of("status", status, "detail", detail == null ? "" : detail)));
    }
}
