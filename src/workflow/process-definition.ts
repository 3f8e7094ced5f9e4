// Process definitions (quy trình nội bộ, quy trình điện tử): the ordered stages a dossier of one
// procedure case passes through, each step with the unit and role that act and a time allotment.
//
// Shape: a list of stages run one after another. A stage has one branch (a plain sequential step or
// steps) or several branches run in parallel (liên thông: e.g. the land registration office and the tax
// office at once), exactly one of them the lead; a stage ends when all its branches have ended (the
// join). Sequential hand-offs across levels are consecutive stages in different units.
// Pure: no I/O. Published definitions are immutable (see workflow.service.ts).

export type StepRole = 'desk_officer' | 'specialist' | 'leader';
export const STEP_ROLES: readonly StepRole[] = ['desk_officer', 'specialist', 'leader'];

/**
 * What a step does:
 * - intake: the one-stop desk receives and forwards the dossier (done at receipt; always the first step);
 * - process: appraise, verify, compute (thẩm định, xác minh, tính nghĩa vụ tài chính);
 * - decide: a leader approves or refuses and records the decision (exactly one per definition);
 * - return: the desk hands the result back (always the last step).
 */
export type StepKind = 'intake' | 'process' | 'decide' | 'return';
export const STEP_KINDS: readonly StepKind[] = ['intake', 'process', 'decide', 'return'];

/** Who acts: the desk that received the dossier, the commune of the applicant (the desk's commune), or a named unit. */
export type StepUnit = { readonly kind: 'receiving_desk' } | { readonly kind: 'applicant_commune' } | { readonly kind: 'unit'; readonly unitCode: string };

export type AllotmentUnit = 'working_hours' | 'working_days';

export interface Allotment {
  readonly amount: number;
  readonly unit: AllotmentUnit;
}

export interface LocalisedName {
  readonly vi: string;
  readonly en: string;
}

export interface StepDefinition {
  readonly key: string;
  readonly name: LocalisedName;
  readonly kind: StepKind;
  readonly role: StepRole;
  readonly unit: StepUnit;
  readonly allotment: Allotment;
}

export interface BranchDefinition {
  readonly key: string;
  readonly name: LocalisedName;
  /** The lead unit of a parallel stage (cơ quan chủ trì); a single-branch stage's branch is its own lead. */
  readonly lead: boolean;
  readonly steps: readonly StepDefinition[];
}

export interface StageDefinition {
  readonly key: string;
  readonly name: LocalisedName;
  readonly branches: readonly BranchDefinition[];
}

export interface ProcessBody {
  readonly stages: readonly StageDefinition[];
}

/** The legal time limit a definition must add up to (from the procedure case). */
export interface LegalLimit {
  readonly amount: number;
  readonly unit: 'working_days' | 'working_hours' | 'calendar_days';
  readonly noAppointmentDate: boolean;
}

export const WORKING_HOURS_PER_DAY = 8;

export function allotmentHours(allotment: Allotment): number {
  return allotment.unit === 'working_days' ? allotment.amount * WORKING_HOURS_PER_DAY : allotment.amount;
}

/** Working hours of a stage: its longest branch (branches run in parallel). */
export function stageHours(stage: StageDefinition): number {
  return Math.max(0, ...stage.branches.map((b) => b.steps.reduce((sum, s) => sum + allotmentHours(s.allotment), 0)));
}

/** The working hours a legal limit stands for (for calendar days: the most the allotments may add up to). */
export function legalLimitHours(limit: LegalLimit): number {
  return limit.unit === 'working_hours' ? limit.amount : limit.amount * WORKING_HOURS_PER_DAY;
}

export function totalHours(body: ProcessBody): number {
  return body.stages.reduce((sum, stage) => sum + stageHours(stage), 0);
}

/** Stable codes of what keeps a definition from publication (clients translate them; the message is English). */
export type DefinitionProblemCode =
  | 'TOO_FEW_STAGES'
  | 'BAD_KEY'
  | 'DUPLICATE_KEY'
  | 'NO_BRANCH'
  | 'LEAD_BRANCH'
  | 'NO_STEP'
  | 'BAD_ALLOTMENT'
  | 'INTAKE_NOT_FIRST'
  | 'RETURN_NOT_LAST'
  | 'DESK_STEP_ACTOR'
  | 'DECISION_IN_PARALLEL'
  | 'DECISION_NOT_LEADER'
  | 'NO_UNIT_CODE'
  | 'FIRST_STAGE_SHAPE'
  | 'LAST_STAGE_SHAPE'
  | 'DECISION_COUNT'
  | 'ALLOTMENTS_EXCEED_LIMIT'
  | 'ALLOTMENTS_MISMATCH'
  | 'UNKNOWN_UNIT'
  | 'UNIT_NOT_IN_FORCE';

