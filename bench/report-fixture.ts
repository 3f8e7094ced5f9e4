// The databases the report benchmark measures: a province-year of N dossiers (1,000,000 and 10,000,000),
// made by bulk import and kept in bench/.tmp/ (git-ignored; its metadata file says how and how long).
// Run by hand with `npx tsx bench/report-fixture.ts FILE COUNT`, or by the benchmark when missing.
//
// How: the demo data is seeded; N legacy dossiers are made from a seeded random walk over the demo
// province's desks, their published commune- and province-level procedures and the three channels —
// received through 2026 (and December 2025, so some are carried over), most resolved early or on time,
// some late, some withdrawn, the rest still in progress — each as its events (drafted, received, resolved)
// folded into its state, and written through prepared statements with the repository's own row mapping.
// The report counters are the sums of the same contributions the write path adds (`accumulate`), so
// `motcua reports reconcile` holds on the fixture too.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite from 'better-sqlite3';
import { createServices, bindRepositories } from '../src/composition.js';
import { loadConfig } from '../src/config/config.js';
import { writeJson } from '../src/db/database.js';
import { openDatabase } from '../src/db/open-database.js';
import { seedDemoDataIfEmpty } from '../src/demo/demo-data.js';
import type { DossierEvent } from '../src/dossiers/dossier-events.js';
import type { Channel, DossierState, ProcedureRef, Timeliness } from '../src/dossiers/dossier.js';
import { dossierRow } from '../src/dossiers/dossiers.repository.js';
import { evolve } from '../src/dossiers/evolve.js';
import { accumulate, contributionsOf, type CounterDelta, type CounterKey, type Grain, type Measures } from '../src/reports/report-facts.js';
import { seededRandom, steppingClock } from '../src/demo/dossier-generator.js';

export interface ReportFixtureInfo {
  readonly version: number;
  readonly file: string;
  readonly dossiers: number;
  readonly counterRows: number;
  readonly seconds: number;
  readonly madeAt: string;
  readonly bytes: number;
  /** Free text shortened to fit the disk (see COMPACT_ABOVE). */
  readonly compact: boolean;
}

/** Bump when the fixture's shape changes: older files are rebuilt. */
const FIXTURE_VERSION = 2;
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const BATCH = 20_000;

export function readReportFixtureInfo(file: string): ReportFixtureInfo | undefined {
  if (!fs.existsSync(file) || !fs.existsSync(`${file}.json`)) return undefined;
  const info = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as ReportFixtureInfo;
  return info.version === FIXTURE_VERSION ? info : undefined;
}

/**
 * Above this size the dossiers' free text is shortened (procedure and field names as codes, no subject, a
 * short applicant name): a realistic dossier takes ~6 KB here, and 10,000,000 of them would not fit this
 * machine's disk. Reports never read that text (labels come from the catalogue); the naive scan reads
 * fewer pages, which only flatters the baseline.
 */
const COMPACT_ABOVE = 2_000_000;

