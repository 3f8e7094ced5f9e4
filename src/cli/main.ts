// `npx motcua <command>` (or `npm run cli -- <command>`): operator commands on the configured database.
// The CLI is an adapter like HTTP: it parses arguments and calls services.
import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { createJobWorker, createServices } from '../composition.js';
import { JOB_STATES, type Job, type JobState } from '../jobs/job.js';
import { REBUILD_REPORTS_JOB } from '../reports/reports.jobs.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { backupDatabase, restoreDatabase } from '../db/backup.js';
import { openDatabase } from '../db/open-database.js';
import { seedDemoDataIfEmpty } from '../demo/demo-data.js';
import { generateDossiers, steppingClock } from '../demo/dossier-generator.js';
import { verifyPdf } from '../documents/signing/verify-pdf.js';
import { AppError } from '../errors/app-error.js';
import { errorCatalogue } from '../errors/error-catalogue.js';
import { ROLES, type Actor, type Role } from '../identity/roles.js';
import { systemClock, type Clock } from '../time/clock.js';

/** The local operator: whoever can run the CLI on the server already controls its database. */
export const OPERATOR: Actor = { userId: '00000000-0000-0000-0000-000000000000', username: 'operator (cli)', isSystemAdmin: true, roles: [] };

/** A command that ran but found a problem it reported itself: exit code 1, no stack trace. */
export class CommandFailed extends Error {
  override name = 'CommandFailed';
}

