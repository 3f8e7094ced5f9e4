// The crash suite's harness: a load of counter intakes with unique idempotency keys against a real server
// process, a ledger of what the server acknowledged and what is in doubt, and the checks run on the
// database after each kill (the server is dead then; nothing else writes).
import SqliteConnection from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { createServices } from '../../src/composition.js';
import { loadConfig } from '../../src/config/config.js';
import type { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/open-database.js';
import { systemClock } from '../../src/time/clock.js';
import { codeProblems } from '../support/dossier-codes.js';
import { signIn, type ServerProcess } from '../support/server-process.js';

const DESK_CODE = '001.21.45.H01'; // Cần Đăng commune's desk (demo data)
const DESK_OFFICER = 'candang.motcua';
const BIRTH = '1.001193';
/** Applicants of the crash suite have citizen ids 077xxxxxxxxx: one per request, so a duplicate shows. */
const ID_PREFIX = '077';

export interface Acknowledged {
  readonly id: string;
  readonly code: string;
}

/** What the server answered, by applicant id number (one per idempotency key). */
export class Ledger {
  readonly acknowledged = new Map<string, Acknowledged>();
  /** Sent, but the connection broke before an answer: committed or not, nobody knows. */
  readonly inDoubt = new Set<string>();
  /** Answers other than 201 (none are expected: the body is valid and the desk officer entitled). */
  readonly unexpected: string[] = [];
  sent = 0;
  private next = 0;

  /** The citizen ids of this ledger's applicants start with this (a ledger per series of requests). */
  readonly idPrefix: string;

  constructor(series: number) {
    this.idPrefix = `${ID_PREFIX}${String(series).padStart(2, '0')}`;
  }

  nextIdNumber(): string {
    return `${this.idPrefix}${String(this.next++).padStart(7, '0')}`;
  }
}

export interface IntakeTarget {
  readonly url: string;
  readonly cookie: string;
  readonly body: (idNumber: string) => string;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return (await response.json()) as T;
}

/** Signs the desk officer in and prepares the intake body (the session lives in the database: it survives restarts). */
export async function prepareTarget(server: ServerProcess): Promise<IntakeTarget> {
  const units = await getJson<{ items: Array<{ id: string; code: string }> }>(`${server.url}/api/v1/units?q=${encodeURIComponent(DESK_CODE)}&includeClosed=true`);
  const desk = units.items.find((u) => u.code === DESK_CODE)!;
  const procedure = await getJson<{ cases: Array<{ code: string; components: Array<{ code: string }> }> }>(`${server.url}/api/v1/procedures/${BIRTH}`);
  const components = procedure.cases.find((c) => c.code === 'TH1')!.components.map((c) => ({ code: c.code, originals: 1, copies: 0 }));
  const cookie = await signIn(server.url, DESK_OFFICER);
  return {
    url: server.url,
    cookie,
    body: (idNumber) =>
      JSON.stringify({
        procedureCode: BIRTH,
        caseCode: 'TH1',
        receivingUnitId: desk.id,
        applicant: { kind: 'person', name: 'Lê Thị Bền', idNumber, address: 'Ấp An Thái, xã Cần Đăng', phone: '0987654321', email: null },
        subject: 'Đăng ký khai sinh cho con',
        components,
        resultDelivery: 'counter',
        channel: 'in_person',
        outcome: { kind: 'receive' },
      }),
  };
}

/** One counter intake with its idempotency key; 'in-doubt' when the connection broke. */
export async function intake(target: IntakeTarget, url: string, idNumber: string): Promise<{ status: number; dossier?: Acknowledged; body?: string } | 'in-doubt'> {
  try {
    const response = await fetch(`${url}/api/v1/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: target.cookie, 'idempotency-key': `crash-${idNumber}` },
      body: target.body(idNumber),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    if (response.status !== 201) return { status: response.status, body: text.slice(0, 300) };
    const json = JSON.parse(text) as { id: string; code: string };
    return { status: 201, dossier: { id: json.id, code: json.code } };
  } catch {
    return 'in-doubt';
  }
}

/**
 * Concurrent loops of intakes until the server dies (each loop ends at its first broken connection) or
 * `until` resolves.
 */
export async function runLoad(target: IntakeTarget, server: ServerProcess, ledger: Ledger, options: { concurrency: number; until: Promise<unknown>; onAcknowledged?: () => void }): Promise<void> {
  let stop = false;
  void options.until.then(() => (stop = true));
  const loop = async () => {
    while (!stop) {
      const idNumber = ledger.nextIdNumber();
      ledger.sent++;
      const answer = await intake(target, server.url, idNumber);
      if (answer === 'in-doubt') {
        ledger.inDoubt.add(idNumber);
        return;
      }
      if (answer.dossier) {
        ledger.acknowledged.set(idNumber, answer.dossier);
        options.onAcknowledged?.();
      } else ledger.unexpected.push(`${idNumber}: HTTP ${answer.status} ${answer.body}`);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
}

/** Sends every in-doubt request again with the same key: each must now be answered, once. */
export async function retryInDoubt(target: IntakeTarget, server: ServerProcess, ledger: Ledger): Promise<number> {
  let retried = 0;
  for (const idNumber of [...ledger.inDoubt]) {
    const answer = await intake(target, server.url, idNumber);
    if (answer === 'in-doubt') continue; // killed again (a hook round): stays in doubt
    retried++;
    ledger.inDoubt.delete(idNumber);
    if (answer.dossier) ledger.acknowledged.set(idNumber, answer.dossier);
    else ledger.unexpected.push(`retry ${idNumber}: HTTP ${answer.status} ${answer.body}`);
  }
  return retried;
}

export interface CheckResult {
  /** Empty when every promise held. */
  readonly problems: string[];
  /** Acknowledged requests whose dossier is not in the database (must be 0). */
  readonly lost: number;
  readonly stored: number;
  readonly inDoubtCommitted: number;
  readonly codes: number;
}

/** SQLite: PRAGMA integrity_check and foreign_key_check; PostgreSQL: amcheck over every B-tree index. */
async function integrityProblems(dialect: 'sqlite' | 'postgres', url: string): Promise<string[]> {
  if (dialect === 'sqlite') {
    const connection = new SqliteConnection(url.slice('sqlite:'.length));
    try {
      const integrity = connection.pragma('integrity_check', { simple: true });
      const foreignKeys = connection.pragma('foreign_key_check') as unknown[];
      return [...(integrity === 'ok' ? [] : [`integrity_check: ${String(integrity)}`]), ...(foreignKeys.length > 0 ? [`foreign_key_check: ${foreignKeys.length} violations`] : [])];
    } finally {
      connection.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create extension if not exists amcheck');
    const { rows } = await client.query(`select c.relname from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
      where am.amname = 'btree' and c.relnamespace = 'public'::regnamespace`);
    for (const row of rows) await client.query('select bt_index_check($1::regclass, true)', [row.relname]);
    return [];
  } catch (error) {
    return [`amcheck: ${(error as Error).message}`];
  } finally {
    await client.end();
  }
}

/** Every promise, checked on the database with the server dead. */
export async function checkDatabase(dialect: 'sqlite' | 'postgres', url: string, ledger: Ledger): Promise<CheckResult> {
  const problems = await integrityProblems(dialect, url);
  const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'test', SEED_DEMO_DATA: 'false' });
  const database: Database = await openDatabase(config);
  try {
    const rows = (await sql<{ id: string; code: string | null; applicant_id_number: string }>`select id, code, applicant_id_number from dossiers where applicant_id_number like ${`${ledger.idPrefix}%`}`.execute(database.reader)).rows;
    const byIdNumber = new Map<string, Array<{ id: string; code: string | null }>>();
    for (const row of rows) byIdNumber.set(row.applicant_id_number, [...(byIdNumber.get(row.applicant_id_number) ?? []), row]);

    let lost = 0;
    for (const [idNumber, ack] of ledger.acknowledged) {
      const found = byIdNumber.get(idNumber) ?? [];
      if (!found.some((r) => r.id === ack.id && r.code === ack.code)) lost++;
    }
    if (lost > 0) problems.push(`${lost} acknowledged dossiers are missing from the database`);
    const duplicated = [...byIdNumber].filter(([, found]) => found.length > 1);
    if (duplicated.length > 0) problems.push(`${duplicated.length} requests created more than one dossier (e.g. ${duplicated[0]![0]})`);
    const unexplained = [...byIdNumber.keys()].filter((n) => !ledger.acknowledged.has(n) && !ledger.inDoubt.has(n));
    if (unexplained.length > 0) problems.push(`${unexplained.length} dossiers for requests never acknowledged nor in doubt`);
    const inDoubtCommitted = [...ledger.inDoubt].filter((n) => byIdNumber.has(n)).length;

    problems.push(...(await codeProblems(database)));

    const services = createServices(database, config, systemClock);
    const verify = await services.dossierVerify.verifyAll();
    if (verify.mismatches.length > 0) problems.push(`${verify.mismatches.length} dossiers differ from their events`);
    const reconcile = await services.reportMaintenance.reconcile();
    if (reconcile.differences.length > 0) problems.push(`${reconcile.differences.length} report counters differ from the event log`);
    const codes = rows.filter((r) => r.code !== null).length;
    return { problems, lost, stored: rows.length, inDoubtCommitted, codes };
  } finally {
    await database.close();
  }
}
