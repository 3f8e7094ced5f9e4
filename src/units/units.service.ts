// Use cases on units: read (public), create, update, move within the hierarchy (administrators).
import { randomUUID } from 'node:crypto';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError } from '../errors/app-error.js';
import type { Actor } from '../identity/roles.js';
import { addDays, vietnamDateOf, type Clock } from '../time/clock.js';
import { DEFAULT_OFFICE_HOURS, officeHoursProblems, searchTextOf, type OfficeHoursSession, type Unit, type UnitType } from './unit.js';
import { requireCreateRoot, requireManageUnit, unitPermissions, type UnitPermissions } from './units.policy.js';
import type { UnitListFilter, UnitsRepository } from './units.repository.js';

export interface UnitsRepositories {
  readonly units: UnitsRepository;
  readonly audit: AuditRepository;
}

export interface UnitInput {
  readonly code: string;
  readonly name: string;
  readonly shortName?: string | null;
  readonly type: UnitType;
  readonly parentId?: string | null;
  readonly address?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  readonly officeHours?: readonly OfficeHoursSession[];
  readonly validFrom?: string;
  readonly validTo?: string | null;
  readonly successorId?: string | null;
}

export type UnitPatch = Partial<Omit<UnitInput, 'parentId'>> & {
  readonly version: number;
  /** With officeHours: the day the new hours start (default today; never a past day). */
  readonly officeHoursFrom?: string;
};

export interface UnitMove {
  readonly parentId: string | null;
  readonly effectiveFrom: string;
}

export interface RequestContext {
  readonly requestId?: string;
}

export class UnitsService {
  constructor(
    private readonly uow: UnitOfWork<UnitsRepositories>,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return vietnamDateOf(this.clock.now());
  }

  async getUnit(id: string, onDate = this.today()): Promise<Unit> {
    const unit = await this.uow.read.units.findById(id, onDate);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    return unit;
  }

  /** A unit with what the actor (or an anonymous visitor, null) may do with it. */
  async getUnitForActor(actor: Actor | null, id: string, onDate = this.today()): Promise<Unit & { permissions: UnitPermissions }> {
    const unit = await this.getUnit(id, onDate);
    const chain = actor ? ((await this.uow.read.units.chainOf(id, this.today())) ?? [id]) : [id];
    return { ...unit, permissions: unitPermissions(actor, chain) };
  }

  async getUnitByCode(code: string, onDate = this.today()): Promise<Unit> {
    const id = (await this.uow.read.units.findIdsByCodes([code.trim().toUpperCase()])).values().next().value;
    if (!id) throw new AppError('UNIT_NOT_FOUND', { code });
    return this.getUnit(id, onDate);
  }

  listUnits(filter: Omit<UnitListFilter, 'onDate' | 'search'> & { onDate?: string; query?: string }) {
    const search = filter.query ? searchTextOf(filter.query).trim() : undefined;
    return this.uow.read.units.list({ ...filter, onDate: filter.onDate ?? this.today(), ...(search ? { search } : {}) });
  }

  async subtree(id: string, onDate = this.today()) {
    await this.getUnit(id, onDate);
    return this.uow.read.units.subtree(id, onDate);
  }

  async officeHoursHistory(id: string) {
    await this.getUnit(id);
    return this.uow.read.units.officeHoursHistory(id);
  }

  async parentHistory(id: string) {
    await this.getUnit(id);
    return this.uow.read.units.parentLinks(id);
  }

  async createUnit(actor: Actor, input: UnitInput, context: RequestContext = {}): Promise<Unit> {
    const now = this.clock.now().toISOString();
    const validFrom = input.validFrom ?? this.today();
    const record = { ...normalise(input, validFrom), id: randomUUID() };
    return this.uow.write(async ({ units, audit }) => {
      if (input.parentId) {
        const chain = await units.chainOf(input.parentId, validFrom);
        if (!chain) throw new AppError('UNIT_PARENT_NOT_FOUND', { field: 'parentId' });
        requireManageUnit(actor, chain);
        await requireValidOn(units, input.parentId, validFrom);
      } else {
        requireCreateRoot(actor);
      }
      await checkRecord(units, record);
      await units.insert(record, now);
      if (input.parentId) await units.insertParentLink({ id: randomUUID(), unitId: record.id, parentId: input.parentId, validFrom, validTo: null });
      await audit.append({
        occurredAt: now,
        actorUserId: actor.userId,
        action: 'unit.created',
        entityType: 'unit',
        entityId: record.id,
        requestId: context.requestId ?? null,
        details: { code: record.code, name: record.name, type: record.type, parentId: input.parentId ?? null },
      });
      return (await units.findById(record.id, validFrom))!;
    });
  }

  async updateUnit(actor: Actor, id: string, patch: UnitPatch, context: RequestContext = {}): Promise<Unit> {
    const now = this.clock.now().toISOString();
    const today = this.today();
    return this.uow.write(async ({ units, audit }) => {
      const chain = await units.chainOf(id, today);
      if (!chain) throw new AppError('UNIT_NOT_FOUND');
      requireManageUnit(actor, chain);
      const current = (await units.findById(id, today))!;
      if (current.version !== patch.version) throw new AppError('UNIT_VERSION_CONFLICT', { currentVersion: current.version });
      const { officeHoursFrom, ...attributes } = patch;
      const merged: UnitInput = { ...current, ...stripUndefined(attributes) };
      const record = { ...normalise(merged, merged.validFrom!), id };
      await checkRecord(units, record);
      if (!(await units.update(record, patch.version, now))) throw new AppError('UNIT_VERSION_CONFLICT');
      if (patch.officeHours) {
        // New hours apply from a day on; the hours of past days stay as they were (due dates depend on them).
        const from = officeHoursFrom ?? today;
        if (from < today || from < record.validFrom) throw new AppError('UNIT_OFFICE_HOURS_PAST', { field: 'officeHoursFrom', earliest: today > record.validFrom ? today : record.validFrom });
        await units.setOfficeHoursFrom(id, from, record.officeHours, now);
      }
      const changed = Object.keys(stripUndefined(patch)).filter((k) => k !== 'version');
      await audit.append({ occurredAt: now, actorUserId: actor.userId, action: 'unit.updated', entityType: 'unit', entityId: id, requestId: context.requestId ?? null, details: { changed } });
      return (await units.findById(id, today))!;
    });
  }

