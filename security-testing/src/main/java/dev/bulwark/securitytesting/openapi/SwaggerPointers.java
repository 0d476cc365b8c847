package dev.bulwark.securitytesting.openapi;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps a pointer into a converted document (OpenAPI 3.0) back to where the same thing is written
 * in the Swagger 2.0 original, so reports give the line the user has. Parts the conversion
 * invents (request bodies from body parameters, media type maps) map to their closest written
 * ancestor.
 */
final class SwaggerPointers {

    private SwaggerPointers() {}

    static JsonPointer toSwagger2(JsonPointer pointer) {
        List<String> tokens = new ArrayList<>(pointer.tokens());
        if (tokens.size() >= 2 && tokens.get(0).equals("components")) {
            String section = switch (tokens.get(1)) {
                case "schemas" -> "definitions";
                case "securitySchemes" -> "securityDefinitions";
                case "parameters" -> "parameters";
                case "responses" -> "responses";
                default -> null;
            };
            if (section == null) {
                return JsonPointer.ROOT;
            }
            tokens.remove(0);
            tokens.set(0, section);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (token.equals("requestBody")) {
                break; // a body parameter in Swagger 2.0: the operation is the closest written node
            }
            if (token.equals("content") && i + 2 < tokens.size() && tokens.get(i + 2).equals("schema")) {
                i += 1; // responses/200/content/{type}/schema → responses/200/schema
                continue;
            }
            out.add(token);
        }
        return JsonPointer.of(out);
    }
}
