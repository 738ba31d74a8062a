package dev.vireo.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The lab's real Keycloak (realm {@code vireo} from keycloak/vireo-realm.json; users admin, alice, bob
 * and carol, each with their name as password): one per test JVM, started by lab/keycloak.sh on first
 * use and stopped when the JVM exits. Its instance directory outlives the run, so later runs skip the
 * first-start build and the realm import.
 */
public final class Keycloak {
    private static Keycloak shared;

    public final int port;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String value, long refreshAfterNanos) {
    }

    private Keycloak(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static synchronized Keycloak shared() {
        if (shared == null) {
            Path dir = Path.of(System.getProperty("vireo.keycloak-dir", "/var/tmp/vireo-keycloak-tests"));
            int port = Integer.getInteger("vireo.keycloak-port", 18180);
            Keycloak kc = new Keycloak(dir, port);
            kc.ensureRunning();
            shared = kc;
        }
        return shared;
    }

    private boolean stopAtExit;

    /**
     * Starts Keycloak unless one runs already. One started here is stopped when this JVM exits; one that
     * already ran (./vireo test starts one for the whole lab run) belongs to whoever started it — and if
     * that owner stops it while this JVM still needs it, the next login starts it again.
     */
    private synchronized void ensureRunning() {
        if (running()) {
            return;
        }
        script(Duration.ofSeconds(400), "start", dir.toString(), String.valueOf(port));
        if (!stopAtExit) {
            stopAtExit = true;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> script(Duration.ofSeconds(30), "stop", dir.toString())));
        }
    }

    private boolean running() {
        try {
            var r = http.send(HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The issuer the engine and the web UI trust. */
    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/vireo";
    }

    /** A fresh-enough access token of the user (password grant on the vireo-cli client); cached. */
    public String token(String user, String password) {
        Token t = tokens.get(user);
        if (t == null || System.nanoTime() > t.refreshAfterNanos()) {
            t = login(user, password);
            tokens.put(user, t);
        }
        return t.value();
    }

    private Token login(String user, String password) {
        try {
            return loginOnce(user, password);
        } catch (AssertionError e) {
            if (running()) {
                throw e;
            }
            ensureRunning();
            return loginOnce(user, password);
        }
    }

    private Token loginOnce(String user, String password) {
        String form = "grant_type=password&client_id=vireo-cli&scope=openid&username=" + enc(user) + "&password=" + enc(password);
        try {
            var r = http.send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new AssertionError("Keycloak refused " + user + ": " + r.statusCode() + " " + r.body());
            }
            JsonNode body = Api.JSON.readTree(r.body());
            long lifetime = body.path("expires_in").asLong(60);
            return new Token(body.path("access_token").asText(),
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(5, lifetime - 30)));
        } catch (IOException e) {
            throw new AssertionError("Keycloak did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void script(Duration timeout, String... args) {
        try {
            Files.createDirectories(dir);
            List<String> command = new java.util.ArrayList<>(List.of(Lab.ROOT.resolve("lab/keycloak.sh").toString()));
            command.addAll(List.of(args));
            Path out = dir.resolve("script-" + args[0] + ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("lab/keycloak.sh " + String.join(" ", args) + " failed:\n" + Files.readString(out));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
