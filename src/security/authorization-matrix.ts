// The authorization matrix as data: for every operation of the API, who may perform it and under which
// relation to the object it acts on. It is the specification the policies (`src/*/*.policy.ts`) implement;
// `test/authorization-matrix.test.ts` holds the two together: it fails when a route has no entry (or an
// entry no route), and it sends every operation as every role — with objects of another unit and another
// citizen's draft — checking that exactly what the matrix allows gets through and every refusal is logged.
//
// Reading an entry: `allow` lists grants; any one suffices. System administrators hold every role in
// every unit (`holdsRoleAt`), so every grant to a staff role — or an empty `allow`, "system administrators
// only" — lets them through.
import type { Role } from '../identity/roles.js';

/** Who a grant is for: anybody (no sign-in), the citizen holding the draft's token, any signed-in staff member, or a role. */
export type Subject = 'anyone' | 'draft_holder' | 'staff' | Role;

/**
 * How the unit where the role is held must relate to the object.
 * - `any`: no relation (public data, one's own lists that the service scopes to one's units).
 * - `self`: one's own account or session.
 * - `unit`: the role is held in the object's unit itself (desk officers, specialists, leaders act in their unit only).
 * - `unit_or_above`: in the object's unit or a unit above it (administrators and supervisors reach down).
 * - `root`: in a unit without a parent (the province or a ministry: the catalogue and process definitions).
 * - `receiving_desk`: in the dossier's receiving desk.
 * - `dossier_unit`: any role in the receiving desk or a unit that had a step of the dossier (seeing it).
 * - `active_step`: the role and unit of an active step of the dossier — its assignee, or anyone holding it when unassigned.
 * - `step_leader`: a leader of the unit of an active step (assigning it; the apology).
 * - `uploader`: the staff member who uploaded the file.
 */
export type Relation = 'any' | 'self' | 'unit' | 'unit_or_above' | 'root' | 'receiving_desk' | 'dossier_unit' | 'active_step' | 'step_leader' | 'uploader';

/** What the operation acts on (the object whose unit or owner the relation is about). */
export type ObjectKind =
  | 'none'
  | 'session'
  | 'account'
  | 'unit'
  | 'calendar'
  | 'procedure'
  | 'process_definition'
  | 'dossier'
  | 'task'
  | 'draft'
  | 'report_scope'
  | 'document'
  | 'attachment';

export interface Grant {
  readonly who: Subject;
  readonly relation: Relation;
}

export interface MatrixEntry {
  /** `METHOD /path/{param}` exactly as in the OpenAPI document. */
  readonly operation: string;
  readonly object: ObjectKind;
  readonly allow: readonly Grant[];
  /** Allowed to all it is granted to, but the answer holds only what the actor may see (lists). */
  readonly scoped?: string;
}

const anyone: Grant[] = [{ who: 'anyone', relation: 'any' }];
const anyStaff: Grant[] = [{ who: 'staff', relation: 'any' }];
const self: Grant[] = [{ who: 'staff', relation: 'self' }];
const unitAdmin: Grant[] = [{ who: 'administrator', relation: 'unit_or_above' }];
const rootAdmin: Grant[] = [{ who: 'administrator', relation: 'root' }];
const systemAdminOnly: Grant[] = [];
const seesDossier: Grant[] = [{ who: 'staff', relation: 'dossier_unit' }];
const receivingDesk: Grant[] = [{ who: 'desk_officer', relation: 'receiving_desk' }];
const activeStep: Grant[] = [{ who: 'staff', relation: 'active_step' }];
const reportReaders: Grant[] = [
  { who: 'leader', relation: 'unit' },
  { who: 'supervisor', relation: 'unit_or_above' },
  { who: 'administrator', relation: 'unit_or_above' },
];

