package io.optionchain.engine.entries;

/** An entry that cannot be planned as asked, naming the field at fault ({@code legs[1].tag}). */
public final class EntryRefused extends IllegalArgumentException {
    private final String field;

    public EntryRefused(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
