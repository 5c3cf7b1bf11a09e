package io.optionchain.engine.desk;

import io.optionchain.engine.depth.OrderAction;
import io.optionchain.engine.journal.Journal;
import io.optionchain.engine.ports.BrokerOrder;
import io.optionchain.engine.ports.BrokerOrderState;
import io.optionchain.engine.ports.BrokerPosition;
import io.optionchain.engine.ports.ExitOrder;
import io.optionchain.engine.ports.OrderGateway;
import io.optionchain.engine.ports.OrderGatewayException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * A broker's order API held in memory, for engine tests. The engine knows no HTTP, and the crashes these
 * tests need (a process dying between a send and its journal record, an answer lost after the broker took
 * the order) cannot be caused through a real server in-process; the gateway's own tests cover OpenAlgo's wire.
 * It outlives a restart of the desk, as a real broker outlives the process.
 *
 * <p>Faults are drawn from a seeded random source: a refused send (rate limit), a send lost before or after
 * the broker took it, failed status, modify and order-book calls. By default orders fill on the first status
 * call; {@link #fillWhenMarketable} makes a sell fill only at or below the market's bid (a buy at or above
 * its ask). {@link #freezing} refuses orders above the exchange's freeze quantity. {@link #down} makes the whole
 * account unable to take any call, as OpenAlgo answers when its key is refused, it is rate limited, its broker is
 * down or it does not answer at all; every call it is asked, down or not, is remembered by the exit tag it names
 * ({@link #tagsAsked}), so a test can tell which account each exit went through.
 */
public final class InMemoryBroker implements OrderGateway {

    /** An order as the broker holds it. */
    public static final class Order {
        final String id;
        final ExitOrder placed;
        /** Journal bytes on disk when the broker took the order: what a crash then would have kept. */
        long journalBytes;
        /** The broker's clock when it took the order: what its order book reports as the placement time. */
        final long placedMillis;
        double price;
        BrokerOrderState state = BrokerOrderState.OPEN;
        double averagePrice;
        int statusCalls;
        int modifies;
        int fillAfter;

        Order(String id, ExitOrder placed, long journalBytes, long placedMillis) {
            this.id = id;
            this.placed = placed;
            this.journalBytes = journalBytes;
            this.placedMillis = placedMillis;
            this.price = placed.price();
        }
    }

    public interface Market {
        /** {bid, ask} of the symbol now. */
        double[] touch(String symbol);
    }

    private final List<Order> orders = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    /** Net units the trader's own orders (entries, placed outside the desk) left, by symbol|exchange|product. */
    private final Map<String, Long> entries = new LinkedHashMap<>();
    private boolean positionBookDown;
    private Random faults = new Random(0);
    private double refuseRate;
    private double lostBeforeRate;
    private double lostAfterRate;
    private double readFailRate;
    private int maxFillDelay;
    private boolean rejectAll;
    private boolean echoTags;
    private boolean statusUnknown;
    private int statusCallsTotal;
    private Market market;
    private LongSupplier journalBytes = () -> 0;
    private LongSupplier clock = System::currentTimeMillis;
    private PlaceCheck placeCheck = order -> null;
    private ToLongFunction<String> freezeOfSymbol = symbol -> 0;
    private int nextId = 1_000;
    private final java.util.Deque<String> scriptedSends = new java.util.ArrayDeque<>();
    private String down;
    private final List<String> tagsAsked = new ArrayList<>();
    private int callsWhileDown;

    /** Checked on every send; returns a broken rule, or null. */
    public interface PlaceCheck {
        String check(ExitOrder order);
    }

    synchronized InMemoryBroker withFaults(long seed, double refuse, double lostBefore, double lostAfter,
                                           double readFail, int fillDelay) {
        this.faults = new Random(seed);
        this.refuseRate = refuse;
        this.lostBeforeRate = lostBefore;
        this.lostAfterRate = lostAfter;
        this.readFailRate = readFail;
        this.maxFillDelay = fillDelay;
        return this;
    }

    /**
     * The next sends end this way, in order, before the random faults apply again: {@code refused} (429),
     * {@code lost-before} (no answer, no order), {@code lost-after} (no answer, order taken), {@code rejected}.
     */
    public synchronized InMemoryBroker nextSends(String... outcomes) {
        scriptedSends.addAll(List.of(outcomes));
        return this;
    }

    /**
     * Refuses any order above its symbol's freeze quantity (0: none), as the exchange does and OpenAlgo's RMS
     * reports; every such send is also a violation, since the desk must slice its exits to fit.
     */
    public synchronized InMemoryBroker freezing(ToLongFunction<String> freezeQuantityOfSymbol) {
        this.freezeOfSymbol = freezeQuantityOfSymbol;
        return this;
    }

    /**
     * While {@code how} is not null the account takes no call at all, answering every one (orders, status, modify,
     * cancel, order and position books) as OpenAlgo would: {@code refused} (403 "Invalid openalgo apikey"),
     * {@code rate-limited} (429), {@code server-error} (503, nothing placed) or {@code no-answer} (a timeout, nothing
     * placed). Null: up again.
     */
    public synchronized InMemoryBroker down(String how) {
        if (how != null && !List.of("refused", "rate-limited", "server-error", "no-answer").contains(how)) {
            throw new IllegalArgumentException("no such outage: " + how);
        }
        this.down = how;
        return this;
    }

    public synchronized boolean isDown() {
        return down != null;
    }

    /** Calls answered while down. */
    public synchronized int callsWhileDown() {
        return callsWhileDown;
    }

    /** The exit tag of every place, status, modify and cancel call asked of this account, in order, down or not. */
    public synchronized List<String> tagsAsked() {
        return List.copyOf(tagsAsked);
    }

    private void refuseWhileDown(String endpoint) {
        if (down == null) {
            return;
        }
        callsWhileDown++;
        switch (down) {
            case "refused" -> throw new OrderGatewayException(OrderGatewayException.Outcome.ACCOUNT_REFUSED,
                    endpoint + " failed (HTTP 403): Invalid openalgo apikey");
            case "rate-limited" -> throw new OrderGatewayException(OrderGatewayException.Outcome.NOT_ACCEPTED,
                    endpoint + " failed (HTTP 429): Rate limit exceeded");
            case "server-error" -> throw new OrderGatewayException(OrderGatewayException.Outcome.UNKNOWN,
                    endpoint + " failed (HTTP 503): broker down");
            default -> throw new OrderGatewayException(OrderGatewayException.Outcome.UNKNOWN,
                    endpoint + ": no answer within 10 s");
        }
    }

    public synchronized InMemoryBroker rejectingAll(boolean reject) {
        this.rejectAll = reject;
        return this;
    }

    /** Report each order's tag in the order book, as a server that keeps OpenAlgo's strategy field would. */
    synchronized InMemoryBroker echoingTags(boolean echo) {
        this.echoTags = echo;
        return this;
    }

    /** While on, every status look-up answers "not found", as a broker that lost the order would. */
    public synchronized InMemoryBroker statusUnknown(boolean on) {
        this.statusUnknown = on;
        return this;
    }

    public synchronized int statusCalls() {
        return statusCallsTotal;
    }

    /** The broker's clock, which stamps each order's placement time (the desk's own clock in a rig). */
    public synchronized InMemoryBroker timedBy(LongSupplier millis) {
        this.clock = millis;
        return this;
    }

    public synchronized InMemoryBroker fillWhenMarketable(Market touch) {
        this.market = touch;
        return this;
    }

    public synchronized InMemoryBroker recordingJournal(LongSupplier bytesOnDisk, PlaceCheck check) {
        this.journalBytes = bytesOnDisk;
        this.placeCheck = check;
        return this;
    }

    @Override
    public synchronized String place(ExitOrder order) {
        tagsAsked.add(order.tag());
        refuseWhileDown("placeorder");
        String broken = placeCheck.check(order);
        if (broken != null) {
            violations.add(broken);
        }
        long freeze = freezeOfSymbol.applyAsLong(order.symbol());
        if (freeze > 0 && order.quantity() > freeze) {
            violations.add("order " + order.tag() + " of " + order.quantity() + " " + order.symbol()
                    + " is above the freeze quantity " + freeze);
            throw new OrderGatewayException(OrderGatewayException.Outcome.REJECTED, "RMS: quantity "
                    + order.quantity() + " exceeds the freeze quantity " + freeze + " for " + order.symbol());
        }
        String outcome = scriptedSends.poll();
        if (outcome == null) {
            double roll = faults.nextDouble();
            outcome = rejectAll ? "rejected" : roll < refuseRate ? "refused" : roll < refuseRate + lostBeforeRate
                    ? "lost-before" : roll < refuseRate + lostBeforeRate + lostAfterRate ? "lost-after" : "taken";
        }
        switch (outcome) {
            case "rejected" -> throw new OrderGatewayException(OrderGatewayException.Outcome.REJECTED,
                    "RMS: margin exceeds");
            case "refused" -> throw new OrderGatewayException(OrderGatewayException.Outcome.NOT_ACCEPTED,
                    "HTTP 429 rate limited");
            case "lost-before" -> throw new OrderGatewayException(OrderGatewayException.Outcome.UNKNOWN,
                    "timed out before the broker");
            default -> { }
        }
        Order taken = new Order(String.valueOf(nextId++), order, journalBytes.getAsLong(), clock.getAsLong());
        taken.fillAfter = maxFillDelay == 0 ? 0 : faults.nextInt(maxFillDelay + 1);
        orders.add(taken);
        if (outcome.equals("lost-after")) {
            throw new OrderGatewayException(OrderGatewayException.Outcome.UNKNOWN, "answer lost after the broker took it");
        }
        return taken.id;
    }

    @Override
    public synchronized BrokerOrder status(String orderId, String tag) {
        tagsAsked.add(tag);
        refuseWhileDown("orderstatus");
        statusCallsTotal++;
        if (statusUnknown) {
            throw new OrderGatewayException(OrderGatewayException.Outcome.UNKNOWN, "Order " + orderId + " not found");
        }
        readFault("orderstatus");
        Order order = find(orderId);
        if (order == null) {
            throw new OrderGatewayException(OrderGatewayException.Outcome.UNKNOWN, "Order " + orderId + " not found");
        }
        order.statusCalls++;
        if (order.state == BrokerOrderState.OPEN && marketable(order) && order.statusCalls > order.fillAfter) {
            order.state = BrokerOrderState.COMPLETE;
            order.averagePrice = order.price;
        }
        return view(order);
    }

    @Override
    public synchronized void modify(String orderId, ExitOrder order) {
        tagsAsked.add(order.tag());
        refuseWhileDown("modifyorder");
        readFault("modifyorder");
        Order held = find(orderId);
        if (held == null || held.state != BrokerOrderState.OPEN) {
            throw new OrderGatewayException(OrderGatewayException.Outcome.REJECTED, "order " + orderId + " is not open");
        }
        held.price = order.price();
        held.modifies++;
    }

    @Override
    public synchronized void cancel(String orderId, String tag) {
        tagsAsked.add(tag);
        refuseWhileDown("cancelorder");
        Order held = find(orderId);
        if (held != null && held.state == BrokerOrderState.OPEN) {
            held.state = BrokerOrderState.CANCELLED;
        }
    }

    @Override
    public synchronized List<BrokerOrder> orderBook() {
        refuseWhileDown("orderbook");
        readFault("orderbook");
        List<BrokerOrder> book = new ArrayList<>();
        for (Order order : orders) {
            book.add(view(order));
        }
        return book;
    }

    /**
     * The day's net position per symbol, exchange and product: the trader's entries ({@link #entered}) and every
     * exit order that completed, as a broker nets its fills.
     */
    @Override
    public synchronized List<BrokerPosition> positionBook() {
        refuseWhileDown("positionbook");
        if (positionBookDown) {
            throw new OrderGatewayException(OrderGatewayException.Outcome.UNKNOWN, "positionbook: HTTP 502");
        }
        readFault("positionbook");
        Map<String, Long> net = new LinkedHashMap<>(entries);
        for (Order order : orders) {
            if (order.state == BrokerOrderState.COMPLETE) {
                ExitOrder placed = order.placed;
                net.merge(placed.symbol() + "|" + placed.exchange() + "|" + placed.product(),
                        placed.action() == OrderAction.BUY ? placed.quantity() : -placed.quantity(), Long::sum);
            }
        }
        List<BrokerPosition> book = new ArrayList<>();
        net.forEach((key, quantity) -> {
            String[] parts = key.split("\\|");
            book.add(new BrokerPosition(parts[0], parts[1], parts[2], quantity, 0, 0, 0));
        });
        return book;
    }

    /** The trader's own order filled at the broker, outside the desk: {@code quantity} signed, + bought. */
    public synchronized InMemoryBroker entered(String symbol, String exchange, String product, long quantity) {
        entries.merge(symbol + "|" + exchange + "|" + product, quantity, Long::sum);
        return this;
    }

    /** While on, the position book cannot be read (the broker answers 502). */
    public synchronized InMemoryBroker positionBookDown(boolean down) {
        this.positionBookDown = down;
        return this;
    }

    /**
     * An order from an earlier day or another journal, already complete: it sits in the order book for every
     * look-up to see and survives every crash, as a real broker's day book does.
     */
    synchronized Order remember(ExitOrder placed, long placedMillis) {
        Order order = new Order(String.valueOf(nextId++), placed, -1, placedMillis);
        order.state = BrokerOrderState.COMPLETE;
        order.averagePrice = placed.price();
        orders.add(order);
        return order;
    }

    /** Every order ever taken, in order. */
    public synchronized List<Order> orders() {
        return List.copyOf(orders);
    }

    /**
     * Every order taken so far survives any later crash: the journal that recorded them was damaged and rewritten,
     * and a crash from here on cuts only what is written after.
     */
    synchronized void settle() {
        orders.forEach(order -> order.journalBytes = -1);
    }

    /** Orders for one slice of a leg, by its tag. */
    public synchronized long ordersTagged(String tag) {
        return orders.stream().filter(o -> o.placed.tag().equals(tag)).count();
    }

    public synchronized long ordersFor(long positionId, int leg) {
        return orders.stream().filter(o -> o.placed.positionId() == positionId && o.placed.leg() == leg).count();
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /**
     * Forgets the orders a crash at {@code cutBytes} of the journal would never have sent: those taken when the
     * journal was already longer, and at a cut exactly at a record boundary, all but the first {@code keepAtCut}
     * of those taken at that length (the crash fell between two sends).
     */
    synchronized void crashAt(long cutBytes, int keepAtCut) {
        List<Order> kept = new ArrayList<>();
        int atCut = 0;
        for (Order order : orders) {
            if (order.journalBytes < cutBytes) {
                kept.add(order);
            } else if (order.journalBytes == cutBytes && atCut++ < keepAtCut) {
                kept.add(order);
            }
        }
        orders.clear();
        orders.addAll(kept);
    }

    private boolean marketable(Order order) {
        if (market == null) {
            return true;
        }
        double[] touch = market.touch(order.placed.symbol());
        return order.placed.action() == OrderAction.SELL ? touch[0] > 0 && order.price <= touch[0] + 1e-9
                : touch[1] > 0 && order.price >= touch[1] - 1e-9;
    }

    private void readFault(String endpoint) {
        if (readFailRate > 0 && faults.nextDouble() < readFailRate) {
            throw new OrderGatewayException(OrderGatewayException.Outcome.UNKNOWN, endpoint + ": HTTP 502");
        }
    }

    private Order find(String orderId) {
        for (Order order : orders) {
            if (order.id.equals(orderId)) {
                return order;
            }
        }
        return null;
    }

    private BrokerOrder view(Order order) {
        ExitOrder placed = order.placed;
        return new BrokerOrder(order.id, placed.symbol(), placed.exchange(), placed.action(), placed.quantity(),
                order.price, "LIMIT", placed.product(), order.state, order.averagePrice,
                echoTags ? placed.tag() : null, order.placedMillis);
    }
}
