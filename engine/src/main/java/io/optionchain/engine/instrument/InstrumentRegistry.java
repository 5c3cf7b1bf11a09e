package io.optionchain.engine.instrument;

import io.optionchain.engine.market.OptionType;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Symbol text to dense int id, looked up from a decoder's character buffer without making a String.
 *
 * <p>Reads are lock-free and allocation-free: a reader takes the current {@link Table} from a volatile
 * field and probes it. Registration is rare (start-up, and when the strike window shifts) and copies
 * the table on write, so a reader never sees a half-built slot. Ids are never reused: a chain-state
 * record keyed by an id keeps meaning the same instrument for the life of the process, and across a
 * restart once {@link #restore} has given the persisted instruments their old ids back.
 */
public final class InstrumentRegistry {
    public static final int NOT_FOUND = -1;

    private final int capacity;
    private volatile Table table;

    /**
     * @param capacity most instruments this process will ever register; the lookup table is sized
     *                 at twice that rounded up to a power of two so probes stay short
     */
    public InstrumentRegistry(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        this.table = new Table(Integer.highestOneBit(capacity * 2 - 1) << 1, new Instrument[0]);
    }

    /** Registers an index (quoted in Quote mode) or returns the one already registered. */
    public Instrument registerIndex(String symbol, String exchange) {
        return register(symbol, exchange, symbol, null, 0, null);
    }

    /** Registers an option or returns the one already registered under that symbol. */
    public Instrument register(String symbol, String exchange, String underlying, LocalDate expiry, double strike,
                               OptionType type) {
        return register(symbol, exchange, underlying, expiry, strike, type, 0);
    }

    /**
     * Registers an option only while more than {@code keepFree} slots would remain, or returns the one already
     * registered. Slots never free, so callers other than the chains' windows keep some back for them: a window
     * that cannot register its next strikes shows empty rows for the rest of the day.
     *
     * @throws IllegalStateException when registering would leave {@code keepFree} slots or fewer
     */
    public synchronized Instrument register(String symbol, String exchange, String underlying, LocalDate expiry,
                                            double strike, OptionType type, int keepFree) {
        Table current = table;
        int existing = current.find(symbol, 0, symbol.length());
        if (existing != NOT_FOUND) {
            return current.instruments[existing];
        }
        int id = current.instruments.length;
        if (id >= capacity - keepFree) {
            throw new IllegalStateException(keepFree == 0
                    ? "instrument registry is full at " + capacity + " instruments; raise engine capacity in config"
                    : "instrument registry keeps its last " + keepFree + " of " + capacity + " slots for the chains'"
                    + " windows; raise engine.instrument_capacity in config");
        }
        Instrument instrument = new Instrument(id, symbol, exchange, underlying, expiry, strike, type);
        table = current.with(instrument);
        return instrument;
    }

    /**
     * Puts instruments a previous process registered back under their own ids, before anything else
     * registers. Ids left unused between them stay unused; later registrations take ids above the
     * highest restored one.
     *
     * @throws IllegalStateException    when something has registered already
     * @throws IllegalArgumentException when an id is outside the capacity, or an id or symbol repeats
     */
    public synchronized void restore(Collection<Instrument> instruments) {
        if (table.instruments.length > 0) {
            throw new IllegalStateException("restore must come before any registration; "
                    + table.instruments.length + " ids are taken already");
        }
        int highest = -1;
        for (Instrument instrument : instruments) {
            if (instrument.id() < 0 || instrument.id() >= capacity) {
                throw new IllegalArgumentException("id " + instrument.id() + " of " + instrument.symbol()
                        + " is outside the registry's capacity of " + capacity);
            }
            highest = Math.max(highest, instrument.id());
        }
        Instrument[] byId = new Instrument[highest + 1];
        Set<String> symbols = new HashSet<>();
        for (Instrument instrument : instruments) {
            if (byId[instrument.id()] != null || !symbols.add(instrument.symbol())) {
                throw new IllegalArgumentException("id " + instrument.id() + " or symbol " + instrument.symbol()
                        + " is restored twice");
            }
            byId[instrument.id()] = instrument;
        }
        table = new Table(table.keys.length, byId);
    }

    /** @return the id of {@code symbol}, or {@link #NOT_FOUND} */
    public int idOf(char[] chars, int offset, int length) {
        return table.find(chars, offset, length);
    }

    /** @return the id of {@code symbol}, or {@link #NOT_FOUND} */
    public int idOf(CharSequence symbol) {
        return table.find(symbol, 0, symbol.length());
    }

    /** @return the instrument of {@code id}, or null when no such id was registered */
    public Instrument byId(int id) {
        Instrument[] instruments = table.instruments;
        return id >= 0 && id < instruments.length ? instruments[id] : null;
    }

    public Instrument bySymbol(CharSequence symbol) {
        return byId(idOf(symbol));
    }

    /** Ids handed out so far, unused ones between restored instruments included. */
    public int size() {
        return table.instruments.length;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * An immutable snapshot: open addressing, linear probing, keys kept as char arrays. A null in
     * {@code instruments} is an id no restored instrument had.
     */
    private static final class Table {
        final char[][] keys;
        final int[] ids;
        final int mask;
        final Instrument[] instruments;

        Table(int slots, Instrument[] instruments) {
            this.keys = new char[slots][];
            this.ids = new int[slots];
            this.mask = slots - 1;
            this.instruments = instruments;
            for (Instrument instrument : instruments) {
                if (instrument != null) {
                    insert(instrument);
                }
            }
        }

        Table with(Instrument added) {
            Instrument[] grown = Arrays.copyOf(instruments, instruments.length + 1);
            grown[added.id()] = added;
            return new Table(keys.length, grown);
        }

        private void insert(Instrument instrument) {
            char[] key = instrument.symbol().toCharArray();
            int slot = hash(key, 0, key.length) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            ids[slot] = instrument.id();
        }

        int find(char[] chars, int offset, int length) {
            int slot = hash(chars, offset, length) & mask;
            char[] key;
            while ((key = keys[slot]) != null) {
                if (Arrays.equals(key, 0, key.length, chars, offset, offset + length)) {
                    return ids[slot];
                }
                slot = (slot + 1) & mask;
            }
            return NOT_FOUND;
        }

        int find(CharSequence chars, int offset, int length) {
            int h = 0;
            for (int i = 0; i < length; i++) {
                h = 31 * h + chars.charAt(offset + i);
            }
            int slot = mix(h) & mask;
            char[] key;
            while ((key = keys[slot]) != null) {
                if (sameChars(key, chars, offset, length)) {
                    return ids[slot];
                }
                slot = (slot + 1) & mask;
            }
            return NOT_FOUND;
        }

        private static boolean sameChars(char[] key, CharSequence chars, int offset, int length) {
            if (key.length != length) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (key[i] != chars.charAt(offset + i)) {
                    return false;
                }
            }
            return true;
        }

        private static int hash(char[] chars, int offset, int length) {
            int h = 0;
            for (int i = offset, end = offset + length; i < end; i++) {
                h = 31 * h + chars[i];
            }
            return mix(h);
        }

        /** Spreads String-style hashes of similar symbols (they differ only in a few digits). */
        private static int mix(int h) {
            h *= 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
