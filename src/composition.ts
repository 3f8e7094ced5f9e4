// Wires repositories to the database and services to repositories. The only place that knows
// every module; HTTP, CLI and tests obtain services from here.
import { AuditRepository } from './audit/audit.repository.js';
import { CalendarRepository } from './calendar/calendar.repository.js';
import { CalendarService } from './calendar/calendar.service.js';
import { CatalogAdminService } from './catalog/catalog-admin.service.js';
import { CatalogImportService } from './catalog/catalog-import.service.js';
import { CatalogRepository } from './catalog/catalog.repository.js';
import { CatalogService } from './catalog/catalog.service.js';
import type { Config } from './config/config.js';
import type { Database, Executor } from './db/database.js';
import { createUnitOfWork } from './db/unit-of-work.js';
import { AuthService } from './identity/auth.service.js';
import { IdentityRepository } from './identity/identity.repository.js';
import { StaffService } from './identity/staff.service.js';
import type { Clock } from './time/clock.js';
import { UnitsImportService } from './units/units-import.service.js';
import { UnitsRepository } from './units/units.repository.js';
import { UnitsService } from './units/units.service.js';

export interface Repositories {
  readonly calendars: CalendarRepository;
  readonly units: UnitsRepository;
  readonly catalog: CatalogRepository;
  readonly identity: IdentityRepository;
  readonly audit: AuditRepository;
}

export function bindRepositories(executor: Executor): Repositories {
  return {
    calendars: new CalendarRepository(executor),
    units: new UnitsRepository(executor),
    catalog: new CatalogRepository(executor),
    identity: new IdentityRepository(executor),
    audit: new AuditRepository(executor),
  };
}

export interface Services {
  readonly calendar: CalendarService;
  readonly units: UnitsService;
  readonly unitsImport: UnitsImportService;
  readonly catalog: CatalogService;
  readonly catalogAdmin: CatalogAdminService;
  readonly catalogImport: CatalogImportService;
  readonly auth: AuthService;
  readonly staff: StaffService;
}

export function createServices(db: Database, config: Config, clock: Clock): Services {
  const uow = createUnitOfWork(db, bindRepositories);
  const units = new UnitsService(uow, clock);
  return {
    calendar: new CalendarService(uow, clock),
    units,
    unitsImport: new UnitsImportService(uow, clock),
    catalog: new CatalogService(uow, clock),
    catalogAdmin: new CatalogAdminService(uow, clock),
    catalogImport: new CatalogImportService(uow, clock),
    auth: new AuthService(uow, clock, { ttlHours: config.session.ttlHours }),
    staff: new StaffService(uow, clock),
  };
}
