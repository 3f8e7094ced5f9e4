// The database the scale scenario measures intake on: 1,000,000 dossiers already stored. Made once and
// reused across runs (bench/.tmp/, git-ignored); its metadata file says how it was made and how long it
// took. Run by hand with `npx tsx bench/scale-fixture.ts [FILE] [COUNT]`, or by bench/run.ts when missing.
//
// How: the demo data is seeded; 2,000 template dossiers are walked through the REAL services by the
// dossier generator (every status, channel and event type); the templates are then cloned — new dossier
// and task ids, codes with a serial offset per clone round, the same events — with better-sqlite3
// prepared statements whose columns are the repository's own row mapping (`dossierRow`, `taskRow`, the
// event layout of `DossiersRepository`, the rows of `participatingUnits`), 10,000 dossiers per transaction
// (through the repository's Kysely inserts it took ~1.5 h under load). The clones fold to their stored
// projection, so `motcua verify` holds on the fixture too.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite from 'better-sqlite3';
import { writeJson } from '../src/db/database.js';
import { bindRepositories, createServices } from '../src/composition.js';
import { accumulate, contributionsOf, type CounterKey, type Grain, type Measures } from '../src/reports/report-facts.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/open-database.js';
import { seedDemoDataIfEmpty } from '../src/demo/demo-data.js';
import { generateDossiers, steppingClock } from '../src/demo/dossier-generator.js';
import type { DossierEvent } from '../src/dossiers/dossier-events.js';
import type { DossierState, Task } from '../src/dossiers/dossier.js';
import { participatingUnits } from '../src/dossiers/dossier-units.repository.js';
import { dossierRow, taskRow } from '../src/dossiers/dossiers.repository.js';

export interface FixtureInfo {
  readonly version: number;
  readonly file: string;
  readonly dossiers: number;
  readonly templates: number;
  readonly seconds: number;
  readonly templateSeconds: number;
  readonly madeAt: string;
  readonly bytes: number;
}

const TEMPLATES = 2000;
/** Bump when the fixture's shape changes (2: report counters of the clones; 3: their dossier_units rows; 4: with the receiving unit): older files are rebuilt. */
const FIXTURE_VERSION = 4;

function infoFile(file: string): string {
  return `${file}.json`;
}

export function readFixtureInfo(file: string): FixtureInfo | undefined {
  if (!fs.existsSync(file) || !fs.existsSync(infoFile(file))) return undefined;
  const info = JSON.parse(fs.readFileSync(infoFile(file), 'utf8')) as FixtureInfo;
  return info.version === FIXTURE_VERSION ? info : undefined;
}

interface Template {
  readonly id: string;
  readonly code: string | null;
  readonly taskIds: readonly string[];
  readonly state: string;
  readonly events: string;
  readonly draftTokenHash: string | null;
}

function replaceAll(text: string, replacements: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [from, to] of replacements) out = out.split(from).join(to);
  return out;
}

