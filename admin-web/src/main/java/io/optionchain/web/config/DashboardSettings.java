package io.optionchain.web.config;

import io.optionchain.engine.depth.ExecutionThresholds;

/**
 * The live option-chain page and its Server-Sent Events.
 *
 * @param updatesPerSecond    most SSE events per chain per second; ticks in between are coalesced into one
 *                            event. More is livelier and costs every client bandwidth
 * @param clientQueueEvents   events a client may fall behind before it is dropped; a slow client never
 *                            holds up the publisher or the engine
 * @param maxClients          SSE connections at once; more are refused with 503
 * @param spreadTightPercent  spread / LTP below this is tight (green); the entry analysis enters only below it
 * @param spreadWidePercent   above this is wide (red), between the two normal (yellow)
 * @param liquidityFullLots   lots visible over five levels on the thinner side of a book that score 100
 * @param liquidityHighScore  a score above this is marked as liquid and lets the entry analysis enter now
 * @param liquidityLowScore   a score below this is marked as thin
 * @param flashChangePercent  an LTP change of at least this many percent flashes its cell
 * @param sseIdleTimeoutMs    a stream with no event written for this long (or a write blocked this long) may be
 *                            ended to make room when all max_clients slots are taken; a write blocked this long
 *                            ends its stream anyway. Shorter frees slots from dead peers sooner; a browser's
 *                            EventSource reconnects by itself when a quiet stream is ended
 */
public record DashboardSettings(int updatesPerSecond, int clientQueueEvents, int maxClients,
                                double spreadTightPercent, double spreadWidePercent, int liquidityFullLots,
                                int liquidityHighScore, int liquidityLowScore, double flashChangePercent,
                                long sseIdleTimeoutMs) {
    public DashboardSettings {
        if (updatesPerSecond < 1 || updatesPerSecond > 50) {
            throw new IllegalArgumentException("updates_per_second must be 1..50, got " + updatesPerSecond);
        }
        if (clientQueueEvents < 1 || clientQueueEvents > 1_000) {
            throw new IllegalArgumentException("client_queue_events must be 1..1000, got " + clientQueueEvents);
        }
        if (maxClients < 1 || maxClients > 1_000) {
            throw new IllegalArgumentException("max_clients must be 1..1000, got " + maxClients);
        }
        if (!(spreadTightPercent > 0)) {
            throw new IllegalArgumentException("spread_tight_percent must be positive, got " + spreadTightPercent);
        }
        if (!(spreadWidePercent > spreadTightPercent)) {
            throw new IllegalArgumentException("spread_wide_percent must be above spread_tight_percent ("
                    + spreadTightPercent + "), got " + spreadWidePercent);
        }
        if (liquidityFullLots < 1) {
            throw new IllegalArgumentException("liquidity_full_lots must be positive, got " + liquidityFullLots);
        }
        if (liquidityHighScore < 1 || liquidityHighScore > 100) {
            throw new IllegalArgumentException("liquidity_high_score must be 1..100, got " + liquidityHighScore);
        }
        if (liquidityLowScore < 0 || liquidityLowScore >= liquidityHighScore) {
            throw new IllegalArgumentException("liquidity_low_score must be 0..liquidity_high_score - 1, got "
                    + liquidityLowScore);
        }
        if (sseIdleTimeoutMs < 500 || sseIdleTimeoutMs > 3_600_000) {
            throw new IllegalArgumentException("sse_idle_timeout_ms must be 500..3600000, got " + sseIdleTimeoutMs);
        }
        if (!(flashChangePercent >= 0)) {
            throw new IllegalArgumentException("flash_change_percent must be 0 or more, got " + flashChangePercent);
        }
    }

    /** What {@code config/application.yaml} ships: the seed's thresholds, 4 updates a second. */
    public static DashboardSettings defaults() {
        return new DashboardSettings(4, 16, 64, 0.5, 2.0, 100, 80, 20, 1.0, 30_000);
    }

    public ExecutionThresholds thresholds() {
        return new ExecutionThresholds(spreadTightPercent, spreadWidePercent, liquidityFullLots, liquidityHighScore,
                liquidityLowScore);
    }

    public DashboardSettings withUpdates(int perSecond, int queueEvents) {
        return new DashboardSettings(perSecond, queueEvents, maxClients, spreadTightPercent, spreadWidePercent,
                liquidityFullLots, liquidityHighScore, liquidityLowScore, flashChangePercent, sseIdleTimeoutMs);
    }

    public DashboardSettings withStreams(int clients, long idleTimeoutMs) {
        return new DashboardSettings(updatesPerSecond, clientQueueEvents, clients, spreadTightPercent,
                spreadWidePercent, liquidityFullLots, liquidityHighScore, liquidityLowScore, flashChangePercent,
                idleTimeoutMs);
    }
}
