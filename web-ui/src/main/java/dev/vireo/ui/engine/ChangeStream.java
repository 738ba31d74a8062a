package dev.vireo.ui.engine;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The engine's change stream ({@code GET /api/v1/events/stream}, server-sent events) for one portal tab:
 * each data line is handed to {@code onChange}; when the stream ends for any reason (engine restarted,
 * token refused, network), {@code onClosed} is called once with the reason. No thread is held while
 * waiting: the JDK client feeds the lines as they arrive.
 */
public final class ChangeStream implements AutoCloseable {

    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private final CompletableFuture<?> response;
    private volatile boolean closed;

    ChangeStream(EngineHttp http, Runnable onOpen, Consumer<String> onChange, Consumer<String> onClosed) {
        HttpRequest request = http.request("/api/v1/events/stream")
                .setHeader("Accept", "text/event-stream")
                .timeout(Duration.ofDays(1))   // a stream, not a call: it lives as long as the tab
                .GET().build();
        Flow.Subscriber<String> lines = new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.set(s);
                if (closed) {
                    s.cancel();
                } else {
                    s.request(Long.MAX_VALUE);
                }
            }

            @Override
            public void onNext(String line) {
                if (line.startsWith("data:") && !closed) {
                    onChange.accept(line.substring(5).strip());
                }
            }

            @Override
            public void onError(Throwable error) {
                end(onClosed, "the change stream broke: " + error);
            }

            @Override
            public void onComplete() {
                end(onClosed, "the engine ended the change stream");
            }
        };
        HttpResponse.BodyHandler<Void> handler = info -> {
            if (info.statusCode() != 200) {
                end(onClosed, "the engine refused the change stream: HTTP " + info.statusCode());
                return HttpResponse.BodySubscribers.discarding();
            }
            onOpen.run();
            return HttpResponse.BodySubscribers.fromLineSubscriber(lines);
        };
        response = http.client().sendAsync(request, handler)
                .whenComplete((resp, error) -> {
                    if (error != null) {
                        end(onClosed, "the change stream could not be opened or broke: " + error);
                    }
                });
    }

    private final AtomicReference<Boolean> ended = new AtomicReference<>(false);

    private void end(Consumer<String> onClosed, String why) {
        if (ended.compareAndSet(false, true) && !closed) {
            onClosed.accept(why);
        }
    }

    public boolean isOpen() {
        return !closed && !ended.get();
    }

    @Override
    public void close() {
        closed = true;
        Flow.Subscription s = subscription.get();
        if (s != null) {
            s.cancel();
        }
        response.cancel(true);
    }
}
