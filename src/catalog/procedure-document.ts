// From what an administrator (or an import) sends to a clean procedure document: trimmed NFC text,
// defaults, case codes TH1, TH2… and component codes TP1, TP2… where none were given; and the search
// columns derived from it.
import { searchWordsText } from '../search/search-text.js';
import type { VersionRecord } from './catalog.repository.js';
import type { FeeLine, LegalBasis, OnlineServiceLevel, ProcedureChannel, ProcedureDocument, ProcedureLevel, TimeLimit } from './procedure.js';

export interface ComponentInput {
  readonly code?: string;
  readonly name: string;
  readonly originals?: number;
  readonly copies?: number;
  readonly formTemplate?: { readonly name: string; readonly url: string } | null;
  readonly mandatory?: boolean;
}

export interface ProcedureCaseInput {
  readonly code?: string;
  readonly name: string;
  readonly timeLimit: TimeLimit;
  readonly fees?: readonly FeeLine[];
  readonly components?: readonly ComponentInput[];
  readonly cutOff?: string | null;
  readonly noAppointmentDate?: boolean;
}

export interface ProcedureDocumentInput {
  readonly name: string;
  readonly field: { readonly code: string; readonly name: string };
  readonly levels?: readonly ProcedureLevel[];
  readonly implementingUnitIds?: readonly string[];
  readonly implementingUnitsText?: string | null;
  readonly steps?: string;
  readonly methods?: readonly ProcedureChannel[];
  readonly targetApplicants?: string;
  readonly requirements?: string | null;
  readonly legalBasis?: readonly LegalBasis[];
  readonly results?: ReadonlyArray<{ readonly code?: string | null; readonly name: string }>;
  readonly onlineLevel?: OnlineServiceLevel;
  readonly legacyLevel?: 1 | 2 | 3 | 4 | null;
  readonly guidance?: string | null;
  readonly videoUrl?: string | null;
  readonly cases?: readonly ProcedureCaseInput[];
}

const text = (value: string | undefined | null): string => (value ?? '').normalize('NFC').trim();
const optionalText = (value: string | undefined | null): string | null => text(value) || null;

/** Assigns prefix1, prefix2… to the entries without a code, skipping codes already taken. */
function withCodes<T extends { readonly code?: string | undefined }>(items: readonly T[], prefix: string): Array<T & { code: string }> {
  const taken = new Set(items.map((i) => text(i.code)).filter(Boolean));
  let next = 1;
  return items.map((item) => {
    const given = text(item.code);
    if (given) return { ...item, code: given };
    while (taken.has(`${prefix}${next}`)) next++;
    taken.add(`${prefix}${next}`);
    return { ...item, code: `${prefix}${next}` };
  });
}

export function normaliseDocument(input: ProcedureDocumentInput): ProcedureDocument {
  return {
    name: text(input.name),
    field: { code: text(input.field.code), name: text(input.field.name) },
    levels: [...new Set(input.levels ?? [])],
    implementingUnitIds: [...new Set((input.implementingUnitIds ?? []).map((id) => id.toLowerCase()))],
    implementingUnitsText: optionalText(input.implementingUnitsText),
    steps: text(input.steps),
    methods: [...new Set<ProcedureChannel>(input.methods ?? ['in_person'])],
    targetApplicants: text(input.targetApplicants),
    requirements: optionalText(input.requirements),
    legalBasis: (input.legalBasis ?? []).map((l) => ({ number: text(l.number), title: text(l.title) })),
    results: (input.results ?? []).map((r) => ({ code: optionalText(r.code), name: text(r.name) })),
    onlineLevel: input.onlineLevel ?? 'offline',
    legacyLevel: input.legacyLevel ?? null,
    guidance: optionalText(input.guidance),
    videoUrl: optionalText(input.videoUrl),
    cases: withCodes(input.cases ?? [], 'TH').map((c) => ({
      code: c.code,
      name: text(c.name),
      timeLimit: { amount: c.timeLimit.amount, unit: c.timeLimit.unit },
      fees: (c.fees ?? []).map((f) => ({ description: text(f.description), amount: f.amount })),
      components: withCodes(c.components ?? [], 'TP').map((k) => ({
        code: k.code,
        name: text(k.name),
        originals: k.originals ?? 1,
        copies: k.copies ?? 0,
        formTemplate: k.formTemplate ? { name: text(k.formTemplate.name), url: text(k.formTemplate.url) } : null,
        mandatory: k.mandatory ?? true,
      })),
      cutOff: c.cutOff ?? null,
      noAppointmentDate: c.noAppointmentDate ?? false,
    })),
  };
}

/** The row to write for a version, with its search columns. */
export function versionRecord(id: string, procedureId: string, version: number, code: string, document: ProcedureDocument): VersionRecord {
  return {
    id,
    procedureId,
    version,
    document,
    // "Thủ tục đăng ký khai sinh" ranks as "đăng ký khai sinh": the prefix says nothing.
    searchName: searchWordsText(document.name).replace(/^ thu tuc /, ' '),
    searchText: searchWordsText(
      code,
      document.name,
      document.field.name,
      document.targetApplicants,
      document.implementingUnitsText,
      ...document.results.map((r) => r.name),
      ...document.cases.map((c) => c.name),
    ),
  };
}
