package dev.vireo.agent.engine;

/** What enrolment gives an agent: its host id and secret, sent as {@code Bearer hostId:credential}. */
public record Credential(String hostId, String credential) {

    public String bearer() {
        return "Bearer " + hostId + ":" + credential;
    }

    @Override
    public String toString() {
        return "Credential[hostId=" + hostId + ", credential=***]";
    }
}
