// A random dossier generator: drives the REAL intake, processing and closing services in process over a
// seeded random walk of every kind of transition (all channels, receipt outcomes, assignment, parallel
// branches, send back, consultations, pauses and resume, apology, decisions, early-return notice, return,
// withdraw, stop, cancel), with a clock that jumps forward and never sleeps. Dossiers are left in every
// state. Used by `motcua generate-dossiers`, by the verification test and to fill benchmark databases.
//
// It is a discrete-event simulation: every live dossier has the instant of its next move; moves are taken
// in time order, in waves of up to `concurrency` different dossiers sharing the wave's instant (their
// writes share group commits). Receipts take the desk's next number, so receipts at one desk run one after
// another in wave order: the same seed on the same starting database gives the same commands, statuses
// and dossier codes (ids are random UUIDs).
import type { Services } from '../composition.js';
import type { DossierState, DossierStatus } from '../dossiers/dossier.js';
import { AppError } from '../errors/app-error.js';
import type { Actor, Role } from '../identity/roles.js';
import type { Clock } from '../time/clock.js';
import { vietnamDateOf } from '../time/clock.js';
import type { ProcessBody } from '../workflow/process-definition.js';
import { chooseMove, type GeneratorWorld, type LiveDossier, type Move, type Rng } from './dossier-generator-moves.js';

/** A clock the generator moves forward; give the same one to createServices. */
export interface SteppingClock extends Clock {
  set(instant: Date): void;
}

export function steppingClock(start: string | Date): SteppingClock {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set(instant) {
      current = instant.getTime();
    },
  };
}

/** mulberry32: small, fast, good enough for a simulation, and the same sequence for a seed everywhere. */
export function seededRandom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  readonly count: number;
  readonly seed: number;
  /** The clock the services were created with; it starts where it stands. */
  readonly clock: SteppingClock;
  /** Moves of different dossiers run together (default 8). */
  readonly concurrency?: number;
  /** Mean minutes between two new dossiers (default 3). */
  readonly arrivalMinutes?: number;
  /** After the last new dossier, the walk goes on this many days (default 7), so most dossiers end. */
  readonly settleDays?: number;
  /** Nothing happens after this instant (demo data generated up to "now"). */
  readonly until?: Date;
  readonly onProgress?: (created: number) => void;
}

export interface GenerationReport {
  readonly created: number;
  readonly commands: number;
  /** Commands the services refused, by move and error code (expected: none). */
  readonly rejected: Readonly<Record<string, number>>;
  readonly statuses: Readonly<Partial<Record<DossierStatus, number>>>;
  readonly moves: Readonly<Record<string, number>>;
  readonly from: string;
  readonly to: string;
}

interface Pending {
  readonly at: number;
  readonly seq: number;
  /** null: a new dossier arrives. */
  readonly dossier: LiveDossier | null;
}

