package org.opencredit.gateway.quota;

import org.opencredit.gateway.client.ApiClient;

import reactor.core.publisher.Mono;

/** Where request counts live: in this gateway's memory or shared by all replicas in Redis. */
public interface QuotaStore {

    /**
     * Takes one request from the client's token bucket and daily quota, unless either is exhausted.
     *
     * @param day           the current day in the province's time zone, {@code yyyyMMdd}
     * @param dayTtlSeconds how long the day's counter must be kept
     */
    Mono<QuotaDecision> take(String clientId, ApiClient.Limits limits, String day, long dayTtlSeconds);
}
