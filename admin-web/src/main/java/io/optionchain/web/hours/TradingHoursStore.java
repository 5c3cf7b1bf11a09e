package io.optionchain.web.hours;

import io.optionchain.engine.hours.Holiday;
import io.optionchain.engine.hours.HolidaySource;
import io.optionchain.engine.hours.HolidayType;
import io.optionchain.engine.hours.SpecialSession;
import io.optionchain.engine.hours.TradingCalendar;
import io.optionchain.engine.hours.TradingTemplate;
import io.optionchain.engine.journal.DurableFile;
import io.optionchain.web.config.ConfigException;
import io.optionchain.web.json.InputText;
import io.optionchain.web.json.TradingHoursJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The trading-hours templates and which one is active. Templates are read from the config directory's
 * {@value #DIRECTORY}/ and then the data directory's, where edits made through the API are written and where a
 * file of the same name wins. The active template's name is kept in {@code DATA/}{@value #DIRECTORY}{@code /}
 * {@value #ACTIVE_FILE}. Every write replaces its file whole and durably ({@link DurableFile}).
 *
 * <p>The active calendar is the active template with the server's holidays merged in (the server winning for
 * dates it knows); those are re-fetched from the server, never written here. Reading it takes no lock; every
 * change publishes a new one to the listeners, in order, on the thread that made the change.
 */
public final class TradingHoursStore {
    public static final String DIRECTORY = "trading-hours";
    public static final String ACTIVE_FILE = "active";
    private static final String SUFFIX = ".json";
    private static final Logger LOG = LoggerFactory.getLogger(TradingHoursStore.class);

    private final Path edited;
    /** By name; guarded by this. */
    private final Map<String, TradingTemplate> templates;
    private final List<Consumer<TradingCalendar>> listeners = new CopyOnWriteArrayList<>();
    /** Guarded by this. */
    private String activeName;
    /** The server's calendar as last fetched; guarded by this. */
    private List<Holiday> server = List.of();
    private List<SpecialSession> serverSessions = List.of();
    private volatile TradingCalendar active;

    private TradingHoursStore(Path edited, Map<String, TradingTemplate> templates, String activeName) {
        this.edited = edited;
        this.templates = templates;
        this.activeName = activeName;
        this.active = new TradingCalendar(templates.get(activeName));
    }

    /**
     * Reads every template and chooses the active one: {@code requested} (from {@code --trading-hours}) if
     * given, else the one last applied through the API, else {@code configured} ({@code trading_hours.template}),
     * else {@code fallback} (the feed's default).
     *
     * @throws ConfigException a template file a person must fix, or a chosen name no file has (the message lists
     *                         the names there are)
     */
    public static TradingHoursStore open(Path configDirectory, Path dataDirectory, String requested, String configured,
                                         String fallback) {
        Path shipped = configDirectory.resolve(DIRECTORY);
        Path edited = dataDirectory.resolve(DIRECTORY);
        Map<String, TradingTemplate> templates = new TreeMap<>();
        try {
            int leftovers = DurableFile.removeLeftovers(edited);
            if (leftovers > 0) {
                LOG.warn("removed {} unfinished trading-hours write(s) from {}", leftovers, edited);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear unfinished writes from " + edited, e);
        }
        readAll(shipped, false, templates);
        readAll(edited, true, templates);

        Path activeFile = edited.resolve(ACTIVE_FILE);
        String name;
        String why;
        if (requested != null) {
            name = requested;
            why = "--trading-hours";
        } else if (Files.isRegularFile(activeFile)) {
            name = read(activeFile).strip();
            why = activeFile + ", the template last applied through the API";
        } else if (configured != null) {
            name = configured;
            why = "trading_hours.template in the config";
        } else {
            name = fallback;
            why = "the feed's default";
        }
        if (!templates.containsKey(name)) {
            throw new ConfigException("trading-hours template " + InputText.shown(name) + " (from " + why
                    + ") has no file; the templates are " + templates.keySet() + ", read from " + shipped + " and "
                    + edited, null);
        }
        LOG.info("trading hours: template '{}' (from {}) of {}", name, why, templates.keySet());
        return new TradingHoursStore(edited, templates, name);
    }

    /** The calendar in force: the active template with the server's holidays merged in. */
    public TradingCalendar active() {
        return active;
    }

    public synchronized List<TradingTemplate> templates() {
        return List.copyOf(templates.values());
    }

    /** @throws NoSuchElementException for a name no template has */
    public synchronized TradingTemplate template(String name) {
        TradingTemplate template = templates.get(name);
        if (template == null) {
            throw new NoSuchElementException("no trading-hours template " + InputText.shown(name) + "; there are "
                    + templates.keySet());
        }
        return template;
    }

    /**
     * Creates or replaces a template (written to the data directory first); the active one takes effect at once.
     *
     * @return true when there was no template of that name
     */
    public synchronized boolean put(TradingTemplate template) {
        write(template);
        boolean created = templates.put(template.name(), template) == null;
        LOG.info("trading hours: template '{}' {}", template.name(), created ? "created" : "replaced");
        if (template.name().equals(activeName)) {
            publish();
        }
        return created;
    }

    /**
     * Makes {@code name} the active template, now and after a restart.
     *
     * @throws NoSuchElementException for a name no template has
     */
    public synchronized TradingCalendar apply(String name) {
        template(name);
        try {
            DurableFile.replace(edited.resolve(ACTIVE_FILE), (name + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + edited.resolve(ACTIVE_FILE), e);
        }
        LOG.info("trading hours: template '{}' applied (was '{}')", name, activeName);
        activeName = name;
        publish();
        return active;
    }

    /** Adds a holiday to the active template, or replaces the one on its date; its source is the API. */
    public synchronized Holiday addHoliday(LocalDate date, String description, HolidayType type) {
        Holiday holiday = new Holiday(date, description, type, HolidaySource.API);
        change(templates.get(activeName).withHoliday(holiday));
        LOG.info("trading hours: {} {} ({}) added to '{}'", type.wireName(), date, description, activeName);
        return holiday;
    }

    /**
     * Removes the active template's holiday on {@code date}. A date only the server lists stays: the server's
     * calendar is fetched again, not edited here.
     *
     * @throws NoSuchElementException when the active template has no holiday that day
     */
    public synchronized Holiday removeHoliday(LocalDate date) {
        TradingTemplate template = templates.get(activeName);
        Holiday removed = template.holiday(date).orElseThrow(() -> new NoSuchElementException(
                "template '" + activeName + "' has no holiday on " + date
                        + (server.stream().anyMatch(h -> h.date().equals(date))
                        ? " (the server's calendar lists one, which is fetched again, not edited here)" : "")));
        change(template.withoutHoliday(date));
        LOG.info("trading hours: holiday {} removed from '{}'", date, activeName);
        return removed;
    }

    /** The server's holidays as just fetched, merged into the calendar published from now on; never written. */
    public synchronized void serverHolidays(Collection<Holiday> holidays) {
        serverCalendar(holidays, List.of());
    }

    /**
     * The server's holidays and special sessions (with their windows) as just fetched, merged into the calendar
     * published from now on, the server winning for the dates it knows; never written to a file.
     */
    public synchronized void serverCalendar(Collection<Holiday> holidays, Collection<SpecialSession> sessions) {
        server = List.copyOf(holidays);
        serverSessions = List.copyOf(sessions);
        publish();
    }

    /**
     * Calls {@code listener} with the calendar in force now, then with each new one (a template applied, the
     * active template or its holidays changed, the server's holidays fetched). It runs on the changing thread
     * while the store is locked, so it must hand the calendar over rather than work on it.
     */
    public synchronized void onCalendar(Consumer<TradingCalendar> listener) {
        listeners.add(listener);
        listener.accept(active);
    }

    private void change(TradingTemplate changed) {
        write(changed);
        templates.put(changed.name(), changed);
        publish();
    }

    private void publish() {
        active = new TradingCalendar(templates.get(activeName).mergedWith(server, serverSessions));
        for (Consumer<TradingCalendar> listener : listeners) {
            try {
                listener.accept(active);
            } catch (RuntimeException e) {
                // the change is on disk and in force; one listener's failure must not undo it for the others
                LOG.error("a trading-hours listener failed on template '{}'", activeName, e);
            }
        }
    }

    private void write(TradingTemplate template) {
        Path file = edited.resolve(template.name() + SUFFIX);
        try {
            DurableFile.replace(file, TradingHoursJson.file(template).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void readAll(Path directory, boolean stored, Map<String, TradingTemplate> into) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            listing.forEach(files::add);
        } catch (IOException e) {
            throw new ConfigException(directory + ": cannot be listed: " + e.getMessage(), e);
        }
        files.sort(null);
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - SUFFIX.length());
            into.put(name, TemplateReader.file(file.toString(), read(file), name, stored));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
