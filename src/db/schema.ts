// The database as the migrations leave it, as Kysely types. Instants are ISO-8601 UTC strings and
// legal dates are 'YYYY-MM-DD' strings on both dialects (see postgres-database.ts for the parsers).
import type { ColumnType, Generated } from 'kysely';

/** JSON documents: jsonb on PostgreSQL, TEXT on SQLite; repositories read them with readJson(). */
export type JsonColumn = ColumnType<unknown, string, string>;

export interface UnitsTable {
  id: string;
  code: string;
  name: string;
  short_name: string | null;
  type: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  /** Name and code, lowercase and without diacritics, for search on both dialects. */
  search_text: string;
  office_hours: JsonColumn;
  valid_from: string;
  valid_to: string | null;
  successor_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** Who a unit reports to, over time; a unit has at most one link in force on any date. */
export interface UnitParentLinksTable {
  id: string;
  unit_id: string;
  parent_id: string;
  valid_from: string;
  valid_to: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  is_system_admin: number;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoleAssignmentsTable {
  id: string;
  user_id: string;
  unit_id: string;
  role: string;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  occurred_at: string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  request_id: string | null;
  details: JsonColumn;
}

export interface CalendarsTable {
  id: string;
  name: string;
  parent_id: string | null;
  unit_id: string | null;
  weekly_rest_days: JsonColumn;
  make_up_days_count: number;
  created_at: string;
}

/** A version of one year's list of days off; append-only, the newest version is in force. */
export interface CalendarYearListsTable {
  id: Generated<number>;
  calendar_id: string;
  year: number;
  version: number;
  status: string;
  entries: JsonColumn;
  sources: JsonColumn;
  note: string | null;
  recorded_at: string;
  recorded_by: string | null;
}

/** Office hours of a unit from a date on (the hours it started with stay in units.office_hours). */
export interface UnitOfficeHoursChangesTable {
  unit_id: string;
  valid_from: string;
  sessions: JsonColumn;
  recorded_at: string;
}

/** A procedure (thủ tục hành chính): the stable identity; its content is in procedure_versions. */
export interface ProceduresTable {
  id: string;
  code: string;
  created_at: string;
}

/** A numbered version of a procedure: a draft, or published (immutable) with the dates it is in force. */
export interface ProcedureVersionsTable {
  id: string;
  procedure_id: string;
  version: number;
  status: string;
  effective_from: string | null;
  effective_to: string | null;
  name: string;
  field_code: string;
  field_name: string;
  /** ',province,commune,' */
  levels: string;
  online_level: string;
  /** The name, then all the searchable text, as words without diacritics between spaces. */
  search_name: string;
  search_text: string;
  document: JsonColumn;
  revision: number;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface ProcedureVersionUnitsTable {
  version_id: string;
  unit_id: string;
}

/** A version of the process definition of one procedure case; published versions are immutable. */
export interface ProcessDefinitionsTable {
  id: string;
  procedure_code: string;
  case_code: string;
  version: number;
  status: string;
  name: string;
  body: JsonColumn;
  total_hours: number;
  effective_from: string | null;
  effective_to: string | null;
  revision: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  published_at: string | null;
  published_by: string | null;
}

/** Projection of a dossier's events: searchable columns and the whole folded state. */
export interface DossiersTable {
  id: string;
  code: string | null;
  status: string;
  national_status: number | null;
  channel: string;
  receiving_unit_id: string;
  procedure_code: string;
  case_code: string;
  procedure_version_id: string;
  field_code: string;
  process_definition_id: string | null;
  applicant_name: string;
  applicant_id_number: string;
  submitted_at: string | null;
  received_at: string | null;
  due_at: string | null;
  legal_due_at: string | null;
  resolved_at: string | null;
  returned_at: string | null;
  timeliness: string | null;
  outcome: string | null;
  is_paused: number;
  has_apology: number;
  draft_token_hash: string | null;
  state: JsonColumn;
  event_count: number;
  created_at: string;
  updated_at: string;
}

/** The append-only truth of dossiers; the database refuses updates and deletes. */
export interface DossierEventsTable {
  id: Generated<number>;
  dossier_id: string;
  seq: number;
  type: string;
  occurred_at: string;
  recorded_at: string;
  actor_user_id: string | null;
  unit_id: string | null;
  payload: JsonColumn;
}

export interface DossierTasksTable {
  id: string;
  dossier_id: string;
  step_key: string;
  kind: string;
  role: string;
  unit_id: string;
  assignee_id: string | null;
  status: string;
  started_at: string;
  due_at: string | null;
  finished_at: string | null;
  timeliness: string | null;
}

/** The units that took part in a dossier (migration 0012), with its status and creation instant: the staff search. */
export interface DossierUnitsTable {
  dossier_id: string;
  unit_id: string;
  status: string;
  created_at: string;
  receiving_unit_id: string;
}

export interface DossierCodeCountersTable {
  unit_id: string;
  day: string;
  last_nr: number;
}

/** Report counters (migration 0008): one row per unit, bucket, procedure version, channel and officer. */
export interface ReportCountersTable {
  unit_id: string;
  grain: string;
  bucket: string;
  procedure_version_id: string;
  channel: number;
  officer_id: string;
  procedure_code: string;
  field_code: string;
  received: number;
  ended_early: number;
  ended_on_time: number;
  ended_late: number;
  refused: number;
  withdrawn: number;
  stopped: number;
  ended_minutes: number;
  due: number;
  due_met: number;
  ended_after_due: number;
  supplement_started: number;
  supplement_ended: number;
  payment_started: number;
  payment_ended: number;
  refused_at_receipt: number;
  returned_for_completion: number;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  response: JsonColumn;
  created_at: string;
}

export interface DB {
  units: UnitsTable;
  unit_parent_links: UnitParentLinksTable;
  users: UsersTable;
  role_assignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  unit_office_hours_changes: UnitOfficeHoursChangesTable;
  calendars: CalendarsTable;
  calendar_year_lists: CalendarYearListsTable;
  procedures: ProceduresTable;
  procedure_versions: ProcedureVersionsTable;
  procedure_version_units: ProcedureVersionUnitsTable;
  process_definitions: ProcessDefinitionsTable;
  dossiers: DossiersTable;
  dossier_events: DossierEventsTable;
  dossier_tasks: DossierTasksTable;
  dossier_units: DossierUnitsTable;
  dossier_code_counters: DossierCodeCountersTable;
  idempotency_keys: IdempotencyKeysTable;
  report_counters: ReportCountersTable;
  attachments: AttachmentsTable;
  signing_certificates: SigningCertificatesTable;
  issued_documents: IssuedDocumentsTable;
  document_counters: DocumentCountersTable;
  jobs: JobsTable;
  notifications: NotificationsTable;
}

/** A file in the content store (by SHA-256): uploads, issued documents' signed copies, electronic results. */
export interface AttachmentsTable {
  id: string;
  sha256: string;
  size: number | string;
  media_type: string;
  file_name: string;
  kind: string;
  dossier_id: string | null;
  uploaded_by: string | null;
  created_at: string;
}

/** A unit's PKCS#12, sealed; unit_id null: the installation's development certificate. */
export interface SigningCertificatesTable {
  id: string;
  unit_id: string | null;
  subject: string;
  serial_number: string;
  not_before: string;
  not_after: string;
  sealed_pkcs12: string;
  is_development: number;
  uploaded_by: string | null;
  created_at: string;
}

/** An issued form: its data snapshot and layout (re-renders identically) and its signed copy. */
export interface IssuedDocumentsTable {
  id: string;
  dossier_id: string;
  form: string;
  source_seq: number;
  number: string;
  layout: number;
  data: JsonColumn;
  unit_id: string;
  signer_name: string;
  certificate_subject: string;
  unsigned_sha256: string | null;
  attachment_id: string | null;
  issued_at: string;
  created_at: string;
}

export interface DocumentCountersTable {
  unit_id: string;
  series: string;
  year: number;
  last_nr: number;
}

/** One unit of later work (see src/jobs): queued → running (under a lease) → done, or dead after its attempts. */
export interface JobsTable {
  id: string;
  kind: string;
  payload: JsonColumn;
  idempotency_key: string;
  state: string;
  attempts: number;
  max_attempts: number;
  run_at: string;
  lease_owner: string | null;
  lease_token: string | null;
  lease_expires_at: string | null;
  last_error: string | null;
  dead_reason: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** An outgoing message recorded by the built-in notifier (an SMS or e-mail gateway sends from here). */
export interface NotificationsTable {
  id: string;
  idempotency_key: string;
  channel: string;
  recipient: string;
  recipient_user_id: string | null;
  dossier_id: string | null;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
}
