// Demo process definitions: one for every case of every demo procedure, published from the day the
// demo catalogue is in force. The land transfer is the inter-agency land-and-tax route; commune-level
// procedures are processed by the applicant's commune; provincial ones by their implementing agency.
import type { Services } from '../composition.js';
import type { Actor } from '../identity/roles.js';
import type { StepUnit } from '../workflow/process-definition.js';
import { landAndTaxProcess, standardProcess } from '../workflow/templates.js';
import { DEMO_CATALOGUE_FROM, DEMO_PROCEDURE_LIST, DEMO_PROCEDURES } from './demo-procedures.js';

const LAND_OFFICE = '000.01.12.H01';
const TAX = '000.00.31.H01';
/** Desks receive and return; they do not appraise. */
const DESK_CODES = new Set(['000.01.01.H01']);

function processingUnit(levels: readonly string[], implementingUnitCodes: readonly string[]): StepUnit {
  if (levels.includes('commune')) return { kind: 'applicant_commune' };
  const agency = implementingUnitCodes.find((code) => !DESK_CODES.has(code));
  return agency ? { kind: 'unit', unitCode: agency } : { kind: 'unit', unitCode: '000.00.01.H01' };
}

export async function seedDemoProcesses(services: Services, actor: Actor): Promise<void> {
  for (const procedure of DEMO_PROCEDURE_LIST) {
    for (const [index, input] of (procedure.cases ?? []).entries()) {
      const procedureCase = { ...input, code: input.code ?? `TH${index + 1}` };
      const limit = { amount: procedureCase.timeLimit.amount, unit: procedureCase.timeLimit.unit, noAppointmentDate: procedureCase.noAppointmentDate ?? false };
      const body =
        procedure.code === DEMO_PROCEDURES.landTransfer.code && procedureCase.code === DEMO_PROCEDURES.landTransfer.caseCode
          ? landAndTaxProcess(LAND_OFFICE, TAX)
          : standardProcess(limit, processingUnit(procedure.levels ?? [], procedure.implementingUnitCodes));
      const draft = await services.workflow.createDraft(actor, { procedureCode: procedure.code, caseCode: procedureCase.code, name: `${procedure.name ?? procedure.code} — ${procedureCase.name}`.slice(0, 255), body });
      await services.workflow.publish(actor, draft.id, { revision: draft.revision, effectiveFrom: DEMO_CATALOGUE_FROM });
    }
  }
}
