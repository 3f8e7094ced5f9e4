// Runs dossier commands: read the state, decide the events (outside the write transaction: due dates
// need the calendar), then append them and the new projection in one write transaction, guarded by the
// event count (optimistic concurrency: a command that lost the race decides again). Idempotency keys
// are checked and saved in the same transaction, so a retried request returns the first result.
import { createHash } from 'node:crypto';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError } from '../errors/app-error.js';
import type { Clock } from '../time/clock.js';
import type { UnitsRepository } from '../units/units.repository.js';
import type { DossierEvent, EventMeta, PlannedEvent } from './dossier-events.js';
import type { DossierState } from './dossier.js';
import type { DossierUnitsRepository } from './dossier-units.repository.js';
import type { DossiersRepository, StoredDossier } from './dossiers.repository.js';
import { evolve } from './evolve.js';

export interface DossierRepositories {
  readonly dossiers: DossiersRepository;
  readonly dossierUnits: DossierUnitsRepository;
  readonly units: UnitsRepository;
  readonly audit: AuditRepository;
}

/** An Idempotency-Key with who sent it and a fingerprint of what was asked. */
export interface Idempotency {
  readonly scope: string;
  readonly key: string;
  readonly request: unknown;
}

export interface Decision {
  readonly events: readonly PlannedEvent[];
  /** Runs inside the write transaction just before the events are stored (e.g. to take a dossier number). */
  readonly finalise?: (repos: DossierRepositories, events: PlannedEvent[]) => Promise<PlannedEvent[]>;
}

const MAX_ATTEMPTS = 5;
/** Dossiers kept as this process last wrote them. */
const RECENT_DOSSIERS = 2_000;

export function fingerprint(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request) ?? 'null').digest('base64url');
}

export class DossierStore {
  /**
   * The dossiers this process wrote last, as written (state and event count): a dossier is usually acted on
   * several times in a row, and the next command then skips reading and parsing it. Never trusted blindly:
   * the write is still guarded by the event count, so a state another node (or anything else) has moved on
   * from fails to write and is read again — and a command refused on a remembered state is decided again on
   * the stored one before the refusal is believed.
   */
  private readonly recent = new Map<string, StoredDossier>();

  constructor(
    readonly uow: UnitOfWork<DossierRepositories>,
    private readonly clock: Clock,
  ) {}

  private remember(id: string, stored: StoredDossier): void {
    this.recent.delete(id); // re-inserted last: the map's order is the order of use
    this.recent.set(id, stored);
    if (this.recent.size > RECENT_DOSSIERS) this.recent.delete(this.recent.keys().next().value!);
  }

  now(): Date {
    return this.clock.now();
  }

  async load(id: string): Promise<StoredDossier> {
    const stored = await this.uow.read.dossiers.find(id);
    if (!stored) throw new AppError('DOSSIER_NOT_FOUND');
    return stored;
  }

  private async replay<T>(idempotency: Idempotency | undefined, repos: DossierRepositories): Promise<T | undefined> {
    if (!idempotency) return undefined;
    const found = await repos.dossiers.findIdempotent(idempotency.scope, idempotency.key);
    if (!found) return undefined;
    if (found.requestHash !== fingerprint(idempotency.request)) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return found.response as T;
  }

  /** After a failure: the same key may have been saved by a concurrent twin of this request. */
  private async afterFailure<T>(idempotency: Idempotency | undefined, error: unknown): Promise<T> {
    if (idempotency && !(error instanceof AppError)) {
      const replayed = await this.replay<T>(idempotency, this.uow.read);
      if (replayed !== undefined) return replayed;
    }
    throw error;
  }

