// What the dossier use cases share: the store (events + projection), the planner (catalogue, workflow,
// legal clock), unit chains for access checks, and the validation of what an applicant hands in.
import { REFERENCE_DATA_TTL_MS, TtlCache } from '../cache/ttl-cache.js';
import { AppError } from '../errors/app-error.js';
import type { Actor } from '../identity/roles.js';
import { vietnamDateOf } from '../time/clock.js';
import type { DossierPlanner, ProcedureCaseInfo } from './dossier-planning.js';
import type { Decision, DossierStore, Idempotency } from './dossier-store.js';
import type { DossierState, SubmittedComponent } from './dossier.js';
import type { Unit } from '../units/unit.js';
import { requireView, unitsOf, type Chains } from './dossiers.policy.js';

export interface ComponentInput {
  readonly code: string;
  readonly originals: number;
  readonly copies: number;
  readonly attachmentIds?: readonly string[];
}

export interface CommandOptions {
  readonly idempotencyKey?: string;
}

/** Text as the applicant or an officer wrote it: Unicode NFC (Vietnamese diacritics composed), trimmed. */
export function cleanText(text: string): string {
  return text.normalize('NFC').trim();
}

/** Port to the attachments module: the ids among these that name no uploaded file. */
/**
 * The ids among `ids` that name no attachment — or, given a dossier, none of that dossier's files: a citizen,
 * who has no account, may only cite the files uploaded to their own draft.
 */
export type AttachmentCheck = (ids: readonly string[], ofDossier?: string) => Promise<readonly string[]>;

export class DossierContext {
  private readonly chainCache = new TtlCache<readonly string[]>(REFERENCE_DATA_TTL_MS);
  private readonly levelCache = new TtlCache<string | null>(REFERENCE_DATA_TTL_MS);
  private readonly unitCache = new TtlCache<Unit | undefined>(REFERENCE_DATA_TTL_MS);

  constructor(
    readonly store: DossierStore,
    readonly planner: DossierPlanner,
    private readonly attachmentCheck: AttachmentCheck,
  ) {}

  /** Every attachment id a command cites must name an uploaded file. */
  /** Every cited file exists — and, for a citizen's dossier (`ofDossier`), was uploaded to that dossier. */
  async requireAttachments(ids: ReadonlyArray<string | null>, field: string, ofDossier?: string): Promise<void> {
    const cited = ids.filter((id): id is string => id !== null);
    if (cited.length === 0) return;
    const missing = await this.attachmentCheck(cited, ofDossier);
    if (missing.length > 0) throw new AppError('DOSSIER_ATTACHMENT_UNKNOWN', { field, missing: [...missing] });
  }

  /** A unit and its ancestors as the hierarchy stands today (cached for a few seconds). */
  chainOf(unitId: string): Promise<readonly string[]> {
    const today = this.today();
    return this.chainCache.get(`${unitId}|${today}`, async () => (await this.store.uow.read.units.chainOf(unitId, today)) ?? [unitId]);
  }

  now(): Date {
    return this.store.now();
  }

  today(): string {
    return vietnamDateOf(this.store.now());
  }

  /** Ancestor chains (today) of the given units and of every unit of the dossier. */
  async chains(unitIds: readonly string[], state?: DossierState): Promise<Chains> {
    const ids = new Set([...unitIds, ...(state ? unitsOf(state) : [])]);
    const chains = new Map<string, readonly string[]>();
    for (const id of ids) chains.set(id, await this.chainOf(id));
    return chains;
  }

  /**
   * A staff command on an existing dossier: access first (someone with no part in the dossier learns nothing
   * about its state), then `decide`; the events are recorded for the actor and the unit `unitOf` names.
   */
  staffCommand(
    actor: Actor,
    id: string,
    operation: string,
    request: unknown,
    options: CommandOptions,
    decide: (state: DossierState, at: string) => Promise<Decision>,
    unitOf: (state: DossierState) => string | null,
  ): Promise<DossierState> {
    return this.store.execute(
      id,
      async (state, at) => {
        requireView(actor, state, await this.chains([], state));
        return decide(state, at);
      },
      { actorId: actor.userId, unitId: unitOf },
      { idempotency: this.idempotency(actor, `${operation}:${id}`, request, options) },
    );
  }

