package dev.bulwark.controlplane.contract;

/** The document cannot be turned into contracts; {@code pointer} names the offending node (RFC 6901). */
public final class ContractException extends Exception {
    private final String pointer;

    public ContractException(String pointer, String message) {
        super(message, null, false, false);
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }
}
