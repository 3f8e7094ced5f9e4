// The crash suite (`npm run test:crash`, and part of `npm test`): the real server process takes counter
// intakes with idempotency keys and is SIGKILLed — at random moments, and from test-only hooks right before
// and right after a COMMIT. After every kill, on the dead server's database: the integrity check passes,
// every acknowledged dossier is there with the code it was given, nothing is duplicated, codes are gap-free,
// projections and report counters agree with the event log. In-doubt requests are retried with their key.
// The negative control acknowledges before committing: the same checks must catch the loss.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/test-app.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { checkDatabase, Ledger, prepareTarget, retryInDoubt, runLoad, type IntakeTarget } from './crash-harness.js';

const RANDOM_KILL_ROUNDS = 8;
const HOOK_ROUNDS = ['before-commit', 'after-commit'] as const;
const CONCURRENCY = 8;

function randomInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface RoundFigures {
  readonly kind: string;
  readonly sent: number;
  readonly acknowledged: number;
  readonly inDoubt: number;
  readonly inDoubtCommitted: number;
  readonly lost: number;
}

function writeFigures(dialect: string, figures: unknown): void {
  const dir = path.resolve('test-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `crash-${dialect}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

for (const dialect of DIALECTS) {
  describe(`crash suite [${dialect}]`, { concurrency: false }, () => {
    let database: TestDatabase | undefined;
    let target: IntakeTarget | undefined;
    const servers: ServerProcess[] = [];
    const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-crash-files-'));
    const figures: Record<string, unknown> = { dialect };
    after(async () => {
      for (const server of servers) server.kill('SIGKILL');
      await Promise.all(servers.map((s) => s.exited));
      await database?.drop();
      fs.rmSync(filesDir, { recursive: true, force: true });
      writeFigures(dialect, figures);
    });

    async function start(env: Record<string, string> = {}): Promise<ServerProcess> {
      const server = await startServerProcess({ DATABASE_URL: database!.url, FILES_DIR: filesDir, SEED_DEMO_DATA: 'true', ...env });
      servers.push(server);
      return server;
    }

    it('loses no acknowledged dossier over random kills and kills around COMMIT; in-doubt retries create no duplicate', { timeout: 300_000 }, async () => {
      database = await createTestDatabase(dialect);
      const ledger = new Ledger(dialect === 'sqlite' ? 1 : 2);
      const rounds: RoundFigures[] = [];
      const kinds = [...Array.from({ length: RANDOM_KILL_ROUNDS }, () => 'random-sigkill' as const), ...HOOK_ROUNDS];

      for (const kind of kinds) {
        const env: Record<string, string> = kind === 'random-sigkill' ? {} : { MOTCUA_TEST_KILL_AT: kind, MOTCUA_TEST_KILL_ON_COMMIT: String(randomInt(3, 30)) };
        const server = await start(env);
        target ??= await prepareTarget(server);
        const sentBefore = ledger.sent;
        const ackBefore = ledger.acknowledged.size;
        await retryInDoubt(target, server, ledger);
        const killer = kind === 'random-sigkill' ? sleep(randomInt(150, 900)).then(() => server.kill('SIGKILL')) : undefined;
        const hookTimeout = sleep(60_000);
        await runLoad(target, server, ledger, { concurrency: CONCURRENCY, until: Promise.race([server.exited, hookTimeout]) });
        await killer;
        const ended = await Promise.race([server.exited, hookTimeout.then(() => 'still running')]);
        assert.equal(ended, 'SIGKILL', `${kind}: the server should have been killed (it ended: ${ended})\n${server.output()}`);
        assert.deepEqual(ledger.unexpected, [], 'every intake is answered 201 or not at all');

        const check = await checkDatabase(dialect, database.url, ledger);
        rounds.push({ kind, sent: ledger.sent - sentBefore, acknowledged: ledger.acknowledged.size - ackBefore, inDoubt: ledger.inDoubt.size, inDoubtCommitted: check.inDoubtCommitted, lost: check.lost });
        assert.deepEqual(check.problems, [], `after a ${kind} kill: ${check.problems.join('; ')}`);
      }

      // Last restart without faults: every in-doubt request is retried with its key and answered once.
      const server = await start();
      await retryInDoubt(target!, server, ledger);
      assert.equal(ledger.inDoubt.size, 0, 'every in-doubt request is answered after the last restart');
      await server.stop();
      const final = await checkDatabase(dialect, database.url, ledger);
      assert.deepEqual(final.problems, [], final.problems.join('; '));
      assert.equal(final.stored, ledger.acknowledged.size, 'one dossier per acknowledged request, no more');
      assert.ok(ledger.acknowledged.size >= kinds.length * 5, `enough load to mean something: ${ledger.acknowledged.size} acknowledged`);

      Object.assign(figures, {
        kills: rounds.length,
        acknowledged: ledger.acknowledged.size,
        lost: final.lost,
        inDoubt: rounds.reduce((n, r) => n + r.inDoubt, 0),
        inDoubtCommittedBeforeRetry: rounds.reduce((n, r) => n + r.inDoubtCommitted, 0),
        codes: final.codes,
        perRound: rounds,
      });
      console.log(`crash suite [${dialect}]: ${rounds.length} kills, ${ledger.acknowledged.size} acknowledged, ${final.lost} lost, ${final.codes} codes gap-free`);
    });

    it('negative control: acknowledging before COMMIT is caught as lost dossiers', { timeout: 120_000 }, async () => {
      assert.ok(database && target, 'runs on the database of the crash rounds');
      const ledger = new Ledger(dialect === 'sqlite' ? 3 : 4);
      const buggy = await start({ MOTCUA_TEST_ACK_BEFORE_COMMIT: 'true' });
      // Killed right after its Nth answer: that write is acknowledged and, with the bug, not yet committed.
      const killAfter = randomInt(2, 6);
      await runLoad(target, buggy, ledger, { concurrency: CONCURRENCY, until: buggy.exited, onAcknowledged: () => ledger.acknowledged.size >= killAfter && buggy.kill('SIGKILL') });
      await buggy.exited;
      const check = await checkDatabase(dialect, database.url, ledger);
      figures.negativeControl = { acknowledged: ledger.acknowledged.size, lost: check.lost, caught: check.lost > 0 };
      console.log(`negative control [${dialect}]: ${ledger.acknowledged.size} acknowledged, ${check.lost} lost — ${check.problems.join('; ')}`);
      assert.ok(check.lost > 0, `the harness must catch dossiers acknowledged before COMMIT and lost (${ledger.acknowledged.size} acknowledged, none lost)`);
      assert.ok(check.problems.some((p) => p.includes('acknowledged dossiers are missing')));
    });
  });
}