  idempotency(actor: Actor | null, operation: string, request: unknown, options: CommandOptions): Idempotency | undefined {
    if (!options.idempotencyKey) return undefined;
    return { scope: actor ? `user:${actor.userId}` : 'public', key: options.idempotencyKey, request: { operation, request } };
  }

  /** A unit as it stands on a day (cached for a few seconds, like the chains): e.g. the desk whose identifier starts a dossier code. */
  unitOn(unitId: string, onDate: string): Promise<Unit | undefined> {
    return this.unitCache.get(`${unitId}|${onDate}`, () => this.store.uow.read.units.findById(unitId, onDate));
  }

  /** The level a one-stop desk receives for (its nearest commune, district or province), or null if it is no desk. */
  deskLevel(unitId: string, onDate = this.today()): Promise<string | null> {
    return this.levelCache.get(`${unitId}|${onDate}`, () => this.readDeskLevel(unitId, onDate));
  }

  private async readDeskLevel(unitId: string, onDate: string): Promise<string | null> {
    const today = onDate;
    const unit = await this.unitOn(unitId, today);
    if (!unit || unit.type !== 'one_stop_desk' || unit.validFrom > today || (unit.validTo !== null && unit.validTo < today)) return null;
    // The chain starts with the desk itself (read above): its ancestors only.
    for (const id of ((await this.store.uow.read.units.chainOf(unitId, today)) ?? []).slice(1)) {
      const ancestor = await this.unitOn(id, today);
      if (ancestor && (ancestor.type === 'commune' || ancestor.type === 'district' || ancestor.type === 'province' || ancestor.type === 'ministry')) return ancestor.type;
    }
    return null;
  }

  async requireDeskFor(unitId: string, info: ProcedureCaseInfo, onDate = this.today()): Promise<void> {
    const level = await this.deskLevel(unitId, onDate);
    if (!level) throw new AppError('DOSSIER_UNIT_CANNOT_RECEIVE', { field: 'receivingUnitId', reason: 'not a one-stop desk in force' });
    if (!info.levels.includes(level === 'ministry' ? 'province' : level)) throw new AppError('DOSSIER_UNIT_CANNOT_RECEIVE', { field: 'receivingUnitId', reason: `the procedure is carried out at ${info.levels.join(', ')} level; this desk receives for the ${level} level` });
  }
}

/** The components handed in, named from the procedure case; unknown codes are refused. */
export function submittedComponents(info: ProcedureCaseInfo, inputs: readonly ComponentInput[]): SubmittedComponent[] {
  const byCode = new Map(info.components.map((c) => [c.code, c]));
  const seen = new Set<string>();
  return inputs.map((input, i) => {
    const component = byCode.get(input.code);
    if (!component) throw new AppError('DOSSIER_UNKNOWN_COMPONENT', { field: `components.${i}.code`, code: input.code, known: [...byCode.keys()] });
    if (seen.has(input.code)) throw new AppError('DOSSIER_UNKNOWN_COMPONENT', { field: `components.${i}.code`, code: input.code, reason: 'listed twice' });
    seen.add(input.code);
    return { code: input.code, name: component.name, originals: input.originals, copies: input.copies, attachmentIds: [...(input.attachmentIds ?? [])] };
  });
}

/** Every mandatory component must be there to submit or receive (the desk guides once, fully: LAW.md §1.3). */
export function requireMandatoryComponents(info: ProcedureCaseInfo, components: readonly SubmittedComponent[]): void {
  const present = new Set(components.filter((c) => c.originals + c.copies > 0 || c.attachmentIds.length > 0).map((c) => c.code));
  const missing = info.components.filter((c) => c.mandatory && !present.has(c.code)).map((c) => ({ code: c.code, name: c.name }));
  if (missing.length > 0) throw new AppError('DOSSIER_MISSING_COMPONENTS', { missing });
}
