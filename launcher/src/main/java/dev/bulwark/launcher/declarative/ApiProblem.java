package dev.bulwark.launcher.declarative;

import com.fasterxml.jackson.databind.JsonNode;

/** The control plane refused a call: the message is its problem+json, with the fields it names. */
final class ApiProblem extends CliException {
    private final int status;

    ApiProblem(String method, String path, int status, JsonNode problem) {
        super(describe(method, path, status, problem));
        this.status = status;
    }

    int status() {
        return status;
    }

    private static String describe(String method, String path, int status, JsonNode problem) {
        StringBuilder text = new StringBuilder(method).append(' ').append(path).append(" answered ").append(status);
        if (problem != null && problem.isObject()) {
            text.append(' ').append(problem.path("key").asText("")).append(": ").append(problem.path("detail").asText(""));
            for (JsonNode error : problem.path("errors")) {
                text.append("\n    ").append(error.path("path").asText("?")).append(": ").append(error.path("message").asText(""));
            }
        }
        if (status == 401) {
            text.append("\n    (is BULWARK_TOKEN a valid, unrevoked automation token of this tenant?)");
        }
        return text.toString();
    }
}