export interface DefinitionProblem {
  readonly path: string;
  readonly code: DefinitionProblemCode;
  readonly message: string;
  /** The values the message names (a key, a number of hours, a unit code…). */
  readonly params?: Readonly<Record<string, string | number>>;
}

const KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** Every problem that keeps a definition from being published (empty: it can be published). */
export function definitionProblems(body: ProcessBody, limit: LegalLimit | null): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (path: string, code: DefinitionProblemCode, message: string, params?: Record<string, string | number>) => problems.push({ path, code, message, ...(params ? { params } : {}) });
  const stages = body.stages;
  if (stages.length < 2) add('stages', 'TOO_FEW_STAGES', 'a process needs at least an intake stage and a return stage');
  const stageKeys = new Set<string>();
  const stepKeys = new Set<string>();
  let decideSteps = 0;
  stages.forEach((stage, si) => {
    const at = `stages.${si}`;
    if (!KEY.test(stage.key)) add(`${at}.key`, 'BAD_KEY', 'keys are 1–40 lowercase letters, digits, _ or -');
    if (stageKeys.has(stage.key)) add(`${at}.key`, 'DUPLICATE_KEY', `stage key ${stage.key} is used twice`, { key: stage.key });
    stageKeys.add(stage.key);
    if (stage.branches.length === 0) add(`${at}.branches`, 'NO_BRANCH', 'a stage needs at least one branch');
    const branchKeys = new Set<string>();
    const leads = stage.branches.filter((b) => b.lead).length;
    if (stage.branches.length > 1 && leads !== 1) add(`${at}.branches`, 'LEAD_BRANCH', 'a parallel stage needs exactly one lead branch (cơ quan chủ trì)');
    stage.branches.forEach((branch, bi) => {
      const bat = `${at}.branches.${bi}`;
      if (!KEY.test(branch.key)) add(`${bat}.key`, 'BAD_KEY', 'keys are 1–40 lowercase letters, digits, _ or -');
      if (branchKeys.has(branch.key)) add(`${bat}.key`, 'DUPLICATE_KEY', `branch key ${branch.key} is used twice in this stage`, { key: branch.key });
      branchKeys.add(branch.key);
      if (branch.steps.length === 0) add(`${bat}.steps`, 'NO_STEP', 'a branch needs at least one step');
      branch.steps.forEach((step, ti) => {
        const sat = `${bat}.steps.${ti}`;
        if (!KEY.test(step.key)) add(`${sat}.key`, 'BAD_KEY', 'keys are 1–40 lowercase letters, digits, _ or -');
        if (stepKeys.has(step.key)) add(`${sat}.key`, 'DUPLICATE_KEY', `step key ${step.key} is used twice`, { key: step.key });
        stepKeys.add(step.key);
        if (!Number.isInteger(step.allotment.amount) || step.allotment.amount < 1) add(`${sat}.allotment.amount`, 'BAD_ALLOTMENT', 'an allotment is a whole number of hours or days, at least 1');
        const isFirst = si === 0 && ti === 0;
        const isLast = si === stages.length - 1 && ti === branch.steps.length - 1;
        if (step.kind === 'intake' && !isFirst) add(`${sat}.kind`, 'INTAKE_NOT_FIRST', 'only the first step is the intake at the desk');
        if (step.kind === 'return' && !isLast) add(`${sat}.kind`, 'RETURN_NOT_LAST', 'only the last step is the return of the result');
        if ((step.kind === 'intake' || step.kind === 'return') && (step.unit.kind !== 'receiving_desk' || step.role !== 'desk_officer')) {
          add(`${sat}`, 'DESK_STEP_ACTOR', 'intake and return are done by a desk officer of the receiving desk');
        }
        if (step.kind === 'decide') {
          decideSteps++;
          if (stage.branches.length > 1) add(`${sat}.kind`, 'DECISION_IN_PARALLEL', 'the decision is taken in a single-branch stage, after the parallel work has joined');
          if (step.role !== 'leader') add(`${sat}.role`, 'DECISION_NOT_LEADER', 'the decision is taken by a leader');
        }
        if (step.unit.kind === 'unit' && !step.unit.unitCode.trim()) add(`${sat}.unit.unitCode`, 'NO_UNIT_CODE', 'name the unit by its identifier code');
      });
    });
  });
  const first = stages[0];
  if (first && (first.branches.length !== 1 || first.branches[0]?.steps.length !== 1 || first.branches[0]?.steps[0]?.kind !== 'intake')) {
    add('stages.0', 'FIRST_STAGE_SHAPE', 'the first stage is exactly one intake step at the receiving desk');
  }
  const last = stages[stages.length - 1];
  const lastBranchSteps = last?.branches[0]?.steps ?? [];
  if (stages.length >= 2 && (last!.branches.length !== 1 || lastBranchSteps[lastBranchSteps.length - 1]?.kind !== 'return')) {
    add(`stages.${stages.length - 1}`, 'LAST_STAGE_SHAPE', 'the last stage is a single branch ending with the return of the result');
  }
  if (decideSteps !== 1) add('stages', 'DECISION_COUNT', `a process has exactly one decision step (found ${decideSteps})`, { found: decideSteps });
  if (limit && !limit.noAppointmentDate) {
    const hours = totalHours(body);
    const limitHours = legalLimitHours(limit);
    if (limit.unit === 'calendar_days') {
      // Calendar days hold at least as many working days as fit in them; allotments must not exceed the limit.
      if (hours > limitHours) add('stages', 'ALLOTMENTS_EXCEED_LIMIT', `the allotments (${hours} working hours) exceed the legal limit of ${limit.amount} calendar days`, { hours, limitHours });
    } else {
      if (hours !== limitHours) add('stages', 'ALLOTMENTS_MISMATCH', `the allotments add up to ${hours} working hours; the legal limit is ${limitHours} (${limit.amount} ${limit.unit.replace('_', ' ')})`, { hours, limitHours });
    }
  }
  return problems;
}

