package dev.bulwark.dataplane.model;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;

/** A small ordered list of headers to set on the response, applied once to the real response. */
public final class ResponseHeaders {
    private final List<String> names = new ArrayList<>(4);
    private final List<String> values = new ArrayList<>(4);

    public void set(String name, String value) {
        int index = names.indexOf(name);
        if (index >= 0) {
            values.set(index, value);
        } else {
            names.add(name);
            values.add(value);
        }
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    public void applyTo(MultiMap headers) {
        for (int i = 0; i < names.size(); i++) {
            headers.set(names.get(i), values.get(i));
        }
    }
}
