package io.optionchain.web.hours;

import com.fasterxml.jackson.core.JsonStreamContext;
import io.optionchain.web.json.InputText;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * A place in a template's JSON, named two ways: dotted for the person reading the error
 * ({@code holidays[3].date}) and as a JSON pointer for finding its line ({@code /holidays/3/date}).
 */
record Where(Where parent, String name, int index) {
    static final Where TOP = new Where(null, null, -1);
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    Where field(String field) {
        return new Where(this, field, -1);
    }

    Where index(int i) {
        return new Where(this, null, i);
    }

    /** The field this names, for reading it from its parent object. */
    String last() {
        return name;
    }

    /**
     * The object a streaming parser is reading, without the key it is on: where a key given twice sits. Only
     * object keys and array positions of the enclosing contexts count; the root has neither.
     */
    static Where of(JsonStreamContext context) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext at = context.getParent(); at != null && !at.inRoot(); at = at.getParent()) {
            chain.push(at);
        }
        Where where = TOP;
        for (JsonStreamContext at : chain) {
            where = at.inArray() ? where.index(at.getCurrentIndex()) : where.field(at.getCurrentName());
        }
        return where;
    }

    String dotted() {
        if (parent == null) {
            return "(top)";
        }
        String before = parent.parent == null ? "" : parent.dotted();
        if (name == null) {
            return before + "[" + index + "]";
        }
        String shown = PLAIN.matcher(name).matches() ? name : InputText.shown(name);
        return before.isEmpty() ? shown : before + "." + shown;
    }

    String pointer() {
        if (parent == null) {
            return "";
        }
        return parent.pointer() + "/" + (name == null ? String.valueOf(index)
                : name.replace("~", "~0").replace("/", "~1"));
    }
}
