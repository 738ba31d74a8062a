package dev.vireo.agent.command;

import dev.vireo.protocol.ConsoleSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/** The ticket checks and the live-XML reading; the libvirt call itself is in CommandHandlersTest and the lab. */
class SetConsolePasswordTest {
    static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
    static final long NOW_SEC = NOW.getEpochSecond();

    @Test
    void validTicket() throws Exception {
        assertEquals(NOW.plusSeconds(60), SetConsolePassword.validUntil(new ConsoleSpec("aZ09xY12", NOW_SEC + 60), NOW));
        assertEquals(NOW.plusSeconds(1), SetConsolePassword.validUntil(new ConsoleSpec("a", NOW_SEC + 1), NOW));
        assertEquals(NOW.plusSeconds(3600), SetConsolePassword.validUntil(new ConsoleSpec("12345678", NOW_SEC + 3600), NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123456789", "a b", "pass'wd", "p\"w", "<x>", "pässwd", "tab\t", "a&b"})
    void badPasswords(String password) {
        invalid(new ConsoleSpec(password, NOW_SEC + 60), "console password must be 1..8 letters or digits");
    }

    @Test
    void badValidity() {
        invalid(null, "needs a console spec");
        invalid(new ConsoleSpec(null, NOW_SEC + 60), "console password must be");
        invalid(new ConsoleSpec("abc", NOW_SEC), "must end in the future");
        invalid(new ConsoleSpec("abc", 0), "must end in the future");
        invalid(new ConsoleSpec("abc", NOW_SEC + 3601), "more than 60 minutes ahead");
        invalid(new ConsoleSpec("abc", Long.MIN_VALUE), "must end in the future");
        invalid(new ConsoleSpec("abc", Long.MAX_VALUE), "more than 60 minutes ahead");
    }

    static void invalid(ConsoleSpec console, String text) {
        CommandFailure e = assertThrows(CommandFailure.class, () -> SetConsolePassword.validUntil(console, NOW));
        assertEquals(CommandFailure.INVALID, e.kind());
        assertTrue(e.getMessage().contains(text), () -> e.getMessage() + " lacks " + text);
        if (console != null && console.password() != null && !console.password().isEmpty()) {
            assertFalse(e.getMessage().contains(console.password()), "the password stays out of messages and logs");
        }
    }

    @Test
    void findsTheLiveVncDisplay() throws Exception {
        var vnc = SetConsolePassword.vncGraphics("<domain><devices><graphics type='spice' port='5900'/>"
                + "<graphics type='vnc' port='5901' autoport='yes' listen='0.0.0.0' passwd='x' passwdValidTo='1970-01-01T00:00:00'>"
                + "<listen type='address' address='0.0.0.0'/></graphics></devices></domain>", "vm");
        assertEquals("5901", vnc.getAttribute("port"));
        assertEquals("0.0.0.0", vnc.getAttribute("listen"));
    }

    @Test
    void displaysWithoutATicketPlace() {
        noDisplay("<domain><devices/></domain>", "domain vm has no VNC display");
        noDisplay("<domain><devices><graphics type='spice' port='5900' listen='0.0.0.0'/></devices></domain>",
                "has no VNC display");
        noDisplay("<domain><devices><graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0' passwd='x'/>"
                + "</devices></domain>", "has no VNC TCP port");
        noDisplay("<domain><devices><graphics type='vnc' socket='/run/vnc.sock' passwd='x'/></devices></domain>",
                "has no VNC TCP port");
        noDisplay("<domain><devices><graphics type='vnc' port='5900' autoport='yes' listen='127.0.0.1'/>"
                + "</devices></domain>", "was started without VNC password authentication; restart it");
    }

    static void noDisplay(String liveXml, String text) {
        CommandFailure e = assertThrows(CommandFailure.class, () -> SetConsolePassword.vncGraphics(liveXml, "vm"));
        assertEquals(CommandFailure.INVALID, e.kind());
        assertTrue(e.getMessage().contains(text), () -> e.getMessage() + " lacks " + text);
    }
}
