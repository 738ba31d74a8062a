package dev.vireo.engine.network;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MacRangeTest {
    static final MacRange DEFAULT = MacRange.parse("56:6f:00:00:00:00-56:6f:00:ff:ff:ff");

    @Test
    void parsesAndFormatsInTheStoredForm() {
        assertEquals(1L << 24, DEFAULT.size());
        assertEquals("56:6f:00:00:00:00", DEFAULT.firstMac());
        assertEquals("56:6f:00:ff:ff:ff", DEFAULT.lastMac());
        assertEquals("56:6f:00:0a:0b:ff", MacRange.format(MacRange.parseMac("56:6F:00:0A:0B:FF")));
    }

    @Test
    void textOrderIsNumericOrder() {
        long[] macs = {0x566f000000ffL, 0x566f00000100L, 0x566f000a0000L, 0x566f00a00000L};
        for (int i = 1; i < macs.length; i++) {
            assertTrue(MacRange.format(macs[i - 1]).compareTo(MacRange.format(macs[i])) < 0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "56:6f:00:00:00:00", "56:6f:00:00:00:10-56:6f:00:00:00:01",
            "01:00:00:00:00:00-01:00:00:00:00:ff", "00:16:3e:00:00:00-00:16:3e:ff:ff:ff",
            "56:6f:00:00:00:00-58:6f:00:00:00:00", "56:6f:00:00:00-56:6f:00:00:00:ff", "x-y"})
    void refusesBadRanges(String range) {
        assertThrows(IllegalArgumentException.class, () -> MacRange.parse(range));
    }

    @Test
    void handsOutUpwardsThenTheLowestGapThenNothing() {
        MacRange four = MacRange.parse("02:00:00:00:00:00-02:00:00:00:00:03");
        assertEquals(0x020000000000L, four.next(null, List::of));
        assertEquals(0x020000000002L, four.next("02:00:00:00:00:01", () -> {
            throw new AssertionError("no scan below the top");
        }));
        assertEquals(0x020000000001L, four.next("02:00:00:00:00:03",
                () -> List.of("02:00:00:00:00:00", "02:00:00:00:00:02", "02:00:00:00:00:03")));
        assertEquals(0x020000000000L, four.next("02:00:00:00:00:03", () -> List.of("02:00:00:00:00:03")));
        assertEquals(-1, four.next("02:00:00:00:00:03",
                () -> List.of("02:00:00:00:00:00", "02:00:00:00:00:01", "02:00:00:00:00:02", "02:00:00:00:00:03")));
    }
}