/** A binary min-heap on (at, seq): the next move in time, ties in the order they were scheduled. */
class Agenda {
  private readonly items: Pending[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(at: number, dossier: LiveDossier | null): void {
    this.items.push({ at, seq: this.seq++, dossier });
    let i = this.items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  peek(): Pending | undefined {
    return this.items[0];
  }

  pop(): Pending | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (this.items.length > 0 && last) {
      this.items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.items.length && this.before(l, m)) m = l;
        if (r < this.items.length && this.before(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    const x = this.items[a]!;
    const y = this.items[b]!;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    [this.items[a], this.items[b]] = [this.items[b]!, this.items[a]!];
  }
}

const MINUTE = 60_000;
/** Moves at most this far apart share a wave (and its instant). */
const WAVE_WINDOW = 10 * MINUTE;
const CLOSED: ReadonlySet<DossierStatus> = new Set(['returned', 'withdrawn', 'stopped', 'cancelled', 'refused_at_receipt']);

/** Chance that a dossier is left where it stands after a move (the applicant never comes back, …). */
function abandonChance(status: DossierStatus): number {
  switch (status) {
    case 'draft':
      return 0.12;
    case 'supplement_requested':
    case 'payment_requested':
      return 0.12;
    case 'submitted':
    case 'received':
    case 'returned_for_completion':
      return 0.07;
    default:
      return 0.02;
  }
}

/** Time until a dossier's next move: mostly minutes or hours, sometimes days. */
function nextDelay(rng: Rng): number {
  const r = rng();
  if (r < 0.55) return (5 + rng() * 115) * MINUTE;
  if (r < 0.88) return (2 + rng() * 22) * 60 * MINUTE;
  return (1 + rng() * 5) * 24 * 60 * MINUTE;
}

/** The demo world the walk acts in: procedures, desks, accounts (through the services, no SQL). */
export async function loadGeneratorWorld(services: Services, onDate: string): Promise<GeneratorWorld> {
  const operator: Actor = { userId: '00000000-0000-0000-0000-000000000000', username: 'generator', isSystemAdmin: true, roles: [] };
  const staff = await services.staff.listStaff(operator, undefined, 1000, 0);
  const actors: Actor[] = staff.map((s) => ({ userId: s.id, username: s.username, isSystemAdmin: s.isSystemAdmin, roles: s.roles }));
  const systemAdmin = actors.find((a) => a.isSystemAdmin);
  if (!systemAdmin) throw new Error('the generator needs the demo accounts (run `motcua seed` first)');
  const holders = (role: Role, unitId: string) => actors.filter((a) => !a.isSystemAdmin && a.roles.some((r) => r.role === role && r.unitId === unitId));
  const unitId = async (code: string) => (await services.units.getUnitByCode(code, onDate)).id;
  const province = await unitId(PROVINCE);
  const desks = [];
  for (const desk of DESKS) desks.push({ id: await unitId(desk.code), level: desk.level });
  const consultable = [];
  for (const code of CONSULTED) consultable.push(await unitId(code));
  const procedures = [];
  const definitions = new Map<string, ProcessBody>();
  for (const { code, caseCode } of PROCEDURE_CASES) {
    const { version, procedureCase } = await services.catalog.caseInForce(code, caseCode, onDate);
    procedures.push({ code, caseCode, levels: version.levels, components: procedureCase.components.map((c) => c.code), online: version.onlineLevel !== 'offline' });
    const definition = await services.workflow.inForce(code, caseCode, onDate);
    definitions.set(definition.id, definition.body);
  }
  return {
    services,
    desks,
    consultable,
    procedures,
    definitions,
    actorFor(role, unit) {
      return holders(role, unit)[0] ?? systemAdmin;
    },
    otherHolders(role, unit) {
      return holders(role, unit);
    },
    actorById(id) {
      return actors.find((a) => a.userId === id) ?? systemAdmin;
    },
    administrator(): Actor {
      return actors.find((a) => a.roles.some((r) => r.role === 'administrator' && r.unitId === province)) ?? systemAdmin;
    },
  };
}

const PROVINCE = '000.00.00.H01';
/** One-stop desks: the provincial centre and three commune desks (one without its own desk officer). */
const DESKS = [
  { code: '000.01.01.H01', level: 'province' },
  { code: '001.21.45.H01', level: 'commune' },
  { code: '001.22.45.H01', level: 'commune' },
  { code: '001.23.45.H01', level: 'commune' },
] as const;
/** Units asked for an opinion (justice, construction, tax, police). */
const CONSULTED = ['000.00.11.H01', '000.00.13.H01', '000.00.31.H01', '000.00.32.H01'];
const PROCEDURE_CASES = [
  { code: '1.001193', caseCode: 'TH1' }, // birth registration (commune, 1 working day)
  { code: '1.001193', caseCode: 'TH2' },
  { code: '2.000815', caseCode: 'TH1' }, // certified copy (commune)
  { code: '2.000720', caseCode: 'TH1' }, // business household (commune, 3 days)
  { code: '1.000894', caseCode: 'TH1' }, // marriage (commune)
  { code: '1.004227', caseCode: 'TH1' }, // land transfer: land office and tax office in parallel
  { code: '1.004227', caseCode: 'TH1' }, // (twice: the inter-agency route deserves its share)
  { code: '1.004227', caseCode: 'TH2' },
  { code: '1.009972', caseCode: 'TH1' }, // construction permit (province, 20 days)
  { code: '1.013093', caseCode: 'TH1' }, // identity card (police)
];

export async function generateDossiers(services: Services, options: GenerateOptions): Promise<GenerationReport> {
  const { clock, count } = options;
  const rng = seededRandom(options.seed);
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const arrivalMean = (options.arrivalMinutes ?? 3) * MINUTE;
  const from = clock.now();
  const world = await loadGeneratorWorld(services, vietnamDateOf(from));
  const agenda = new Agenda();
  const rejected: Record<string, number> = {};
  const moves: Record<string, number> = {};
  /** The last status of every dossier created (closed and abandoned ones included). */
  const statusOf = new Map<string, DossierStatus>();
  let created = 0;
  let commands = 0;
  agenda.push(from.getTime(), null);

  let arrivalsTaken = 0;
  let endAt = options.until ? options.until.getTime() : Number.POSITIVE_INFINITY;
  const settle = (options.settleDays ?? 7) * 24 * 60 * MINUTE;
  while (agenda.size > 0 && agenda.peek()!.at <= endAt) {
    // A wave: the next moves in time, each on a different dossier.
    const wave: Pending[] = [];
    const inWave = new Set<LiveDossier>();
    while (wave.length < concurrency && agenda.size > 0) {
      const next = agenda.peek()!;
      if (next.dossier && inWave.has(next.dossier)) break;
      if (wave.length > 0 && next.at > wave[0]!.at + WAVE_WINDOW) break;
      if (next.at > endAt) break;
      agenda.pop();
      wave.push(next);
      if (next.dossier) inWave.add(next.dossier);
      else if (++arrivalsTaken < count) {
        agenda.push(next.at + Math.max(1000, -Math.log(1 - rng()) * arrivalMean), null);
      } else {
        endAt = Math.min(endAt, next.at + settle);
      }
    }
    if (wave.length === 0) break;
    // The wave's instant: its last move's, never earlier than the previous wave's.
    const now = new Date(Math.max(clock.now().getTime(), wave[wave.length - 1]!.at));
    clock.set(now);

    // Decide every move first (the random sequence does not depend on how the writes interleave) …
    const planned: Array<{ pending: Pending; move: Move | null }> = wave.map((pending) => ({ pending, move: chooseMove(world, pending.dossier, now, rng) }));
    // … then run them together; receipts at one desk one after another, in wave order.
    const deskChains = new Map<string, Promise<unknown>>();
    const results = await Promise.all(
      planned.map(({ move }) => {
        if (!move) return Promise.resolve<Outcome>({ kind: 'none' });
        const run = () => move.run().then((state): Outcome => ({ kind: 'ok', state, token: move.draftToken?.() ?? null }), (error: unknown): Outcome => ({ kind: 'error', error }));
        if (!move.takesNumberAt) return run();
        const previous = deskChains.get(move.takesNumberAt) ?? Promise.resolve();
        const mine = previous.then(run);
        deskChains.set(move.takesNumberAt, mine);
        return mine;
      }),
    );

    // Apply the results in wave order.
    planned.forEach(({ pending, move }, i) => {
      const result = results[i]!;
      let dossier = pending.dossier;
      if (move) {
        commands++;
        moves[move.name] = (moves[move.name] ?? 0) + 1;
      }
      if (result.kind === 'error') {
        if (!(result.error instanceof AppError)) throw result.error;
        const key = `${move!.name}: ${result.error.code}`;
        rejected[key] = (rejected[key] ?? 0) + 1;
      } else if (result.kind === 'ok') {
        if (!dossier) {
          dossier = { state: result.state, draftToken: result.token };
          created++;
          if (options.onProgress && created % 1000 === 0) options.onProgress(created);
        } else {
          dossier.state = result.state;
        }
        statusOf.set(result.state.id, result.state.status);
      }
      if (!dossier) return;
      const status = dossier.state.status;
      // No move left (null), closed, or abandoned: the dossier stays as it stands.
      if (!move || CLOSED.has(status) || rng() < abandonChance(status)) return;
      agenda.push(now.getTime() + nextDelay(rng), dossier);
    });
  }

  const statuses: Partial<Record<DossierStatus, number>> = {};
  for (const status of statusOf.values()) statuses[status] = (statuses[status] ?? 0) + 1;
  return { created, commands, rejected, statuses, moves, from: from.toISOString(), to: clock.now().toISOString() };
}

type Outcome = { kind: 'none' } | { kind: 'ok'; state: DossierState; token: string | null } | { kind: 'error'; error: unknown };
