package dev.bulwark.controlplane.api;

/** Valid OpenAPI documents of a chosen size, shaped like large real ones (many operations, long descriptions). */
final class LargeDocuments {
    private LargeDocuments() {
    }

    /** A YAML document of exactly {@code bytes} bytes (ASCII), info.version 7.1.0. */
    static String yaml(long bytes) {
        StringBuilder out = new StringBuilder((int) bytes + 64);
        out.append("openapi: 3.0.3\ninfo:\n  title: Large\n  version: 7.1.0\npaths:\n");
        String words = "Returns the resource with its nested attributes, links and audit fields. ";
        int i = 0;
        while (out.length() < bytes - 400) {
            out.append("  /r").append(i).append("/{id}:\n    get:\n      operationId: get").append(i)
                    .append("\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}")
                    .append("\n      description: ");
            long room = Math.min(4000, bytes - 400 - out.length());
            for (int n = 0; n < room; n += words.length()) {
                out.append(words);
            }
            out.append("\n      responses:\n        '200': {description: ok}\n");
            i++;
        }
        out.append("components: {}\n");
        while (out.length() < bytes) {
            out.append('#');
        }
        out.setLength((int) bytes);
        return out.toString();
    }
}
