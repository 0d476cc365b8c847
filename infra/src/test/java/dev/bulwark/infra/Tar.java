package dev.bulwark.infra;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The part of the POSIX tar format an image uses: regular files, directories, links and PAX headers. */
final class Tar {
    private static final int BLOCK = 512;

    record Entry(String name, char type, int mode, long size) {
        boolean regularFile() {
            return type == '0' || type == 0;
        }
    }

    interface Visitor {
        void visit(Entry entry, InputStream content) throws IOException;
    }

    private Tar() {
    }

    static void each(InputStream in, Visitor visitor) throws IOException {
        String paxPath = null;
        while (true) {
            byte[] header = in.readNBytes(BLOCK);
            if (header.length < BLOCK || header[0] == 0) {
                return;
            }
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            if (!prefix.isEmpty()) {
                name = prefix + "/" + name;
            }
            Entry entry = new Entry(paxPath != null ? paxPath : name, (char) header[156],
                    (int) octal(header, 100, 8), octal(header, 124, 12));
            byte[] content = in.readNBytes((int) entry.size());
            in.skipNBytes((BLOCK - entry.size() % BLOCK) % BLOCK);
            if (entry.type() == 'x') {
                paxPath = paxPath(new String(content, StandardCharsets.UTF_8));
                continue;
            }
            paxPath = null;
            visitor.visit(entry, new ByteArrayInputStream(content));
        }
    }

    private static String paxPath(String records) {
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
        String text = field(header, offset, length).trim();
        return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    }
}
