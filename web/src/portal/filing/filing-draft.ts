// The online filing's form and its draft on the server. The draft token (X-Draft-Token) and the step
// reached are kept in localStorage, so a closed tab resumes where it stopped; after submission the token
// stays in "my dossiers" on this device to follow the dossier until the desk gives it a code.
import { ApiError, api, idempotencyKey, unwrap, type ApiResponse, type components } from '../../api/client';
import { currentLang } from '../../i18n/i18n';

export type Dossier = components['schemas']['Dossier'];
export type Delivery = 'counter' | 'post' | 'electronic';
/** A file the citizen uploaded, with the component it documents. */
export type CitizenFile = ApiResponse<'/api/v1/public/dossiers/{id}/attachments', 'get'>['items'][number];

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

/** The components handed in: counted ones, and those with uploaded files (the server keeps their files). */
function componentsOf(form: FilingForm, withFiles: ReadonlySet<string> = new Set()) {
  return Object.entries(form.components)
    .filter(([code, c]) => c.originals + c.copies > 0 || withFiles.has(code))
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

export function updateDraft(draft: StoredDraft, form: FilingForm, withFiles: ReadonlySet<string>) {
  return unwrap(
    api.PATCH('/api/v1/public/dossiers/{id}', {
      params: { path: { id: draft.id }, header: { 'x-draft-token': draft.token, 'idempotency-key': idempotencyKey() } },
      body: { applicant: applicantOf(form), subject: form.subject.trim(), components: componentsOf(form, withFiles), resultDelivery: form.resultDelivery },
    }),
  );
}

export function submitDraft(draft: StoredDraft) {
  return unwrap(api.POST('/api/v1/public/dossiers/{id}/submit', { params: { path: { id: draft.id }, header: { 'x-draft-token': draft.token, 'idempotency-key': idempotencyKey() } } }));
}

export function readOwn(id: string, token: string) {
  return unwrap(api.GET('/api/v1/public/dossiers/{id}', { params: { path: { id }, header: { 'x-draft-token': token } } }));
}

export async function listFiles(draft: { readonly id: string; readonly token: string }): Promise<CitizenFile[]> {
  const list = await unwrap(api.GET('/api/v1/public/dossiers/{id}/attachments', { params: { path: { id: draft.id }, header: { 'x-draft-token': draft.token } } }));
  return list.items;
}

export function removeFile(draft: StoredDraft, fileId: string) {
  return unwrap(api.DELETE('/api/v1/public/dossiers/{id}/attachments/{attachmentId}', { params: { path: { id: draft.id, attachmentId: fileId }, header: { 'x-draft-token': draft.token } } }));
}

/**
 * Uploads one file for a component, reporting progress (0–1) as it goes: XMLHttpRequest, because fetch
 * cannot tell how much of a request body has been sent. Errors carry the server's code and message.
 */
export function uploadFile(draft: StoredDraft, componentCode: string, file: File, onProgress: (fraction: number) => void): Promise<CitizenFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/public/dossiers/${encodeURIComponent(draft.id)}/attachments?component=${encodeURIComponent(componentCode)}`);
    xhr.setRequestHeader('X-Draft-Token', draft.token);
    xhr.setRequestHeader('Accept-Language', currentLang());
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', ''));
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string; details?: unknown } } & Partial<CitizenFile> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: a proxy's page; the status says what happened
      }
      if (xhr.status === 201) return resolve(body as CitizenFile);
      reject(new ApiError(xhr.status, body.error?.code ?? `HTTP_${xhr.status}`, body.error?.message ?? '', body.error?.details));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
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
