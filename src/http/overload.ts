// Load shedding at the HTTP edge: overload is answered at once (503 or 429 with Retry-After, in the error
// model), never queued until it times out.
//
// - The event-loop turn budget: Node reads every request that arrived meanwhile in one turn and starts them one
//   after another; once a turn has spent `maxTurnMs` starting requests, the rest of that turn's requests get
//   503 SERVICE_OVERLOADED at once (they have already waited that long in socket buffers). This bounds queueing
//   directly, request by request, where a sampled measure reacts only after the long turn is over. The check
//   runs in the Node HTTP server's own request listener (`sheddingServerFactory`), before Fastify builds a
//   request, so a refusal costs a few microseconds and a flood of refusals cannot itself become the overload;
//   the same check as an onRequest hook covers requests that do not come through a socket (inject).
// - Requests in flight: the same listener refuses a request while `maxInFlight` are in progress (admitted, not
//   yet answered) — on PostgreSQL, where requests wait on the network rather than on the event loop, this is
//   what bounds the queue.
// - Event-loop pressure (@fastify/under-pressure), the backstop: while the last sample's mean event-loop delay
//   or utilisation is over its limit, new requests get 503 SERVICE_OVERLOADED before any work is done.
// - Per-client rate limits (@fastify/rate-limit) on costly endpoints: a route declares its cost class in its
//   config (`config: { cost: 'export' }`), the limits per class come from the configuration. A client is the
//   signed-in user, else the IP address. Each endpoint counts separately. Counters live in this process's
//   memory: with N nodes behind a load balancer a client may get up to N× the limit. A request is counted
//   after validation (preHandler), so only well-formed requests — the ones that cost — use the quota.
// - /health and /ready are exempt from all of them: a load balancer must still see an overloaded process alive.
// The database's own admission (SQLite write queue, PostgreSQL pool) raises AppError SERVICE_OVERLOADED.
import http from 'node:http';
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OverloadConfig, RateLimits } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import { errorCatalogue } from '../errors/error-catalogue.js';
import { currentActor } from './authentication.js';
import { pickLanguage } from './language.js';

/** Endpoints whose cost justifies a per-client limit. */
export type CostClass = Exclude<keyof RateLimits, 'windowMs'>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route is costly: limited per client by the configured limit of its class. */
    cost?: CostClass;
    /** Only requests for which this holds count (e.g. a list is costly only with a search text). */
    costlyWhen?: (request: FastifyRequest) => boolean;
  }
}

/** Routes that answer even under overload. */
const EXEMPT = new Set(['/health', '/ready']);

/** Time spent by the current event-loop turn on starting requests. */
export class TurnBudget {
  private startedAt: number | undefined;

  constructor(private readonly maxMs: number) {}

  /** Called as each request starts: true when this turn has already spent its budget on earlier requests. */
  isSpent(): boolean {
    const now = performance.now();
    if (this.startedAt === undefined) {
      this.startedAt = now;
      // Cleared in this turn's check phase; scheduled only when requests arrive, so an idle process does not spin.
      setImmediate(() => {
        this.startedAt = undefined;
      });
      return false;
    }
    return now - this.startedAt > this.maxMs;
  }
}

/** Requests the raw listener already judged (Fastify's hook does not judge them twice). */
const judged = new WeakSet<http.IncomingMessage>();

type ShedReason = 'event_loop_turn' | 'in_flight';

/**
 * Fastify's `serverFactory`: a Node HTTP server whose listener refuses, itself, a request that comes when the
 * turn has spent its budget or when `maxInFlight` requests are already in progress in this process (admitted
 * and not yet answered: waiting for the database, a connection of the pool, a group commit…). 0 = no cap.
 */
