package dev.bulwark.dataplane.contract;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The JSON body's {@link ValueShape} frozen for inspection, which asks for every value and every
 * key of a body on the event loop: the hint a validated value carries at a JSON pointer
 * ({@code body/items/3/sku}), and whether a key is a property name the schema declares. Nothing is
 * allocated per lookup, and most lookups end at a name test: a value whose property name no typed
 * property of the schema bears has no hint, whatever its path.
 */
final class BodyHints {
    private static final int MAX_DEPTH = 64;

    private final Node root;
    /** Every property name the schema declares, at any depth. */
    private final NameSet declared;
    /** The names of the properties whose values (or array items) carry a hint. */
    private final NameSet hinted;

    private BodyHints(ValueShape shape) {
        Set<String> declaredNames = new HashSet<>();
        Set<String> hintedNames = new HashSet<>();
        root = new Node(shape, 0, declaredNames, hintedNames);
        declared = new NameSet(declaredNames);
        hinted = new NameSet(hintedNames);
    }

    static BodyHints of(ValueShape shape) {
        return shape == null ? null : new BodyHints(shape);
    }

    /**
     * Hints for one body's values, looked up in the order a walk meets them. It remembers the object
     * the last hinted value sat in, so that its siblings resolve by their own name alone instead of
     * by every segment of their pointer. The memory is checked against the pointer's text, never
     * trusted. One per inspection: not thread-safe.
     */
    final class Walk {
        private char[] parent = new char[32];
        private int parentLength = -1;
        private Node parentNode;

        /**
         * The hint for the value at {@code pointer[from, ...)}, a JSON pointer below the body (each
         * segment led by {@code /}; empty for the body itself), or null when the schema promises
         * nothing there.
         */
        ValueType hint(CharSequence pointer, int from) {
            int end = pointer.length();
            int last = end - 1;
            while (last >= from && pointer.charAt(last) != '/') {
                last--;
            }
            if (last < from) {
                return root.hint;
            }
            if (!remembers(pointer, from, last)) {
                if (!index(pointer, last + 1, end) && !hinted.contains(pointer, last + 1, end, true)) {
                    return null;
                }
                remember(pointer, from, last, root.resolve(pointer, from, last));
            }
            Node node = parentNode == null ? null : parentNode.child(pointer, last + 1, end);
            return node == null ? null : node.hint;
        }

        private boolean remembers(CharSequence pointer, int from, int to) {
            if (to - from != parentLength) {
                return false;
            }
            for (int i = from; i < to; i++) {
                if (parent[i - from] != pointer.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private void remember(CharSequence pointer, int from, int to, Node node) {
            if (parent.length < to - from) {
                parent = new char[Math.max(to - from, parent.length * 2)];
            }
            for (int i = from; i < to; i++) {
                parent[i - from] = pointer.charAt(i);
            }
            parentLength = to - from;
            parentNode = node;
        }
    }

    /** Whether {@code key}, a decoded JSON key, is a property name the schema declares (at any depth). */
    boolean declares(CharSequence key) {
        return declared.contains(key, 0, key.length(), false);
    }

    /** An array index: the segment is all digits. */
    private static boolean index(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return to > from;
    }

    /** A node of the frozen shape: its hint, and its properties by name. */
    private static final class Node {
        final ValueType hint;
        private final boolean ambiguous;
        private final boolean arrayOnly;
        private final Node items;
        private final NameSet names;
        private final Node[] properties;

        Node(ValueShape shape, int depth, Set<String> declared, Set<String> hinted) {
            hint = shape.hint();
            ambiguous = shape.ambiguous;
            arrayOnly = shape.only(ValueShape.Type.ARRAY);
            boolean deeper = depth < MAX_DEPTH;
            items = deeper && shape.items != null ? new Node(shape.items, depth + 1, declared, hinted) : null;
            Map<String, ValueShape> named = deeper ? shape.properties : Map.of();
            String[] keys = new String[named.size()];
            properties = new Node[named.size()];
            int i = 0;
            for (Map.Entry<String, ValueShape> property : named.entrySet()) {
                keys[i] = property.getKey();
                properties[i] = new Node(property.getValue(), depth + 1, declared, hinted);
                declared.add(keys[i]);
                if (properties[i].hint != null || properties[i].items != null && properties[i].items.hint != null) {
                    hinted.add(keys[i]);
                }
                i++;
            }
            names = new NameSet(Arrays.asList(keys));
        }

        Node resolve(CharSequence pointer, int from, int end) {
            Node node = this;
            int i = from;
            while (i < end) {
                if (pointer.charAt(i) != '/') {
                    return null;
                }
                int segmentEnd = i + 1;
                while (segmentEnd < end && pointer.charAt(segmentEnd) != '/') {
                    segmentEnd++;
                }
                node = node.child(pointer, i + 1, segmentEnd);
                if (node == null) {
                    return null;
                }
                i = segmentEnd;
            }
            return node;
        }

        /** The node of the member named by the pointer segment {@code pointer[from, to)}, or null. */
        Node child(CharSequence pointer, int from, int to) {
            if (ambiguous) {
                return null;
            }
            if (arrayOnly) {
                return items;
            }
            int position = names.indexOf(pointer, from, to, true);
            return position < 0 ? null : properties[position];
        }
    }
}
