package dev.vireo.engine.ova;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a tar archive entry by entry from a stream, trusting nothing in it: every header's checksum is
 * checked, sizes must fit in what is left of the file, and an entry's content is read through a stream
 * that stops at its size. Only what OVAs hold is accepted: regular files (ustar or old tar headers, octal
 * or base-256 sizes). Names are returned as written; {@link OvaArchive} decides whether they are allowed.
 */
final class TarReader {
    /** A header: the entry's name, type flag and size in bytes. */
    record Entry(String name, char type, long size) {
        boolean regularFile() {
            return type == '0' || type == '\0';
        }
    }

    private final InputStream in;
    private final long archiveBytes;
    private long position;
    private long contentLeft;
    private long padding;

    TarReader(InputStream in, long archiveBytes) {
        this.in = in;
        this.archiveBytes = archiveBytes;
    }

    /** The next entry, or null at the end of the archive; the previous entry's unread content is skipped. */
    Entry next() throws IOException {
        skip(contentLeft + padding);
        contentLeft = 0;
        padding = 0;
        byte[] h = in.readNBytes(TarWriter.BLOCK);
        position += h.length;
        if (h.length < TarWriter.BLOCK) {
            throw new OvaException("the archive is truncated (a tar header is cut short at byte " + position + ")");
        }
        if (allZero(h)) {
            return null;
        }
        long stored = parseOctal(h, 148, 8, "checksum");
        long sum = 0;
        for (int i = 0; i < h.length; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : h[i] & 0xff;
        }
        if (stored != sum) {
            throw new OvaException("not a tar archive: the header at byte " + (position - TarWriter.BLOCK)
                    + " has a bad checksum");
        }
        String name = string(h, 0, 100);
        String prefix = string(h, 345, 155);
        if ("ustar".equals(string(h, 257, 6)) && !prefix.isEmpty()) {
            name = prefix + "/" + name;
        }
        long size = size(h);
        if (size < 0 || size > archiveBytes - position) {
            throw new OvaException("entry " + printable(name) + " claims " + size + " bytes; only "
                    + (archiveBytes - position) + " follow in the archive");
        }
        contentLeft = size;
        padding = (TarWriter.BLOCK - size % TarWriter.BLOCK) % TarWriter.BLOCK;
        return new Entry(name, (char) (h[156] & 0xff), size);
    }

    /** The current entry's content; reading stops at its end. */
    InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (contentLeft <= 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, contentLeft));
                if (n < 0) {
                    throw new IOException("the archive ends inside an entry");
                }
                contentLeft -= n;
                position += n;
                return n;
            }
        };
    }

    private void skip(long bytes) throws IOException {
        in.skipNBytes(bytes);
        position += bytes;
    }

    private static long size(byte[] h) {
        if ((h[124] & 0x80) != 0) {
            long v = 0;
            for (int i = 125; i < 136; i++) {
                if (i < 128 && h[i] != 0) {
                    throw new OvaException("a tar entry's size is impossibly large");
                }
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        return parseOctal(h, 124, 12, "size");
    }

    private static long parseOctal(byte[] h, int offset, int width, String field) {
        String s = new String(h, offset, width, StandardCharsets.US_ASCII).replace('\0', ' ').trim();
        if (s.isEmpty() || !s.matches("[0-7]{1,12}")) {
            throw new OvaException("not a tar archive: a header's " + field + " field is not an octal number");
        }
        return Long.parseLong(s, 8);
    }

    private static String string(byte[] h, int offset, int width) {
        int end = offset;
        while (end < offset + width && h[end] != 0) {
            end++;
        }
        return new String(h, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    static String printable(String s) {
        return "'" + s.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