export async function buildReportFixture(file: string, count: number, log: (line: string) => void = console.log): Promise<ReportFixtureInfo> {
  const started = Date.now();
  for (const suffix of ['', '-wal', '-shm', '.json']) fs.rmSync(`${file}${suffix}`, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, SQLITE_SYNCHRONOUS: 'FULL', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'silent' });
  const database = await openDatabase(config);
  const clock = steppingClock('2026-01-05T01:00:00.000Z');
  const services = createServices(database, config, clock);
  await services.calendar.ensureReferenceData();
  await seedDemoDataIfEmpty(services, database, clock);
  const reader = database.reader;
  const desks = await reader.selectFrom('units').select(['id', 'code']).where('type', '=', 'one_stop_desk').where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', '2026-12-31')])).orderBy('code').execute();
  const versions = await reader
    .selectFrom('procedure_versions')
    .innerJoin('procedures', 'procedures.id', 'procedure_versions.procedure_id')
    .select(['procedure_versions.id as id', 'procedures.code as code', 'procedure_versions.name as name', 'procedure_versions.field_code as field_code', 'procedure_versions.field_name as field_name', 'procedure_versions.levels as levels'])
    .where('procedure_versions.status', '=', 'published')
    .where('procedure_versions.effective_to', 'is', null)
    .orderBy('procedures.code')
    .execute();
  const officers = await reader.selectFrom('users').innerJoin('role_assignments', 'role_assignments.user_id', 'users.id').select(['users.id as id', 'role_assignments.unit_id as unit_id']).where('role_assignments.role', '=', 'desk_officer').execute();
  await database.close();

  const compact = count > COMPACT_ABOVE;
  const refOf = (v: (typeof versions)[number]): ProcedureRef => ({
    code: v.code,
    caseCode: 'TH1',
    versionId: v.id,
    name: compact ? v.code : v.name,
    caseName: compact ? 'TH1' : v.name,
    fieldCode: v.field_code,
    fieldName: compact ? v.field_code : v.field_name,
    timeLimit: { amount: 5, unit: 'working_days' },
    noAppointmentDate: false,
    cutOff: null,
  });
  const byDesk = desks.map((desk) => ({
    desk,
    procedures: versions.filter((v) => (desk.code.startsWith('001.') ? v.levels.includes(',commune,') : v.levels.includes(',province,'))).map(refOf),
    officers: officers.filter((o) => o.unit_id === desk.id).map((o) => o.id),
  }));

  const db = new BetterSqlite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // a fixture: rebuilt if a crash interrupts it
  db.pragma('cache_size = -1000000');
  const rowColumns = (state: DossierState) => ['id', ...Object.keys(dossierRow(state, 1)), 'draft_token_hash', 'state', 'created_at', 'updated_at'];
  let insertDossier: BetterSqlite.Statement | undefined;
  let columns: string[] = [];
  const insertEvent = db.prepare('insert into dossier_events (dossier_id, seq, type, occurred_at, recorded_at, actor_user_id, unit_id, payload) values (?, ?, ?, ?, ?, ?, ?, ?)');
  const counters = new Map<string, { key: CounterKey; grain: Grain; bucket: string; values: Measures }>();
  const rand = seededRandom(2026);
  const serials = new Map<string, number>();
  const yearStart = Date.parse('2025-12-01T01:00:00Z');
  const days = 396; // 1 December 2025 to 31 December 2026
  const now = new Date().toISOString();

  // Dossiers are made in receipt order with time-ordered ids (UUIDv7-like), so every index grows at its end
  // instead of at random pages: random ids made loading 10,000,000 dossiers take hours.
  let sequence = 0;
  const perDay = count / days;
  const one = (): { state: DossierState; events: DossierEvent[] } => {
    const { desk, procedures, officers: deskOfficers } = byDesk[Math.floor(rand() * byDesk.length)]!;
    const procedure = procedures[Math.floor(rand() * procedures.length)]!;
    const roll = rand();
    const channel: Channel = roll < 0.35 ? 'online' : roll < 0.4 ? 'postal' : 'in_person';
    const receivedAt = yearStart + Math.min(days - 1, Math.floor(sequence / perDay)) * DAY + Math.floor(rand() * 8 * HOUR);
    const dueAt = receivedAt + (3 + Math.floor(rand() * 10)) * DAY;
    const day = new Date(receivedAt + 7 * HOUR).toISOString().slice(2, 10).replace(/-/g, '');
    const prefix = `${desk.code}-${day}`;
    const serial = (serials.get(prefix) ?? 0) + 1;
    serials.set(prefix, serial);
    const meta = { actorId: deskOfficers[0] ?? null, unitId: desk.id };
    const iso = (t: number) => new Date(t).toISOString();
    const events: DossierEvent[] = [
      { type: 'drafted', channel, receivingUnitId: desk.id, procedure, applicant: { kind: 'person', name: compact ? 'A' : 'Nguyễn Văn Dân', idNumber: '001090000001' }, subject: compact ? '' : procedure.name, components: [], resultDelivery: 'counter', imported: { source: 'bench', fingerprint: `${prefix}-${serial}` }, at: iso(receivedAt), ...meta },
      { type: 'received', code: `${prefix}-${String(serial).padStart(4, '0')}`, receivedAt: iso(receivedAt), ruleSetId: null, definitionId: null, dueAt: iso(dueAt), explanation: null, components: [], tasks: [], at: iso(receivedAt), ...meta },
    ];
    const outcome = rand();
    if (outcome < 0.9) {
      const timeliness: Timeliness = outcome < 0.6 ? 'early' : outcome < 0.85 ? 'on_time' : 'late';
      const at = timeliness === 'early' ? receivedAt + DAY : timeliness === 'on_time' ? dueAt - HOUR : dueAt + (1 + Math.floor(rand() * 5)) * DAY;
      events.push({ type: 'legacy_resolved', outcome: rand() < 0.03 ? 'refused' : 'approved', note: null, timeliness, at: iso(at), ...meta });
    } else if (outcome < 0.92) {
      events.push({ type: 'withdrawn', reason: 'Công dân rút hồ sơ', at: iso(receivedAt + DAY), ...meta });
    }
    const hex = (sequence++).toString(16).padStart(20, '0');
    const id = `0190${hex.slice(0, 4)}-${hex.slice(4, 8)}-7${hex.slice(8, 11)}-8${hex.slice(11, 14)}-${hex.slice(14, 20)}000000`;
    const state = events.reduce<DossierState | null>((s, e) => evolve(s, { ...e, dossierId: id }), null)!;
    return { state, events };
  };

  const writeBatch = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) {
      const { state, events } = one();
      if (!insertDossier) {
        columns = rowColumns(state);
        insertDossier = db.prepare(`insert into dossiers (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
      }
      const values: Record<string, unknown> = { id: state.id, ...dossierRow(state, events.length), draft_token_hash: null, state: writeJson(state), created_at: now, updated_at: now };
      insertDossier.run(columns.map((c) => values[c] ?? null));
      events.forEach(({ type, at, actorId, unitId, ...payload }, index) => insertEvent.run(state.id, index + 1, type, at, now, actorId, unitId, writeJson(payload)));
      accumulate(counters, contributionsOf(state), 1);
    }
  });
  for (let written = 0; written < count; ) {
    const n = Math.min(BATCH, count - written);
    writeBatch(n);
    written += n;
    if (written % 500_000 < BATCH) log(`  report fixture: ${written.toLocaleString('en-US')} dossiers (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();

  // The counters, through the repository's own upsert.
  const reopened = await openDatabase(config);
  const deltas: CounterDelta[] = [...counters.values()];
  await reopened.runInWriteTx((tx) => bindRepositories(tx, reopened.dialect).reportCounters.add(deltas));
  await reopened.close();
  const info: ReportFixtureInfo = { version: FIXTURE_VERSION, file, dossiers: count, counterRows: deltas.length, seconds: (Date.now() - started) / 1000, madeAt: new Date().toISOString(), bytes: fs.statSync(file).size, compact };
  fs.writeFileSync(`${file}.json`, JSON.stringify(info, null, 2));
  log(`  report fixture: ${count.toLocaleString('en-US')} dossiers, ${deltas.length.toLocaleString('en-US')} counter rows, in ${info.seconds.toFixed(0)} s (${(info.bytes / 1024 ** 3).toFixed(1)} GiB)`);
  return info;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '.tmp', 'reports-1m.db'));
  const count = Number(process.argv[3] ?? 1_000_000);
  buildReportFixture(file, count).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