export async function buildScaleFixture(file: string, count: number, log: (line: string) => void = console.log): Promise<FixtureInfo> {
  const started = Date.now();
  for (const suffix of ['', '-wal', '-shm', '.json']) fs.rmSync(`${file}${suffix}`, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, SQLITE_SYNCHRONOUS: 'FULL', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent' });
  const database = await openDatabase(config);
  try {
    const clock = steppingClock('2026-01-05T01:00:00.000Z');
    const services = createServices(database, config, clock);
    await services.calendar.ensureReferenceData();
    await seedDemoDataIfEmpty(services, database, clock);
    const templates = Math.min(TEMPLATES, count);
    await generateDossiers(services, { count: templates, seed: 1, clock, concurrency: 16 });
    const templateSeconds = (Date.now() - started) / 1000;
    log(`  scale fixture: ${templates} template dossiers through the services in ${templateSeconds.toFixed(0)} s; cloning to ${count.toLocaleString('en-US')}…`);

    const repo = services.dossierStore.uow.read.dossiers;
    const loaded: Template[] = [];
    for (let after: string | null = null; ; ) {
      const ids: string[] = await repo.idsAfter(after, 500);
      if (ids.length === 0) break;
      for (const id of ids) {
        const stored = (await repo.find(id))!;
        const events = (await repo.events(id)).map((e) => e.event);
        loaded.push({ id, code: stored.state.code, taskIds: stored.state.tasks.map((t) => t.id), state: JSON.stringify(stored.state), events: JSON.stringify(events), draftTokenHash: stored.draftTokenHash });
      }
      after = ids[ids.length - 1]!;
    }

    await database.close();

    // The clones: straight through better-sqlite3 (one prepared statement per table, 10,000 dossiers per
    // transaction), with the columns the repository itself maps (dossierRow, taskRow, its event layout).
    const db = new BetterSqlite(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('cache_size = -1000000'); // 1 GB: the random-uuid indexes stay in memory while loading
    const sample = JSON.parse(loaded[0]!.state) as DossierState;
    const dossierColumns = ['id', ...Object.keys(dossierRow(sample, 1)), 'draft_token_hash', 'state', 'created_at', 'updated_at'];
    const taskColumns = Object.keys(taskRow(sample.id, { ...(sample.tasks[0] ?? ({} as Task)) }));
    const insertStatement = (table: string, columns: readonly string[]) => db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    const insertDossier = insertStatement('dossiers', dossierColumns);
    const insertEvent = insertStatement('dossier_events', ['dossier_id', 'seq', 'type', 'occurred_at', 'recorded_at', 'actor_user_id', 'unit_id', 'payload']);
    const insertTask = insertStatement('dossier_tasks', taskColumns);
    const insertUnit = insertStatement('dossier_units', ['dossier_id', 'unit_id', 'status', 'created_at', 'receiving_unit_id']);
    const maxSerial = new Map<string, number>();
    const now = new Date().toISOString();
    // Per template, once: the row values, the event rows and the task rows; per clone only ids and the code change.
    const prepared = loaded.map((template) => {
      const state = JSON.parse(template.state) as DossierState;
      const events = JSON.parse(template.events) as DossierEvent[];
      const row: Record<string, unknown> = { ...dossierRow(state, events.length), draft_token_hash: template.draftTokenHash };
      return {
        template,
        row,
        events: events.map(({ type, at, actorId, unitId, ...payload }) => ({ type, at, actorId, unitId, payload: writeJson(payload) })),
        tasks: state.tasks.map((task) => taskRow(state.id, task) as Record<string, unknown>),
        units: participatingUnits(state),
      };
    });
    const cloneBatch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const { template, row, events, tasks, units } = prepared[i % prepared.length]!;
        const round = Math.floor(i / prepared.length);
        const id = crypto.randomUUID();
        const replacements = new Map<string, string>([[template.id, id]]);
        for (const taskId of template.taskIds) replacements.set(taskId, crypto.randomUUID());
        let code: string | null = null;
        if (template.code) {
          const cut = template.code.lastIndexOf('-');
          const serial = Number(template.code.slice(cut + 1)) + round * 10_000;
          const prefix = template.code.slice(0, cut);
          code = `${prefix}-${serial}`;
          replacements.set(`"${template.code}"`, `"${code}"`);
          maxSerial.set(prefix, Math.max(maxSerial.get(prefix) ?? 0, serial));
        }
        const values: Record<string, unknown> = { ...row, id, code, state: replaceAll(template.state, replacements), created_at: now, updated_at: now };
        insertDossier.run(dossierColumns.map((c) => values[c] ?? null));
        events.forEach((event, index) => insertEvent.run(id, index + 1, event.type, event.at, now, event.actorId, event.unitId, replaceAll(event.payload, replacements)));
        for (const task of tasks) {
          const taskValues: Record<string, unknown> = { ...task, id: replacements.get(task.id as string), dossier_id: id };
          insertTask.run(taskColumns.map((c) => taskValues[c] ?? null));
        }
        for (const unitId of units) insertUnit.run(id, unitId, row.status, now, row.receiving_unit_id);
      }
    });
    const clonesOf = new Map<number, number>();
    let written = loaded.length;
    for (let i = written; i < count; i++) clonesOf.set(i % prepared.length, (clonesOf.get(i % prepared.length) ?? 0) + 1);
    while (written < count) {
      const to = Math.min(written + 10_000, count);
      cloneBatch(written, to);
      written = to;
      if (written % 100_000 < 10_000) log(`  scale fixture: ${written.toLocaleString('en-US')} dossiers (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    // Keep the gap-free counters ahead of the cloned serials (a receipt at those desks on those days goes on from there).
    const unitIdOf = db.prepare('select id from units where code = ?');
    const upsertCounter = db.prepare('insert into dossier_code_counters (unit_id, day, last_nr) values (?, ?, ?) on conflict (unit_id, day) do update set last_nr = max(last_nr, excluded.last_nr)');
    db.transaction(() => {
      for (const [prefix, serial] of maxSerial) {
        const cut = prefix.lastIndexOf('-');
        const day = prefix.slice(cut + 1);
        const unit = unitIdOf.get(prefix.slice(0, cut)) as { id: string };
        upsertCounter.run(unit.id, `20${day.slice(0, 2)}-${day.slice(2, 4)}-${day.slice(4, 6)}`, serial);
      }
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // The clones' report counters: each template's contributions times its number of clones (a clone differs only in ids and code).
    const counters = new Map<string, { key: CounterKey; grain: Grain; bucket: string; values: Measures }>();
    for (const [index, clones] of clonesOf) accumulate(counters, contributionsOf(JSON.parse(prepared[index]!.template.state) as DossierState), clones);
    const reopened = await openDatabase(config);
    await reopened.runInWriteTx((tx) => bindRepositories(tx, reopened.dialect).reportCounters.add([...counters.values()]));
    await reopened.close();
    const check = new BetterSqlite(file, { readonly: true });
    const total = (check.prepare('select count(*) as n from dossiers').get() as { n: number }).n;
    check.close();
    const info: FixtureInfo = { version: FIXTURE_VERSION, file, dossiers: total, templates, seconds: (Date.now() - started) / 1000, templateSeconds, madeAt: new Date().toISOString(), bytes: fs.statSync(file).size };
    fs.writeFileSync(infoFile(file), JSON.stringify(info, null, 2));
    log(`  scale fixture: ${total.toLocaleString('en-US')} dossiers in ${info.seconds.toFixed(0)} s (${(info.bytes / 1024 ** 3).toFixed(1)} GiB)`);
    return info;
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '.tmp', 'scale-1m.db'));
  const count = Number(process.argv[3] ?? 1_000_000);
  buildScaleFixture(file, count).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
