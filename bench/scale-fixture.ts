// The database the scale scenario measures intake on: 1,000,000 dossiers already stored. Made once and
// reused across runs (bench/.tmp/, git-ignored); its metadata file says how it was made and how long it
// took. Run by hand with `npx tsx bench/scale-fixture.ts [FILE] [COUNT]`, or by bench/run.ts when missing.
//
// How: the demo data is seeded; 2,000 template dossiers are walked through the REAL services by the
// dossier generator (every status, channel and event type); the templates are then cloned — new dossier
// and task ids, codes with a serial offset per clone round, the same events — through the dossiers
// repository (`DossiersRepository.insert`: row, events and task rows exactly as the store writes them),
// 1,000 dossiers per write transaction. The clones fold to their stored projection, so `motcua verify`
// holds on the fixture too.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createServices } from '../src/composition.js';
import { loadConfig } from '../src/config/config.js';
import { openDatabase } from '../src/db/open-database.js';
import { seedDemoDataIfEmpty } from '../src/demo/demo-data.js';
import { generateDossiers, steppingClock } from '../src/demo/dossier-generator.js';
import type { DossierEvent } from '../src/dossiers/dossier-events.js';
import type { DossierState } from '../src/dossiers/dossier.js';
import { DossiersRepository } from '../src/dossiers/dossiers.repository.js';

export interface FixtureInfo {
  readonly file: string;
  readonly dossiers: number;
  readonly templates: number;
  readonly seconds: number;
  readonly templateSeconds: number;
  readonly madeAt: string;
  readonly bytes: number;
}

const TEMPLATES = 2000;
const BATCH = 1000;

function infoFile(file: string): string {
  return `${file}.json`;
}

export function readFixtureInfo(file: string): FixtureInfo | undefined {
  if (!fs.existsSync(file) || !fs.existsSync(infoFile(file))) return undefined;
  return JSON.parse(fs.readFileSync(infoFile(file), 'utf8')) as FixtureInfo;
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

    const maxSerial = new Map<string, number>();
    const now = new Date().toISOString();
    let written = loaded.length;
    while (written < count) {
      const batch = Math.min(BATCH, count - written);
      const first = written;
      await database.runInWriteTx(async (tx) => {
        const dossiers = new DossiersRepository(tx);
        for (let i = first; i < first + batch; i++) {
          const template = loaded[i % loaded.length]!;
          const round = Math.floor(i / loaded.length);
          const replacements = new Map<string, string>([[template.id, crypto.randomUUID()]]);
          for (const taskId of template.taskIds) replacements.set(taskId, crypto.randomUUID());
          if (template.code) {
            const cut = template.code.lastIndexOf('-');
            const serial = Number(template.code.slice(cut + 1)) + round * 10_000;
            const prefix = template.code.slice(0, cut);
            replacements.set(`"${template.code}"`, `"${prefix}-${serial}"`);
            maxSerial.set(prefix, Math.max(maxSerial.get(prefix) ?? 0, serial));
          }
          const state = JSON.parse(replaceAll(template.state, replacements)) as DossierState;
          const events = JSON.parse(replaceAll(template.events, replacements)) as DossierEvent[];
          await dossiers.insert(state, events, template.draftTokenHash, now);
        }
      });
      written += batch;
      if (written % 50_000 < BATCH) log(`  scale fixture: ${written.toLocaleString('en-US')} dossiers (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    // Keep the gap-free counters ahead of the cloned serials (a receipt at those desks on those days goes on from there).
    await database.runInWriteTx(async (tx) => {
      for (const [prefix, serial] of maxSerial) {
        const day = prefix.slice(prefix.lastIndexOf('-') + 1);
        const unit = await tx.selectFrom('units').select('id').where('code', '=', prefix.slice(0, prefix.lastIndexOf('-'))).executeTakeFirstOrThrow();
        const date = `20${day.slice(0, 2)}-${day.slice(2, 4)}-${day.slice(4, 6)}`;
        await tx
          .insertInto('dossier_code_counters')
          .values({ unit_id: unit.id, day: date, last_nr: serial })
          .onConflict((oc) => oc.columns(['unit_id', 'day']).doUpdateSet({ last_nr: sql`max(dossier_code_counters.last_nr, excluded.last_nr)` }))
          .execute();
      }
    });
    const total = Number((await database.reader.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    await database.close();
    const info: FixtureInfo = { file, dossiers: total, templates, seconds: (Date.now() - started) / 1000, templateSeconds, madeAt: new Date().toISOString(), bytes: fs.statSync(file).size };
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