  /**
   * Deletes a unit entered by mistake. A unit that anything refers to is never deleted: close it with an
   * end date (validTo, successorId) so that its history stays.
   */
  async deleteUnit(actor: Actor, id: string, context: RequestContext = {}): Promise<void> {
    const now = this.clock.now().toISOString();
    await this.uow.write(async ({ units, audit }) => {
      const chain = await units.chainOf(id, this.today());
      if (!chain) throw new AppError('UNIT_NOT_FOUND');
      requireManageUnit(actor, chain.length > 1 ? chain.slice(1) : chain);
      if (chain.length === 1) requireCreateRoot(actor);
      const unit = (await units.findById(id, this.today()))!;
      if (!(await units.deleteIfUnreferenced(id))) throw new AppError('UNIT_IN_USE');
      await audit.append({ occurredAt: now, actorUserId: actor.userId, action: 'unit.deleted', entityType: 'unit', entityId: id, requestId: context.requestId ?? null, details: { code: unit.code, name: unit.name } });
    });
  }

  /** Places a unit under another parent (or makes it a root) from a date on, keeping the earlier link as history. */
  async moveUnit(actor: Actor, id: string, move: UnitMove, context: RequestContext = {}): Promise<Unit> {
    const now = this.clock.now().toISOString();
    return this.uow.write(async ({ units, audit }) => {
      const chain = await units.chainOf(id, this.today());
      if (!chain) throw new AppError('UNIT_NOT_FOUND');
      requireManageUnit(actor, chain);
      if (move.parentId) {
        const parentChain = await units.chainOf(move.parentId, move.effectiveFrom);
        if (!parentChain) throw new AppError('UNIT_PARENT_NOT_FOUND', { field: 'parentId' });
        requireManageUnit(actor, parentChain);
        if (parentChain.includes(id)) throw new AppError('UNIT_PARENT_CYCLE');
        await requireValidOn(units, move.parentId, move.effectiveFrom);
      } else {
        requireCreateRoot(actor);
      }
      const latest = await units.latestParentLink(id);
      if (latest) {
        if (move.effectiveFrom <= latest.validFrom) throw new AppError('UNIT_MOVE_DATE_INVALID', { previousChange: latest.validFrom });
        if (latest.validTo === null || latest.validTo >= move.effectiveFrom) await units.closeParentLink(latest.id, addDays(move.effectiveFrom, -1));
      }
      if (move.parentId) await units.insertParentLink({ id: randomUUID(), unitId: id, parentId: move.parentId, validFrom: move.effectiveFrom, validTo: null });
      await units.bumpVersion(id, now);
      await audit.append({
        occurredAt: now,
        actorUserId: actor.userId,
        action: 'unit.moved',
        entityType: 'unit',
        entityId: id,
        requestId: context.requestId ?? null,
        details: { fromParentId: latest?.parentId ?? null, toParentId: move.parentId, effectiveFrom: move.effectiveFrom },
      });
      return (await units.findById(id, move.effectiveFrom))!;
    });
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function normalise(input: UnitInput, validFrom: string) {
  const clean = (v: string | null | undefined) => {
    const trimmed = v?.normalize('NFC').trim();
    return trimmed ? trimmed : null;
  };
  const name = input.name.normalize('NFC').trim();
  const code = input.code.trim().toUpperCase();
  return {
    code,
    name,
    shortName: clean(input.shortName),
    type: input.type,
    address: clean(input.address),
    phone: clean(input.phone),
    email: clean(input.email),
    officeHours: input.officeHours ? [...input.officeHours] : DEFAULT_OFFICE_HOURS.map((s) => ({ ...s })),
    validFrom,
    validTo: input.validTo ?? null,
    successorId: input.successorId ?? null,
    searchText: searchTextOf(name, input.shortName, code),
  };
}

type UnitRecord = ReturnType<typeof normalise> & { id: string };

/** Domain checks shared by create, update and import. */
export async function checkRecord(units: UnitsRepository, record: UnitRecord): Promise<void> {
  if (!record.name) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'name', rule: 'minLength', message: 'name must not be blank' }] });
  const hourProblems = officeHoursProblems(record.officeHours);
  if (hourProblems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: hourProblems.map((message) => ({ field: 'officeHours', rule: 'officeHours', message })) });
  if (record.validTo !== null && record.validTo < record.validFrom) throw new AppError('UNIT_INVALID_DATES');
  if (record.successorId) {
    if (record.successorId === record.id) throw new AppError('UNIT_PARENT_CYCLE', { field: 'successorId' });
    if (!(await units.findById(record.successorId, record.validFrom))) throw new AppError('UNIT_NOT_FOUND', { field: 'successorId' });
  }
  if (await units.codeExists(record.code, record.id)) throw new AppError('UNIT_CODE_TAKEN', { field: 'code' });
}

async function requireValidOn(units: UnitsRepository, unitId: string, date: string): Promise<void> {
  const unit = await units.findById(unitId, date);
  if (!unit || unit.validFrom > date || (unit.validTo !== null && unit.validTo < date)) throw new AppError('UNIT_PARENT_NOT_VALID', { field: 'parentId', date });
}