export function sheddingServerFactory(budget: TurnBudget | null, maxInFlight: number, retryAfterSeconds: number) {
  const body = (reason: ShedReason, lang: 'vi' | 'en') =>
    JSON.stringify({ error: { code: 'SERVICE_OVERLOADED', message: errorCatalogue.SERVICE_OVERLOADED[lang], details: { reason, retryAfterSeconds } } });
  const bodies = {
    event_loop_turn: { vi: body('event_loop_turn', 'vi'), en: body('event_loop_turn', 'en') },
    in_flight: { vi: body('in_flight', 'vi'), en: body('in_flight', 'en') },
  };
  let inFlight = 0;
  return (handler: http.RequestListener): http.Server =>
    http.createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0]!.replace(/\/+$/, '');
      if (!EXEMPT.has(path)) {
        const reason: ShedReason | null = maxInFlight > 0 && inFlight >= maxInFlight ? 'in_flight' : budget?.isSpent() ? 'event_loop_turn' : null;
        if (reason) {
          const text = bodies[reason][pickLanguage(request.headers['accept-language'])];
          response.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'retry-after': String(retryAfterSeconds) });
          response.end(text);
          return;
        }
        inFlight++;
        // 'close' comes once, whether the answer was sent or the client went away.
        response.once('close', () => inFlight--);
      }
      judged.add(request);
      handler(request, response);
    });
}

export async function registerOverloadProtection(app: FastifyInstance, config: OverloadConfig, budget: TurnBudget | null): Promise<void> {
  if (budget) {
    app.addHook('onRequest', async (request, reply) => {
      if (judged.has(request.raw) || EXEMPT.has(request.routeOptions.url ?? '') || !budget.isSpent()) return;
      reply.header('retry-after', String(config.retryAfterSeconds));
      throw new AppError('SERVICE_OVERLOADED', { reason: 'event_loop_turn', retryAfterSeconds: config.retryAfterSeconds });
    });
  }
  const { maxEventLoopDelayMs, maxEventLoopUtilization } = config;
  if (maxEventLoopDelayMs > 0 || maxEventLoopUtilization > 0) {
    // The first samples cover start-up (schemas compiled, routes built): not load. Judge from two samples on.
    let judgeFrom = Number.POSITIVE_INFINITY;
    app.addHook('onReady', async () => {
      judgeFrom = performance.now() + 2 * config.sampleIntervalMs;
    });
    await app.register(underPressure, {
      sampleInterval: config.sampleIntervalMs,
      maxEventLoopDelay: maxEventLoopDelayMs,
      maxEventLoopUtilization,
      // Utilisation of the last sample, not since the start of the process.
      eventLoopUtilizationMode: 'interval',
      pressureHandler: async (request, reply, type) => {
        if (EXEMPT.has(request.routeOptions.url ?? '') || performance.now() < judgeFrom) return;
        reply.header('retry-after', String(config.retryAfterSeconds));
        throw new AppError('SERVICE_OVERLOADED', { reason: type === 'eventLoopUtilization' ? 'event_loop_utilization' : 'event_loop_delay', retryAfterSeconds: config.retryAfterSeconds });
      },
    });
  }

  const limits = config.rateLimits;
  // Before the rate-limit plugin's own onRoute hook: turns a route's cost class into its rate-limit settings.
  app.addHook('onRoute', (route) => {
    const cost = route.config?.cost;
    if (!cost || limits[cost] === 0) return;
    const costlyWhen = route.config?.costlyWhen;
    route.config = {
      ...route.config,
      rateLimit: {
        max: limits[cost],
        timeWindow: limits.windowMs,
        ...(costlyWhen ? { allowList: (request: FastifyRequest) => !costlyWhen(request) } : {}),
      },
    } as typeof route.config;
  });
  await app.register(rateLimit, {
    global: false,
    // Counted once the request is known to be well-formed and (where required) signed in: a malformed request
    // is refused for what it is (and costs nothing), and 401 still comes before anything else.
    hook: 'preHandler',
    keyGenerator: clientKey,
    errorResponseBuilder: (_request, context) => new AppError('RATE_LIMITED', { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
}

/** The signed-in user (one person behind an office's shared address), else the address. */
async function clientKey(request: FastifyRequest): Promise<string> {
  const actor = await currentActor(request).catch(() => null);
  return actor ? `user:${actor.userId}` : `ip:${request.ip}`;
}
