package dev.vireo.agent.network;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Remembers every command; answers with a canned output, or fails the ones {@code fails} picks. */
final class RecordingExec implements Exec {
    final List<List<String>> commands = new ArrayList<>();
    Function<List<String>, String> answer = c -> "";
    java.util.function.Predicate<List<String>> fails = c -> false;

    @Override
    public synchronized String run(List<String> argv) throws NetworkCommandException {
        commands.add(List.copyOf(argv));
        if (fails.test(argv)) {
            throw new NetworkCommandException(String.join(" ", argv) + " failed (exit 1): boom");
        }
        return answer.apply(argv);
    }

    synchronized List<String> joined() {
        return commands.stream().map(c -> String.join(" ", c)).toList();
    }
}