const entries: MatrixEntry[] = [
  // Health and sign-in
  { operation: 'GET /health', object: 'none', allow: anyone },
  { operation: 'GET /ready', object: 'none', allow: anyone },
  { operation: 'POST /api/v1/auth/login', object: 'none', allow: anyone },
  { operation: 'POST /api/v1/auth/logout', object: 'session', allow: anyone },
  { operation: 'POST /api/v1/auth/logout-all', object: 'session', allow: self },
  { operation: 'POST /api/v1/auth/password', object: 'account', allow: self },
  { operation: 'GET /api/v1/auth/me', object: 'account', allow: self },
  // Staff accounts: administrators of every unit where the account holds (or gets) a role
  { operation: 'GET /api/v1/staff', object: 'unit', allow: unitAdmin, scoped: 'accounts with a role in the units one administers' },
  { operation: 'POST /api/v1/staff', object: 'unit', allow: unitAdmin },
  { operation: 'PUT /api/v1/staff/{id}/roles', object: 'account', allow: unitAdmin },
  { operation: 'POST /api/v1/staff/{id}/disable', object: 'account', allow: unitAdmin },
  { operation: 'POST /api/v1/staff/{id}/enable', object: 'account', allow: unitAdmin },
  // Units: public reads; administrators of the unit or above change them (new roots: system administrators)
  { operation: 'GET /api/v1/units', object: 'unit', allow: anyone },
  { operation: 'GET /api/v1/units/{id}', object: 'unit', allow: anyone },
  { operation: 'GET /api/v1/units/{id}/subtree', object: 'unit', allow: anyone },
  { operation: 'GET /api/v1/units/{id}/office-hours', object: 'unit', allow: anyone },
  { operation: 'GET /api/v1/units/{id}/parents', object: 'unit', allow: anyone },
  { operation: 'POST /api/v1/units', object: 'unit', allow: unitAdmin },
  { operation: 'PATCH /api/v1/units/{id}', object: 'unit', allow: unitAdmin },
  { operation: 'DELETE /api/v1/units/{id}', object: 'unit', allow: unitAdmin },
  { operation: 'POST /api/v1/units/{id}/move', object: 'unit', allow: unitAdmin },
  { operation: 'POST /api/v1/units/import', object: 'unit', allow: unitAdmin },
  { operation: 'GET /api/v1/units/{id}/signing-certificate', object: 'unit', allow: anyStaff },
  { operation: 'PUT /api/v1/units/{id}/signing-certificate', object: 'unit', allow: unitAdmin },
  // The legal clock: public; a unit's calendar by its administrators, the national one by system administrators
  { operation: 'GET /api/v1/calendar', object: 'calendar', allow: anyone },
  { operation: 'POST /api/v1/calendar', object: 'calendar', allow: unitAdmin },
  { operation: 'POST /api/v1/calendar/due-date', object: 'none', allow: anyone },
  { operation: 'GET /api/v1/calendar/rule-sets', object: 'none', allow: anyone },
  { operation: 'POST /api/v1/calendar/classify', object: 'none', allow: anyone },
  { operation: 'GET /api/v1/calendar/{id}/days', object: 'calendar', allow: anyone },
  { operation: 'GET /api/v1/calendar/{id}/years/{year}', object: 'calendar', allow: anyone },
  { operation: 'PUT /api/v1/calendar/{id}/years/{year}', object: 'calendar', allow: unitAdmin },
  { operation: 'GET /api/v1/calendar/{id}/years/{year}/versions', object: 'calendar', allow: anyone },
  // The procedure catalogue: public reads of published versions; administrators of a root unit edit it
  { operation: 'GET /api/v1/procedures', object: 'procedure', allow: anyone },
  { operation: 'GET /api/v1/procedures/fields', object: 'procedure', allow: anyone },
  { operation: 'GET /api/v1/procedures/export', object: 'procedure', allow: anyone },
  { operation: 'GET /api/v1/procedures/versions/{id}', object: 'procedure', allow: anyone, scoped: 'drafts only for catalogue administrators' },
  { operation: 'GET /api/v1/procedures/{code}', object: 'procedure', allow: anyone, scoped: 'drafts only for catalogue administrators' },
  { operation: 'GET /api/v1/procedures/{code}/versions', object: 'procedure', allow: anyone, scoped: 'drafts only for catalogue administrators' },
  { operation: 'GET /api/v1/procedures/drafts', object: 'procedure', allow: rootAdmin },
  { operation: 'POST /api/v1/procedures', object: 'procedure', allow: rootAdmin },
  { operation: 'POST /api/v1/procedures/import', object: 'procedure', allow: rootAdmin },
  { operation: 'POST /api/v1/procedures/{code}/versions', object: 'procedure', allow: rootAdmin },
  { operation: 'PATCH /api/v1/procedures/{code}/versions/{version}', object: 'procedure', allow: rootAdmin },
  { operation: 'DELETE /api/v1/procedures/{code}/versions/{version}', object: 'procedure', allow: rootAdmin },
  { operation: 'POST /api/v1/procedures/{code}/versions/{version}/publish', object: 'procedure', allow: rootAdmin },
  // Process definitions: staff read them; administrators of a root unit define them
  { operation: 'GET /api/v1/process-definitions', object: 'process_definition', allow: anyStaff },
  { operation: 'GET /api/v1/process-definitions/in-force', object: 'process_definition', allow: anyStaff },
  { operation: 'GET /api/v1/process-definitions/versions', object: 'process_definition', allow: anyStaff },
  { operation: 'GET /api/v1/process-definitions/{id}', object: 'process_definition', allow: anyStaff },
  { operation: 'GET /api/v1/process-definitions/{id}/check', object: 'process_definition', allow: anyStaff },
  { operation: 'POST /api/v1/process-definitions', object: 'process_definition', allow: rootAdmin },
  { operation: 'PATCH /api/v1/process-definitions/{id}', object: 'process_definition', allow: rootAdmin },
  { operation: 'DELETE /api/v1/process-definitions/{id}', object: 'process_definition', allow: rootAdmin },
  { operation: 'POST /api/v1/process-definitions/{id}/publish', object: 'process_definition', allow: rootAdmin },
  // Dossiers, staff
  { operation: 'POST /api/v1/dossiers', object: 'dossier', allow: receivingDesk },
  { operation: 'POST /api/v1/dossiers/import', object: 'dossier', allow: systemAdminOnly },
  // Background jobs: the dead letters and their replay, report rebuilds (system administrators)
  { operation: 'GET /api/v1/admin/jobs', object: 'none', allow: systemAdminOnly },
  { operation: 'GET /api/v1/admin/jobs/{id}', object: 'none', allow: systemAdminOnly },
  { operation: 'POST /api/v1/admin/jobs/{id}/replay', object: 'none', allow: systemAdminOnly },
  { operation: 'POST /api/v1/admin/reports/rebuild', object: 'none', allow: systemAdminOnly },
  { operation: 'GET /api/v1/dossiers', object: 'dossier', allow: anyStaff, scoped: 'dossiers of the units one works in' },
  { operation: 'GET /api/v1/dossiers/worklist', object: 'dossier', allow: anyStaff, scoped: 'one’s own desk, unit and steps' },
  { operation: 'GET /api/v1/dossiers/by-code/{code}', object: 'dossier', allow: seesDossier },
  { operation: 'GET /api/v1/dossiers/{id}', object: 'dossier', allow: seesDossier },
  { operation: 'GET /api/v1/dossiers/{id}/events', object: 'dossier', allow: seesDossier },
  { operation: 'GET /api/v1/dossiers/{id}/control-sheet', object: 'dossier', allow: seesDossier },
  { operation: 'PATCH /api/v1/dossiers/{id}/draft', object: 'dossier', allow: receivingDesk },
  { operation: 'POST /api/v1/dossiers/{id}/receive', object: 'dossier', allow: receivingDesk },
  { operation: 'POST /api/v1/dossiers/{id}/return-for-completion', object: 'dossier', allow: receivingDesk },
  { operation: 'POST /api/v1/dossiers/{id}/refuse', object: 'dossier', allow: receivingDesk },
  { operation: 'POST /api/v1/dossiers/{id}/consultations', object: 'dossier', allow: activeStep },
  { operation: 'POST /api/v1/dossiers/{id}/supplement-request', object: 'dossier', allow: activeStep },
  { operation: 'POST /api/v1/dossiers/{id}/payment-request', object: 'dossier', allow: activeStep },
  { operation: 'POST /api/v1/dossiers/{id}/resume', object: 'dossier', allow: receivingDesk },
  { operation: 'POST /api/v1/dossiers/{id}/apology', object: 'dossier', allow: [{ who: 'leader', relation: 'step_leader' }, { who: 'leader', relation: 'receiving_desk' }] },
  { operation: 'POST /api/v1/dossiers/{id}/return', object: 'dossier', allow: receivingDesk },
  { operation: 'POST /api/v1/dossiers/{id}/early-return-notice', object: 'dossier', allow: receivingDesk },
  { operation: 'POST /api/v1/dossiers/{id}/withdraw', object: 'dossier', allow: receivingDesk },
  { operation: 'POST /api/v1/dossiers/{id}/stop', object: 'dossier', allow: receivingDesk },
  { operation: 'POST /api/v1/dossiers/{id}/cancel', object: 'dossier', allow: [{ who: 'administrator', relation: 'receiving_desk' }, { who: 'administrator', relation: 'unit_or_above' }] },
  { operation: 'POST /api/v1/dossiers/{id}/tasks/{taskId}/assign', object: 'task', allow: [{ who: 'leader', relation: 'step_leader' }, { who: 'staff', relation: 'active_step' }] },
  { operation: 'POST /api/v1/dossiers/{id}/tasks/{taskId}/complete', object: 'task', allow: activeStep },
  { operation: 'POST /api/v1/dossiers/{id}/tasks/{taskId}/send-back', object: 'task', allow: activeStep },
  { operation: 'POST /api/v1/dossiers/{id}/tasks/{taskId}/answer', object: 'task', allow: activeStep },
  // Dossiers, citizens: no login; one's own draft by its token
  { operation: 'POST /api/v1/public/dossiers', object: 'draft', allow: anyone },
  { operation: 'GET /api/v1/public/dossiers/{id}', object: 'draft', allow: [{ who: 'draft_holder', relation: 'self' }] },
  { operation: 'PATCH /api/v1/public/dossiers/{id}', object: 'draft', allow: [{ who: 'draft_holder', relation: 'self' }] },
  { operation: 'POST /api/v1/public/dossiers/{id}/submit', object: 'draft', allow: [{ who: 'draft_holder', relation: 'self' }] },
  { operation: 'POST /api/v1/public/dossiers/{id}/attachments', object: 'draft', allow: [{ who: 'draft_holder', relation: 'self' }] },
  { operation: 'GET /api/v1/public/dossiers/{id}/attachments', object: 'draft', allow: [{ who: 'draft_holder', relation: 'self' }] },
  { operation: 'GET /api/v1/public/dossiers/{id}/attachments/{attachmentId}', object: 'draft', allow: [{ who: 'draft_holder', relation: 'self' }] },
  { operation: 'DELETE /api/v1/public/dossiers/{id}/attachments/{attachmentId}', object: 'draft', allow: [{ who: 'draft_holder', relation: 'self' }] },
  { operation: 'GET /api/v1/public/dossiers/lookup/{code}', object: 'dossier', allow: anyone, scoped: 'no personal data' },
  // Reports: leaders of the unit, supervisors and administrators of it or above
  { operation: 'GET /api/v1/reports/figures', object: 'report_scope', allow: reportReaders },
  { operation: 'GET /api/v1/reports/ranking', object: 'report_scope', allow: reportReaders },
  { operation: 'GET /api/v1/reports/monthly', object: 'report_scope', allow: reportReaders },
  { operation: 'GET /api/v1/reports/dossiers', object: 'report_scope', allow: reportReaders },
  { operation: 'GET /api/v1/reports/forms/{form}', object: 'report_scope', allow: reportReaders },
  // Documents: those who see the dossier; a desk's register for its staff and those above
  { operation: 'GET /api/v1/dossiers/{id}/documents', object: 'dossier', allow: seesDossier },
  { operation: 'GET /api/v1/dossiers/{id}/documents/{form}', object: 'dossier', allow: seesDossier },
  {
    operation: 'GET /api/v1/documents/register',
    object: 'unit',
    allow: [{ who: 'desk_officer', relation: 'unit' }, { who: 'leader', relation: 'unit' }, { who: 'administrator', relation: 'unit_or_above' }, { who: 'supervisor', relation: 'unit_or_above' }],
  },
  { operation: 'GET /api/v1/documents/{id}', object: 'document', allow: seesDossier },
  { operation: 'GET /api/v1/documents/{id}/pdf', object: 'document', allow: seesDossier },
  { operation: 'GET /api/v1/documents/{id}/reprint', object: 'document', allow: seesDossier },
  { operation: 'GET /api/v1/documents/{id}/verify', object: 'document', allow: seesDossier },
  // Files: uploading alone is for any staff member; reading for the uploader or those who see the dossier
  { operation: 'POST /api/v1/attachments', object: 'attachment', allow: anyStaff },
  { operation: 'GET /api/v1/attachments/{id}', object: 'attachment', allow: [{ who: 'staff', relation: 'uploader' }, ...seesDossier] },
  { operation: 'POST /api/v1/dossiers/{id}/attachments', object: 'dossier', allow: seesDossier },
  { operation: 'GET /api/v1/dossiers/{id}/attachments', object: 'dossier', allow: seesDossier },
  { operation: 'GET /api/v1/dossiers/{id}/attachments/{attachmentId}', object: 'attachment', allow: seesDossier },
];

export const AUTHORIZATION_MATRIX: ReadonlyMap<string, MatrixEntry> = new Map(entries.map((entry) => [entry.operation, entry]));

/** Who asks, as the matrix sees it: nobody signed in, a citizen (with or without the draft's token), or a staff member with a role. */
export type Requester =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'citizen'; readonly ownsDraft: boolean }
  | { readonly kind: 'staff'; readonly role: Role | 'system_admin'; readonly relations: ReadonlySet<Relation> };

/** Whether the matrix lets the requester perform the operation on an object they stand in `relations` to. */
export function matrixAllows(entry: MatrixEntry, requester: Requester): boolean {
  if (requester.kind === 'staff' && requester.role === 'system_admin') return !entry.allow.some((g) => g.who === 'draft_holder');
  return entry.allow.some((grant) => {
    if (grant.who === 'anyone') return true;
    if (grant.who === 'draft_holder') return requester.kind === 'citizen' && requester.ownsDraft;
    if (requester.kind !== 'staff') return false;
    if (grant.who !== 'staff' && grant.who !== requester.role) return false;
    return grant.relation === 'any' || requester.relations.has(grant.relation);
  });
}
