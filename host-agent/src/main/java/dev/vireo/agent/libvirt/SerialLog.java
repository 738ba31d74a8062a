package dev.vireo.agent.libvirt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads the tail of a domain's serial console log ({@code {serialLogDir}/{domainName}-serial.log}). */
public final class SerialLog {
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    public static final int MAX_BYTES_CAP = 1024 * 1024;

    private final HostSettings settings;

    public SerialLog(HostSettings settings) {
        this.settings = settings;
    }

    public Path pathOf(String domainName) {
        return settings.serialLogOf(domainName);
    }

    /**
     * The last {@code maxBytes} bytes (capped at {@link #MAX_BYTES_CAP}) as UTF-8 text; malformed bytes become
     * U+FFFD, and a character cut in half at the start of the window is dropped.
     *
     * @throws java.nio.file.NoSuchFileException when the domain has never written to its serial port
     */
    public String tail(String domainName, int maxBytes) throws IOException {
        int limit = Math.min(Math.max(maxBytes, 1), MAX_BYTES_CAP);
        try (FileChannel channel = FileChannel.open(pathOf(domainName), StandardOpenOption.READ)) {
            long size = channel.size();
            long start = Math.max(0, size - limit);
            ByteBuffer buffer = ByteBuffer.allocate((int) (size - start));
            while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) > 0) {
                // read until the window is full or the file ends (it may be shrinking under us)
            }
            buffer.flip();
            if (start > 0) {
                skipContinuationBytes(buffer);
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(buffer).toString();
        }
    }

    private static void skipContinuationBytes(ByteBuffer buffer) {
        for (int i = 0; i < 3 && buffer.hasRemaining() && (buffer.get(buffer.position()) & 0xC0) == 0x80; i++) {
            buffer.get();
        }
    }
}
