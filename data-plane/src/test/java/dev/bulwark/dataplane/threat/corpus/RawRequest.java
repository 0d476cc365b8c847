package dev.bulwark.dataplane.threat.corpus;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A raw HTTP/1.1 request parsed just enough to hand its parts to the injection engine: request
 * target split into path and query, header fields in order, and the body (Content-Length or
 * chunked). For measuring only: the gateway's own parser is Netty's.
 */
public record RawRequest(String method, String path, String query, List<Map.Entry<String, String>> headers, byte[] body) {

    public static RawRequest parse(byte[] raw) {
        int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        int bodyStart = headEnd < 0 ? raw.length : headEnd + 4;
        String head = new String(raw, 0, headEnd < 0 ? raw.length : headEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        String target = requestLine.length > 1 ? requestLine[1] : "/";
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        int fragment = query == null ? -1 : query.indexOf('#');
        if (fragment >= 0) {
            query = query.substring(0, fragment);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String contentLength = null;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim();
            String value = lines[i].substring(colon + 1).trim();
            headers.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
            if (name.equalsIgnoreCase("content-length")) {
                contentLength = value;
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = new byte[Math.max(0, raw.length - bodyStart)];
        System.arraycopy(raw, bodyStart, body, 0, body.length);
        if (chunked) {
            body = dechunk(body);
        } else if (contentLength != null) {
            try {
                int length = Integer.parseInt(contentLength);
                if (length >= 0 && length < body.length) {
                    byte[] cut = new byte[length];
                    System.arraycopy(body, 0, cut, 0, length);
                    body = cut;
                }
            } catch (NumberFormatException e) {
                // malformed length: keep what was sent
            }
        }
        return new RawRequest(requestLine[0], path, query, headers, body);
    }

    public String header(String name) {
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int lineEnd = indexOf(body, new byte[] {'\r', '\n'}, i);
            if (lineEnd < 0) {
                break;
            }
            String size = new String(body, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int length;
            try {
                length = Integer.parseInt(size, 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (length == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(body, start, Math.min(length, body.length - start));
            i = start + length + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
