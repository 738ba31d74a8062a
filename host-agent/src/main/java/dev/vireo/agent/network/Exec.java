package dev.vireo.agent.network;

import java.util.List;

/** Runs one program with an argument list (never through a shell) and returns its output. */
public interface Exec {

    String run(List<String> argv) throws NetworkCommandException;
}
