// The online filing's form and its draft on the server. The draft token (X-Draft-Token) and the step
// reached are kept in localStorage, so a closed tab resumes where it stopped; after submission the token
// stays in "my dossiers" on this device to follow the dossier until the desk gives it a code.
import { api, idempotencyKey, unwrap, type components } from '../../api/client';

export type Dossier = components['schemas']['Dossier'];
export type Delivery = 'counter' | 'post' | 'electronic';

export interface FilingForm {
  caseCode: string;
  receivingUnitId: string;
  name: string;
  idNumber: string;
  phone: string;
  email: string;
  address: string;
  subject: string;
  components: Record<string, { originals: number; copies: number }>;
  resultDelivery: Delivery;
}

export interface StoredDraft {
  readonly id: string;
  readonly token: string;
  readonly step: number;
}

export interface OwnDossier {
  readonly id: string;
  readonly token: string;
  readonly procedureName: string;
  readonly submittedAt: string;
}

const draftKey = (procedureCode: string) => `motcua.draft.${procedureCode}`;
const OWN_KEY = 'motcua.ownDossiers';

function readJson<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export const draftStore = {
  get: (procedureCode: string) => readJson<StoredDraft>(draftKey(procedureCode)),
  set: (procedureCode: string, draft: StoredDraft) => localStorage.setItem(draftKey(procedureCode), JSON.stringify(draft)),
  clear: (procedureCode: string) => localStorage.removeItem(draftKey(procedureCode)),
};

export const ownDossiers = {
  list: () => readJson<OwnDossier[]>(OWN_KEY) ?? [],
  find: (id: string) => ownDossiers.list().find((d) => d.id === id) ?? null,
  add: (entry: OwnDossier) => localStorage.setItem(OWN_KEY, JSON.stringify([entry, ...ownDossiers.list().filter((d) => d.id !== entry.id)].slice(0, 20))),
};

function applicantOf(form: FilingForm) {
  const opt = (v: string) => (v.trim() ? v.trim() : null);
  return { kind: 'person' as const, name: form.name.trim(), idNumber: form.idNumber.trim(), phone: opt(form.phone), email: opt(form.email), address: opt(form.address) };
}

function componentsOf(form: FilingForm) {
  return Object.entries(form.components)
    .filter(([, c]) => c.originals + c.copies > 0)
    .map(([code, c]) => ({ code, originals: c.originals, copies: c.copies }));
}

export function createDraft(procedureCode: string, form: FilingForm) {
  return unwrap(
    api.POST('/api/v1/public/dossiers', {
      params: { header: { 'idempotency-key': idempotencyKey() } },
      body: { procedureCode, caseCode: form.caseCode, receivingUnitId: form.receivingUnitId, applicant: applicantOf(form), subject: form.subject.trim(), components: componentsOf(form), resultDelivery: form.resultDelivery, submit: false },
    }),
  );
}

export function updateDraft(draft: StoredDraft, form: FilingForm) {
  return unwrap(
    api.PATCH('/api/v1/public/dossiers/{id}', {
      params: { path: { id: draft.id }, header: { 'x-draft-token': draft.token, 'idempotency-key': idempotencyKey() } },
      body: { applicant: applicantOf(form), subject: form.subject.trim(), components: componentsOf(form), resultDelivery: form.resultDelivery },
    }),
  );
}

export function submitDraft(draft: StoredDraft) {
  return unwrap(api.POST('/api/v1/public/dossiers/{id}/submit', { params: { path: { id: draft.id }, header: { 'x-draft-token': draft.token, 'idempotency-key': idempotencyKey() } } }));
}

export function readOwn(id: string, token: string) {
  return unwrap(api.GET('/api/v1/public/dossiers/{id}', { params: { path: { id }, header: { 'x-draft-token': token } } }));
}

/** The form as the server keeps the draft (to resume it). */
export function formOfDossier(dossier: Dossier): FilingForm {
  return {
    caseCode: dossier.procedure.caseCode,
    receivingUnitId: dossier.receivingUnitId,
    name: dossier.applicant.name,
    idNumber: dossier.applicant.idNumber,
    phone: dossier.applicant.phone ?? '',
    email: dossier.applicant.email ?? '',
    address: dossier.applicant.address ?? '',
    subject: dossier.subject,
    components: Object.fromEntries(dossier.components.map((c) => [c.code, { originals: c.originals, copies: c.copies }])),
    resultDelivery: (dossier.resultDelivery as Delivery | null) ?? 'counter',
  };
}

export const ID_NUMBER = /^\d{12}$/;
export const PHONE = /^(\+84|0)[0-9]{9,10}$/;
export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