/** Where a step sits in a definition. */
export interface StepPosition {
  readonly stageIndex: number;
  readonly branchKey: string;
  readonly indexInBranch: number;
  readonly step: StepDefinition;
}

export function locateStep(body: ProcessBody, stepKey: string): StepPosition | undefined {
  for (let stageIndex = 0; stageIndex < body.stages.length; stageIndex++) {
    for (const branch of body.stages[stageIndex]!.branches) {
      const indexInBranch = branch.steps.findIndex((s) => s.key === stepKey);
      if (indexInBranch >= 0) return { stageIndex, branchKey: branch.key, indexInBranch, step: branch.steps[indexInBranch]! };
    }
  }
  return undefined;
}

/** The steps that start a stage: the first step of each of its branches. */
export function openingSteps(body: ProcessBody, stageIndex: number): StepPosition[] {
  const stage = body.stages[stageIndex];
  if (!stage) return [];
  return stage.branches.map((branch) => ({ stageIndex, branchKey: branch.key, indexInBranch: 0, step: branch.steps[0]! }));
}

/** The step after this one in its branch, or undefined at the end of the branch. */
export function nextInBranch(body: ProcessBody, position: StepPosition): StepPosition | undefined {
  const branch = body.stages[position.stageIndex]!.branches.find((b) => b.key === position.branchKey)!;
  const step = branch.steps[position.indexInBranch + 1];
  return step && { ...position, indexInBranch: position.indexInBranch + 1, step };
}

/**
 * The steps a step may send the dossier back to (trả lại bước trước): earlier steps of its own branch,
 * and, from a single-branch stage, the steps of earlier single-branch stages — never the intake (the
 * applicant completes a dossier through a supplement request instead).
 */
export function stepsToReturnTo(body: ProcessBody, stepKey: string): string[] {
  const here = locateStep(body, stepKey);
  if (!here) return [];
  const keys: string[] = [];
  const stage = body.stages[here.stageIndex]!;
  const branch = stage.branches.find((b) => b.key === here.branchKey)!;
  if (stage.branches.length === 1) {
    for (let si = 1; si < here.stageIndex; si++) {
      const earlier = body.stages[si]!;
      if (earlier.branches.length === 1) keys.push(...earlier.branches[0]!.steps.map((s) => s.key));
    }
  }
  keys.push(...branch.steps.slice(0, here.indexInBranch).map((s) => s.key));
  return keys.filter((key) => locateStep(body, key)!.step.kind !== 'intake');
}

export function allSteps(body: ProcessBody): StepDefinition[] {
  return body.stages.flatMap((stage) => stage.branches.flatMap((branch) => branch.steps));
}