  /**
   * Creates a dossier from its first events. `remember: false` when no command is expected soon (a citizen's
   * online filing waits for the desk): kept here, each state would live on into the old generation only to be
   * pushed out by newer ones, and the garbage collector would pay for it.
   */
  async create(
    id: string,
    decision: Decision,
    meta: EventMeta,
    options: { idempotency?: Idempotency; draftTokenHash?: string | null; respond?: (state: DossierState) => unknown; remember?: boolean } = {},
  ): Promise<{ state: DossierState; replayed: boolean; response: unknown }> {
    const now = this.clock.now().toISOString();
    const respond = options.respond ?? ((state: DossierState) => state);
    try {
      return await this.uow.write(async (repos) => {
        const replayed = await this.replay<unknown>(options.idempotency, repos);
        if (replayed !== undefined) return { state: replayed as DossierState, replayed: true, response: replayed, stored: null };
        const bodies = decision.finalise ? await decision.finalise(repos, [...decision.events]) : decision.events;
        const events = bodies.map((body) => ({ at: meta.at, actorId: meta.actorId, unitId: meta.unitId, ...body }) as DossierEvent);
        const state = events.reduce<DossierState | null>((s, e) => evolve(s, { dossierId: id, ...e }), null)!;
        await repos.dossiers.insert(state, events, options.draftTokenHash ?? null, now);
        const response = respond(state);
        if (options.idempotency) await repos.dossiers.saveIdempotent(options.idempotency.scope, options.idempotency.key, fingerprint(options.idempotency.request), response, now);
        return { state, replayed: false, response, stored: { state, eventCount: events.length, draftTokenHash: options.draftTokenHash ?? null } };
      }).then(({ stored, ...result }) => {
        if (stored && options.remember !== false) this.remember(id, stored);
        return result;
      });
    } catch (error) {
      const response = await this.afterFailure<unknown>(options.idempotency, error);
      return { state: response as DossierState, replayed: true, response };
    }
  }

  /**
   * Applies a command to an existing dossier: `decide` sees the current state and returns the events
   * (or throws an AppError: the transition is not allowed). Retried when another command won the race.
   */
  async execute(id: string, decide: (state: DossierState, at: string) => Promise<Decision>, meta: { actorId: string | null; unitId: string | null | ((state: DossierState) => string | null); at?: string }, options: { idempotency?: Idempotency } = {}): Promise<DossierState> {
    if (options.idempotency) {
      const replayed = await this.replay<DossierState>(options.idempotency, this.uow.read);
      if (replayed !== undefined) return replayed;
    }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      // After a lost race, always the stored state.
      const remembered = attempt === 0 ? this.recent.get(id) : undefined;
      const stored = remembered ?? (await this.load(id));
      const now = meta.at ?? this.clock.now().toISOString();
      let decision: Decision;
      try {
        decision = await decide(stored.state, now);
      } catch (error) {
        if (!remembered) throw error;
        this.recent.delete(id); // refused on what this process remembered: decide again on what is stored
        continue;
      }
      try {
        const result = await this.uow.write(async (repos) => {
          const replayed = await this.replay<DossierState>(options.idempotency, repos);
          if (replayed !== undefined) return { state: replayed, eventCount: null };
          const bodies = decision.finalise ? await decision.finalise(repos, [...decision.events]) : decision.events;
          const unitId = typeof meta.unitId === 'function' ? meta.unitId(stored.state) : meta.unitId;
          const events = bodies.map((body) => ({ at: now, actorId: meta.actorId, unitId, ...body }) as DossierEvent);
          const after = events.reduce<DossierState>((s, e) => evolve(s, e), stored.state);
          if (!(await repos.dossiers.update(stored.state, after, stored.eventCount, events, this.clock.now().toISOString()))) return null;
          if (options.idempotency) await repos.dossiers.saveIdempotent(options.idempotency.scope, options.idempotency.key, fingerprint(options.idempotency.request), after, now);
          return { state: after, eventCount: stored.eventCount + events.length };
        });
        if (result) {
          if (result.eventCount !== null) this.remember(id, { state: result.state, eventCount: result.eventCount, draftTokenHash: stored.draftTokenHash });
          return result.state;
        }
        this.recent.delete(id);
      } catch (error) {
        this.recent.delete(id);
        return this.afterFailure<DossierState>(options.idempotency, error);
      }
    }
    throw new AppError('DOSSIER_CONCURRENT_UPDATE');
  }
}
