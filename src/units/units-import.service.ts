// Bulk import of units from a CSV or Excel file: all rows or none, parents before children,
// existing units (same code) updated in place, every problem reported with its line.
import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError, isAppError } from '../errors/app-error.js';
import { errorCatalogue } from '../errors/error-catalogue.js';
import type { Actor } from '../identity/roles.js';
import { isCalendarDate, vietnamDateOf, type Clock } from '../time/clock.js';
import { isValidUnitCode, UNIT_TYPES, type Unit, type UnitType } from './unit.js';
import { readUnitFile, UnitFileError, type UnitFileFormat, type UnitFileRow } from './units-file.js';
import { requireCreateRoot, requireManageUnit } from './units.policy.js';
import { checkRecord, normalise, type UnitInput, type UnitsRepositories } from './units.service.js';

export interface ImportProblem {
  readonly line: number;
  readonly field?: string;
  readonly message: string;
}

export interface ImportSummary {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly dryRun: boolean;
}

interface ParsedRow {
  readonly line: number;
  readonly input: UnitInput & { validFrom: string };
  readonly parentCode: string | null;
}

class DryRunComplete extends Error {
  constructor(readonly summary: ImportSummary) {
    super('dry run');
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+(). -]{3,30}$/;

export class UnitsImportService {
  constructor(
    private readonly uow: UnitOfWork<UnitsRepositories>,
    private readonly clock: Clock,
  ) {}

  async importFile(actor: Actor, content: Buffer, format: UnitFileFormat, options: { dryRun: boolean; requestId?: string }): Promise<ImportSummary> {
    let rows: UnitFileRow[];
    try {
      rows = await readUnitFile(content, format);
    } catch (error) {
      if (error instanceof UnitFileError) throw new AppError('UNIT_IMPORT_INVALID', { problems: error.problems });
      throw error;
    }
    const today = vietnamDateOf(this.clock.now());
    const problems: ImportProblem[] = [];
    const parsed = rows.map((row) => parseRow(row, today, problems)).filter((r): r is ParsedRow => r !== undefined);
    const ordered = parentsFirst(parsed, problems);
    if (problems.length > 0) throw new AppError('UNIT_IMPORT_INVALID', { problems: problems.slice(0, 200) });

    try {
      return await this.uow.write(async (repos) => {
        const summary = await this.apply(actor, repos, ordered, today, options.requestId);
        if (options.dryRun) throw new DryRunComplete({ ...summary, dryRun: true });
        return summary;
      });
    } catch (error) {
      if (error instanceof DryRunComplete) return error.summary;
      throw error;
    }
  }

  private async apply(actor: Actor, { units, audit }: UnitsRepositories, rows: ParsedRow[], today: string, requestId?: string): Promise<ImportSummary> {
    const now = this.clock.now().toISOString();
    const ids = await units.findIdsByCodes([...new Set(rows.flatMap((r) => [r.input.code, ...(r.parentCode ? [r.parentCode] : [])]))]);
    const problems: ImportProblem[] = [];
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const row of rows) {
      try {
        const parentId = row.parentCode ? ids.get(row.parentCode) : null;
        if (parentId === undefined) throw new AppError('UNIT_PARENT_NOT_FOUND', { field: 'parentCode' });
        const existingId = ids.get(row.input.code);
        if (existingId) {
          const current = (await units.findById(existingId, today))!;
          requireManageUnit(actor, (await units.chainOf(existingId, today))!);
          if ((current.parentId ?? null) !== parentId) {
            problems.push({ line: row.line, field: 'parentCode', message: 'the parent differs from the current one: move the unit with POST /api/v1/units/{id}/move' });
            continue;
          }
          const record = { ...normalise({ ...row.input, officeHours: current.officeHours, successorId: current.successorId }, row.input.validFrom), id: existingId };
          if (sameAttributes(current, record)) {
            unchanged++;
            continue;
          }
          await checkRecord(units, record);
          await units.update(record, current.version, now);
          await audit.append({ occurredAt: now, actorUserId: actor.userId, action: 'unit.updated', entityType: 'unit', entityId: existingId, requestId: requestId ?? null, details: { source: 'import', line: row.line } });
          updated++;
        } else {
          if (parentId) requireManageUnit(actor, (await units.chainOf(parentId, row.input.validFrom))!);
          else requireCreateRoot(actor);
          const record = { ...normalise(row.input, row.input.validFrom), id: randomUUID() };
          await checkRecord(units, record);
          await units.insert(record, now);
          if (parentId) await units.insertParentLink({ id: randomUUID(), unitId: record.id, parentId, validFrom: record.validFrom, validTo: null });
          await audit.append({ occurredAt: now, actorUserId: actor.userId, action: 'unit.created', entityType: 'unit', entityId: record.id, requestId: requestId ?? null, details: { source: 'import', line: row.line, code: record.code } });
          ids.set(record.code, record.id);
          created++;
        }
      } catch (error) {
        if (!isAppError(error)) throw error;
        // Access first: a row out of the actor's reach refuses the whole file (403), it is not a data problem.
        if (error.code === 'FORBIDDEN') throw new AppError('FORBIDDEN', { line: row.line, ...(error.details as object | undefined) });
        const field = (error.details as { field?: string } | undefined)?.field;
        problems.push({ line: row.line, ...(field ? { field } : {}), message: `${error.code}: ${errorCatalogue[error.code].en}` });
      }
    }
    if (problems.length > 0) throw new AppError('UNIT_IMPORT_INVALID', { problems: problems.slice(0, 200) });
    await audit.append({ occurredAt: now, actorUserId: actor.userId, action: 'units.imported', entityType: 'unit', entityId: '*', requestId: requestId ?? null, details: { created, updated, unchanged } });
    return { created, updated, unchanged, dryRun: false };
  }
}