async function withServices<T>(fn: (services: ReturnType<typeof createServices>) => Promise<T>, clock: Clock = systemClock): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    return await fn(createServices(database, config, clock));
  } finally {
    await database.close();
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function parseRole(value: string, previous: Array<{ unitCode: string; role: Role }> = []) {
  const at = value.lastIndexOf(':');
  const unitCode = value.slice(0, at);
  const role = value.slice(at + 1) as Role;
  if (at <= 0 || !ROLES.includes(role)) throw new InvalidArgumentError(`expected UNIT_CODE:ROLE with ROLE one of ${ROLES.join(', ')}`);
  return [...previous, { unitCode, role }];
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function buildCli(): Command {
  const program = new Command('motcua')
    .description('MotCua — một cửa điện tử. Commands act on the database of DATABASE_URL (default sqlite:./data/motcua.db).')
    .showHelpAfterError();

  program
    .command('migrate')
    .description('apply pending database migrations (also done at every start)')
    .action(async () => {
      await withServices(async () => undefined);
      console.log('Database migrated to the latest version.');
    });

  program
    .command('seed')
    .description('load the demo province, units and accounts into an empty database')
    .action(async () => {
      const config = loadConfig();
      const database = await openDatabase(config);
      try {
        const seeded = await seedDemoDataIfEmpty(createServices(database, config, systemClock), database, systemClock);
        console.log(seeded ? 'Demo data loaded (accounts are listed in the README).' : 'The database already has data: nothing loaded.');
      } finally {
        await database.close();
      }
    });

  program
    .command('create-user')
    .description('create a staff account')
    .requiredOption('-u, --username <username>', 'login name, e.g. candang.motcua')
    .requiredOption('-n, --full-name <name>', 'full name, e.g. "Trần Thị Bích"')
    .option('-p, --password <password>', 'password (at least 10 characters); prefer --password-stdin')
    .option('--password-stdin', 'read the password from standard input')
    .option('-r, --role <unitCode:role>', `a role in a unit, repeatable; roles: ${ROLES.join(', ')}`, parseRole)
    .option('--system-admin', 'administrator of the whole system')
    .action(async (options: { username: string; fullName: string; password?: string; passwordStdin?: boolean; role?: Array<{ unitCode: string; role: Role }>; systemAdmin?: boolean }) => {
      const password = options.passwordStdin ? await readStdin() : options.password;
      if (!password) throw new InvalidArgumentError('give --password or --password-stdin');
      await withServices(async (services) => {
        const roles = [];
        for (const { unitCode, role } of options.role ?? []) roles.push({ unitId: (await services.units.getUnitByCode(unitCode)).id, role });
        const created = await services.staff.createStaff(null, { username: options.username, fullName: options.fullName, password, roles, isSystemAdmin: options.systemAdmin ?? false });
        console.log(`Created ${created.username} with ${created.roles.length} role(s)${created.isSystemAdmin ? ', system administrator' : ''}.`);
      });
    });

  program
    .command('import-units')
    .description('import units from a CSV or Excel file (columns: code, name, type, parentCode, shortName, address, phone, email, validFrom, validTo); all rows or none')
    .argument('<file>', 'a .csv or .xlsx file')
    .option('--dry-run', 'check the file and report, without saving')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const extension = path.extname(file).toLowerCase();
      if (extension !== '.csv' && extension !== '.xlsx') throw new InvalidArgumentError('the file must end in .csv or .xlsx');
      const content = fs.readFileSync(file);
      await withServices(async (services) => {
        const summary = await services.unitsImport.importFile(OPERATOR, content, extension === '.csv' ? 'csv' : 'xlsx', { dryRun: options.dryRun ?? false });
        console.log(`${summary.dryRun ? 'Dry run: would create' : 'Created'} ${summary.created}, updated ${summary.updated}, unchanged ${summary.unchanged}.`);
      });
    });

  program
    .command('import-dossiers')
    .description('import dossiers with their history from a legacy system (NDJSON, one dossier per line); checked by the live rules, all lines or none, idempotent')
    .argument('<file>', 'an .ndjson file')
    .option('--dry-run', 'check the file and report, without saving')
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const text = fs.readFileSync(file, 'utf8');
      await withServices(async (services) => {
        await services.calendar.ensureReferenceData();
        const report = await services.dossierImport.importText(OPERATOR, text, { dryRun: options.dryRun ?? false });
        console.log(`${report.dryRun ? 'Dry run: ' : ''}${report.total} line(s): ${report.dryRun ? 'would import' : 'imported'} ${report.dryRun ? report.total - report.alreadyImported - report.rejected.length : report.imported}, already imported ${report.alreadyImported}, rejected ${report.rejected.length}.`);
        for (const r of report.rejected) console.log(`  line ${r.line}${r.code ? ` (${r.code})` : ''}: ${r.reasons.join('; ')}`);
      });
    });

  program
    .command('import-procedures')
    .description('import procedures from national database records (JSON array, LayThuTuc shape) or the catalogue workbook (.xlsx); all or nothing; drafts unless --publish')
    .argument('<file>', 'a .json or .xlsx file')
    .option('--publish', 'publish what changed (from --effective-from, default today) instead of leaving drafts')
    .option('--effective-from <date>', 'with --publish: in force from this date (YYYY-MM-DD)')
    .option('--dry-run', 'check the file and report, without saving')
    .action(async (file: string, options: { publish?: boolean; effectiveFrom?: string; dryRun?: boolean }) => {
      const extension = path.extname(file).toLowerCase();
      if (extension !== '.json' && extension !== '.xlsx') throw new InvalidArgumentError('the file must end in .json or .xlsx');
      const bytes = fs.readFileSync(file);
      let input: { format: 'json'; content: unknown } | { format: 'xlsx'; content: Buffer };
      if (extension === '.xlsx') input = { format: 'xlsx', content: bytes };
      else {
        try {
          input = { format: 'json', content: JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) };
        } catch {
          throw new InvalidArgumentError(`${file} is not valid JSON`);
        }
      }
      await withServices(async (services) => {
        const report = await services.catalogImport.importProcedures(OPERATOR, input, {
          publish: options.publish ?? false,
          dryRun: options.dryRun ?? false,
          ...(options.effectiveFrom ? { effectiveFrom: options.effectiveFrom } : {}),
        });
        const verb = report.dryRun ? 'Dry run: would create' : 'Created';
        console.log(`${verb} ${report.created} procedure(s), ${report.revised} new version(s), updated ${report.updated} draft(s), published ${report.published}, unchanged ${report.unchanged}.`);
      });
    });

  program
    .command('calendar-year')
    .description("show a year's list of days off in force, or record a new version of it from a JSON file")
    .argument('<year>', 'the year, e.g. 2027')
    .option('-c, --calendar <id>', 'calendar id', 'vn-public-servants')
    .option('--set <file.json>', 'record this list: {"status":"official","sources":[…],"entries":[{"date","kind","name":{"vi","en"}}]}')
    .action(async (yearText: string, options: { calendar: string; set?: string }) => {
      const year = Number(yearText);
      if (!Number.isInteger(year) || year < 1900 || year > 2199) throw new InvalidArgumentError('the year must be a whole number from 1900 to 2199');
      await withServices(async (services) => {
        await services.calendar.ensureReferenceData();
        if (options.set) {
          const input = JSON.parse(fs.readFileSync(options.set, 'utf8')) as Parameters<typeof services.calendar.recordYearList>[3];
          const recorded = await services.calendar.recordYearList(OPERATOR, options.calendar, year, { status: input.status ?? 'official', entries: input.entries ?? [], sources: input.sources ?? [], note: input.note ?? null });
          console.log(`Recorded version ${recorded.version} of ${year} for ${options.calendar} (${recorded.entries.length} days, ${recorded.status}).`);
        } else {
          console.log(JSON.stringify(await services.calendar.yearList(options.calendar, year), null, 2));
        }
      });
    });

  program
    .command('generate-dossiers')
    .description('walk N random dossiers through the real services (every channel, transition and end state), on a clock that starts at --start and jumps forward; loads the demo data first if the database is empty')
    .requiredOption('--count <n>', 'how many dossiers', positiveInteger)
    .option('--seed <s>', 'random seed (the same seed on the same database gives the same dossiers)', integer, 1)
    .option('--start <instant>', 'when the simulated clock starts (ISO 8601)', '2026-01-05T01:00:00.000Z')
    .option('--concurrency <n>', 'moves of different dossiers run together', positiveInteger, 16)
    .action(async (options: { count: number; seed: number; start: string; concurrency: number }) => {
      if (Number.isNaN(Date.parse(options.start))) throw new InvalidArgumentError('--start must be an ISO 8601 instant');
      const clock = steppingClock(options.start);
      const config = loadConfig();
      const database = await openDatabase(config);
      try {
        const services = createServices(database, config, clock);
        await services.calendar.ensureReferenceData();
        if (await seedDemoDataIfEmpty(services, database, clock)) console.log('Demo data loaded.');
        const started = Date.now();
        const report = await generateDossiers(services, {
          count: options.count,
          seed: options.seed,
          clock,
          concurrency: options.concurrency,
          onProgress: (created) => process.stderr.write(`\r${created} dossiers…`),
        });
        const seconds = (Date.now() - started) / 1000;
        if (options.count >= 1000) process.stderr.write('\n');
        console.log(`Generated ${report.created} dossiers with ${report.commands} commands in ${seconds.toFixed(1)} s (simulated ${report.from} → ${report.to}).`);
        console.log(`Statuses: ${Object.entries(report.statuses).map(([status, n]) => `${status} ${n}`).join(', ')}`);
        const rejected = Object.entries(report.rejected);
        if (rejected.length > 0) console.log(`Refused by the services: ${rejected.map(([what, n]) => `${what} ×${n}`).join(', ')}`);
      } finally {
        await database.close();
      }
    });

  program
    .command('verify')
    .description('fold every dossier\'s events again and compare with the stored projection; exit code 1 on any mismatch')
    .action(async () => {
      await withServices(async (services) => {
        const started = Date.now();
        const report = await services.dossierVerify.verifyAll({ onProgress: (checked) => checked % 10_000 === 0 && process.stderr.write(`\r${checked} checked…`) });
        if (report.checked >= 10_000) process.stderr.write('\n');
        console.log(`Checked ${report.checked} dossiers in ${((Date.now() - started) / 1000).toFixed(1)} s: ${report.mismatches.length} mismatches.`);
        for (const m of report.mismatches.slice(0, 50)) console.log(`  ${m.code ?? m.dossierId}: ${m.differences.join('; ')}`);
        if (report.mismatches.length > 50) console.log(`  … and ${report.mismatches.length - 50} more`);
        if (report.mismatches.length > 0) throw new CommandFailed(`${report.mismatches.length} dossiers differ from their events`);
      });
    });

  const reports = program.command('reports').description('the report counters (statistics of dossiers)');
  reports
    .command('reconcile')
    .description('recompute every report counter from the event log and compare with the stored counters; exit code 1 on any difference')
    .action(async () => {
      await withServices(async (services) => {
        const started = Date.now();
        const report = await services.reportMaintenance.reconcile({ onProgress: (n) => n % 10_000 === 0 && process.stderr.write(`\r${n} dossiers folded…`) });
        if (report.dossiers >= 10_000) process.stderr.write('\n');
        console.log(`Folded ${report.dossiers} dossiers against ${report.counterRows} counter rows in ${((Date.now() - started) / 1000).toFixed(1)} s: ${report.differences.length} differences.`);
        for (const d of report.differences.slice(0, 50)) console.log(`  unit ${d.unitId} ${d.grain === 'd' ? 'day' : 'month'} ${d.bucket} version ${d.procedureVersionId} channel ${d.channel} officer ${d.officerId || '-'}: ${d.measure} stored ${d.stored}, events give ${d.fromEvents}`);
        if (report.differences.length > 50) console.log(`  … and ${report.differences.length - 50} more`);
        if (report.differences.length > 0) throw new CommandFailed(`${report.differences.length} counter values differ from the event log (motcua reports rebuild replaces them)`);
      });
    });
  reports
    .command('rebuild')
    .description('replace every report counter by the sums the event log gives (one write transaction: writers wait)')
    .option('--background', 'enqueue a reports.rebuild job for a worker instead of running it here')
    .action(async (options: { background?: boolean }) => {
      await withServices(async (services) => {
        if (options.background) {
          const { job } = await services.jobsAdmin.request(OPERATOR, { kind: REBUILD_REPORTS_JOB, payload: { requestedBy: 'cli' }, idempotencyKey: `cli:${new Date().toISOString()}`, maxAttempts: 3 });
          console.log(`Queued job ${job.id} (reports.rebuild); a worker runs it (the server's, or npx motcua jobs work).`);
          return;
        }
        const started = Date.now();
        const result = await services.reportMaintenance.rebuild();
        console.log(`Rebuilt ${result.counterRows} counter rows from ${result.dossiers} dossiers in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      });
    });

  const jobs = program.command('jobs').description('background jobs (document issuing, report rebuilds, deadline checks, notifications)');
  jobs
    .command('work')
    .description('run a job worker in this process until SIGINT/SIGTERM (any number of workers may share the database)')
    .option('--drain', 'run the jobs due now, then exit')
    .action(async (options: { drain?: boolean }) => {
      await withServices(async (services) => {
        const config = loadConfig();
        const log = (level: string) => (details: Record<string, unknown>, message: string) => console.error(`${new Date().toISOString()} ${level} ${message} ${JSON.stringify(details)}`);
        const worker = createJobWorker(services, config, { info: log('info'), warn: log('warn'), error: log('error') });
        if (options.drain) {
          const ran = await worker.drain();
          console.log(`Ran ${ran} jobs: ${worker.stats.done} done, ${worker.stats.retried} to retry, ${worker.stats.dead} dead.`);
          return;
        }
        if (config.jobs.deadlineCheck) await services.deadlineCheck.ensureScheduled();
        worker.start();
        console.log(`Worker ${worker.owner} running (${config.jobs.concurrency} at once, kinds: ${worker.kinds.join(', ')}); Ctrl-C stops it after the jobs in hand.`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
        await worker.stop();
        console.log(`Stopped: ${worker.stats.done} done, ${worker.stats.retried} to retry, ${worker.stats.dead} dead.`);
      });
    });
  const printJob = (job: Job) => {
    console.log(`${job.id}  ${job.kind}  ${job.state}  attempts ${job.attempts}/${job.maxAttempts}  key ${job.idempotencyKey}  updated ${job.updatedAt}`);
    if (job.deadReason) console.log(`    dead: ${job.deadReason}${job.lastError ? ` — ${job.lastError}` : ''}`);
    else if (job.lastError) console.log(`    last error: ${job.lastError}`);
    console.log(`    payload: ${JSON.stringify(job.payload)}`);
  };
  jobs
    .command('list')
    .description('jobs by state (default dead), most recently changed first, and the count in each state')
    .option('--state <state>', `one of ${JOB_STATES.join(', ')}`, 'dead')
    .option('--limit <n>', 'at most this many', positiveInteger, 50)
    .action(async (options: { state: string; limit: number }) => {
      if (!(JOB_STATES as readonly string[]).includes(options.state)) throw new InvalidArgumentError(`--state must be one of ${JOB_STATES.join(', ')}`);
      await withServices(async (services) => {
        const { items, counts } = await services.jobsAdmin.list(OPERATOR, { state: options.state as JobState, limit: options.limit });
        console.log(`queued ${counts.queued}, running ${counts.running}, done ${counts.done}, dead ${counts.dead}`);
        items.forEach(printJob);
      });
    });
  jobs
    .command('dead')
    .description('the dead letters: jobs that failed for good, with reason, attempts and payload')
    .action(async () => {
      await withServices(async (services) => {
        const { items, counts } = await services.jobsAdmin.list(OPERATOR, { state: 'dead', limit: 500 });
        console.log(`${counts.dead} dead jobs`);
        items.forEach(printJob);
      });
    });
  jobs
    .command('replay')
    .argument('<id>', 'a dead job\'s id')
    .description('queue a dead job again with a fresh allowance of attempts (audited)')
    .action(async (id: string) => {
      await withServices(async (services) => {
        printJob(await services.jobsAdmin.replay(OPERATOR, id));
      });
    });

  program
    .command('backup')
    .argument('<target>', 'a new directory to hold the backup, e.g. /var/backups/motcua/2026-12-03')
    .description('sao lưu / back up the database (SQLite online backup, or pg_dump) and the file store into a new directory, checked and sealed with a manifest of checksums; safe while the server runs')
    .action(async (target: string) => {
      const config = loadConfig();
      const result = await backupDatabase(config, target);
      const { manifest } = result;
      const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
      const files = manifest.parts.filter((p) => p.path.startsWith('files/'));
      console.log(`Đã sao lưu / Backed up to ${result.directory}`);
      console.log(`  cơ sở dữ liệu / database: ${manifest.dialect}, ${Object.keys(manifest.tables).length} bảng / tables, ${rows} dòng / rows, ${manifest.migrations.length} migrations (${manifest.migrations.at(-1) ?? '-'})`);
      console.log(`  tệp / files: ${files.length} (${formatBytes(files.reduce((a, p) => a + p.size, 0))}); tổng / total ${formatBytes(manifest.parts.reduce((a, p) => a + p.size, 0))}`);
      if (result.damagedFiles.length > 0) {
        console.log(`  CẢNH BÁO / WARNING: ${result.damagedFiles.length} stored file(s) no longer match their SHA-256 name (damaged on disk), copied as they are: ${result.damagedFiles.slice(0, 5).join(', ')}`);
      }
    });

  program
    .command('restore')
    .argument('<source>', 'a backup directory made by motcua backup')
    .option('--force', 'overwrite a database or file store that already holds data (stop the server first)')
    .description('khôi phục / restore a backup into the database of DATABASE_URL and FILES_DIR, after checking every checksum; refuses a damaged backup, one from a newer MotCua, or a non-empty target without --force')
    .action(async (source: string, options: { force?: boolean }) => {
      const config = loadConfig();
      const result = await restoreDatabase(config, source, { force: options.force ?? false });
      const { manifest } = result;
      console.log(`Đã khôi phục / Restored the backup of ${manifest.createdAt} (${manifest.dialect}, MotCua ${manifest.motcuaVersion})`);
      console.log(`  ${Object.keys(manifest.tables).length} bảng / tables, ${result.rows} dòng / rows — số dòng khớp manifest / row counts match the manifest`);
      console.log(`  tệp / files: ${manifest.parts.length - 1} in the backup, ${result.filesRestored} written`);
      if (result.pendingMigrations.length > 0) console.log(`  ${result.pendingMigrations.length} newer migration(s) will run at the next start: ${result.pendingMigrations.join(', ')}`);
    });

  program
    .command('verify-pdf')
    .argument('<file>', 'a PDF, e.g. a form MotCua issued')
    .description('report each signature of a PDF: signer, time, certificate, integrity; exit code 1 if unsigned or altered')
    .action(async (file: string) => {
      const report = await verifyPdf(fs.readFileSync(path.resolve(file)));
      if (!report.signed) throw new CommandFailed('the file has no signature');
      for (const s of report.signatures) {
        console.log(`Signature ${s.fieldName}`);
        console.log(`  signer:      ${s.signerName ?? '(not named)'}`);
        console.log(`  certificate: ${s.certificate.subject} (serial ${s.certificate.serialNumber}, valid ${s.certificate.notBefore.slice(0, 10)} to ${s.certificate.notAfter.slice(0, 10)}${s.certificate.selfSigned ? ', self-signed' : `, issued by ${s.certificate.issuer}`})`);
        console.log(`  signed at:   ${s.signedAt ?? 'unknown'}`);
        if (s.reason) console.log(`  reason:      ${s.reason}`);
        console.log(`  integrity:   ${s.intact ? 'intact — the document has not been modified since it was signed' : `BROKEN — ${[!s.digestMatches && 'the signed bytes were changed', !s.signatureValid && 'the signature does not verify', !s.coversWholeFile && 'content was added after signing'].filter(Boolean).join('; ')}`}`);
      }
      if (!report.intact) throw new CommandFailed('the document was modified after it was signed');
    });

  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`${error.code}: ${errorCatalogue[error.code].vi}\n  ${errorCatalogue[error.code].en}`);
      if (error.details) console.error(JSON.stringify(error.details, null, 2));
    } else if (error instanceof ConfigError || error instanceof InvalidArgumentError || error instanceof CommandFailed) {
      console.error(error.message);
    } else {
      console.error(error);
    }
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCli(process.argv.slice(2));
}