function parseRow(row: UnitFileRow, today: string, problems: ImportProblem[]): ParsedRow | undefined {
  const v = row.values;
  const before = problems.length;
  const problem = (field: string, message: string) => problems.push({ line: row.line, field, message });
  const code = (v.code ?? '').toUpperCase();
  if (!isValidUnitCode(code)) problem('code', 'must be an identifier such as 000.00.12.H26 (A–Z, 0–9 and dots, at most 35 characters)');
  if (!v.name) problem('name', 'is required');
  else if (v.name.length > 255) problem('name', 'at most 255 characters');
  if (!UNIT_TYPES.includes(v.type as UnitType)) problem('type', `must be one of ${UNIT_TYPES.join(', ')}`);
  if (v.parentCode && !isValidUnitCode(v.parentCode.toUpperCase())) problem('parentCode', 'is not a valid identifier');
  if (v.validFrom && !isCalendarDate(v.validFrom)) problem('validFrom', 'must be a date YYYY-MM-DD');
  if (v.validTo && !isCalendarDate(v.validTo)) problem('validTo', 'must be a date YYYY-MM-DD');
  if (v.email && (!EMAIL.test(v.email) || v.email.length > 254)) problem('email', 'is not an e-mail address');
  if (v.phone && !PHONE.test(v.phone)) problem('phone', 'is not a phone number');
  if (v.address && v.address.length > 500) problem('address', 'at most 500 characters');
  if (v.shortName && v.shortName.length > 100) problem('shortName', 'at most 100 characters');
  if (problems.length > before) return undefined;
  return {
    line: row.line,
    parentCode: v.parentCode ? v.parentCode.toUpperCase() : null,
    input: {
      code,
      name: v.name!,
      shortName: v.shortName ?? null,
      type: v.type as UnitType,
      address: v.address ?? null,
      phone: v.phone ?? null,
      email: v.email ?? null,
      validFrom: v.validFrom ?? today,
      validTo: v.validTo ?? null,
    },
  };
}

/** Orders rows so that a parent defined in the file comes before its children; reports duplicates and cycles. */
function parentsFirst(rows: ParsedRow[], problems: ImportProblem[]): ParsedRow[] {
  const byCode = new Map<string, ParsedRow>();
  for (const row of rows) {
    if (byCode.has(row.input.code)) problems.push({ line: row.line, field: 'code', message: `duplicate of line ${byCode.get(row.input.code)!.line}` });
    else byCode.set(row.input.code, row);
  }
  const ordered: ParsedRow[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (row: ParsedRow): void => {
    const code = row.input.code;
    if (state.get(code) === 'done') return;
    if (state.get(code) === 'visiting') {
      problems.push({ line: row.line, field: 'parentCode', message: 'the parent codes form a cycle' });
      return;
    }
    state.set(code, 'visiting');
    const parent = row.parentCode ? byCode.get(row.parentCode) : undefined;
    if (parent) visit(parent);
    state.set(code, 'done');
    ordered.push(row);
  };
  for (const row of byCode.values()) visit(row);
  return ordered;
}

function sameAttributes(current: Unit, record: ReturnType<typeof normalise>): boolean {
  const keys = ['code', 'name', 'shortName', 'type', 'address', 'phone', 'email', 'validFrom', 'validTo'] as const;
  return keys.every((k) => (current[k] ?? null) === (record[k] ?? null));
}
