// Request validation: strict JSON bodies (no type coercion, unknown fields refused), lenient
// query strings and path parameters (strings coerced to the declared type), and field-level
// error details a person can read, in Vietnamese and English.
import { Ajv, type ErrorObject, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { Language } from './language.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const common: Options = { allErrors: true, strict: false, useDefaults: true, removeAdditional: false, messages: false };
const bodyAjv = addFormats(new Ajv({ ...common, coerceTypes: false }));
const parameterAjv = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));

/**
 * Where the first string holding a NUL character is (PostgreSQL cannot store one in text) as a JSON pointer, or
 * null. The pointer is built only on the way back from a find: every request body is walked, and nearly none has one.
 */
function nulPath(value: unknown, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? '' : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], depth + 1);
      if (found !== null) return `/${i}${found}`;
    }
    return null;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const found = nulPath((value as Record<string, unknown>)[key], depth + 1);
    if (found !== null) return `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}${found}`;
  }
  return null;
}

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : parameterAjv;
  const validate = ajv.compile(schema);
  // Every string of every request is also free of NUL characters, so no value can break a query.
  const withoutNul = (data: unknown) => {
    if (!validate(data)) {
      withoutNul.errors = validate.errors;
      return false;
    }
    const path = nulPath(data);
    withoutNul.errors = path === null ? null : [{ instancePath: path, keyword: 'noNulCharacter', params: {}, schemaPath: '#' } as ErrorObject];
    return path === null;
  };
  withoutNul.errors = null as ErrorObject[] | null | undefined;
  return withoutNul as unknown as ReturnType<FastifySchemaCompiler<object>>;
};

export interface FieldProblem {
  /** Where: body.name, querystring.limit, params.id… */
  readonly field: string;
  /** The JSON-schema keyword that failed (required, type, maxLength, additionalProperties…). */
  readonly rule: string;
  readonly message: string;
}

const MAX_PROBLEMS = 20;

export function describeValidationErrors(errors: ErrorObject[], part: string, lang: Language): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = fieldOf(error, part);
    const key = `${field}|${error.keyword}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ field, rule: error.keyword, message: explain(error, lang) });
    if (problems.length >= MAX_PROBLEMS) break;
  }
  return problems;
}

function fieldOf(error: ErrorObject, part: string): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') path.push(String(params.missingProperty));
  if (error.keyword === 'additionalProperties') path.push(String(params.additionalProperty));
  return [part, ...path].join('.');
}

function explain(error: ErrorObject, lang: Language): string {
  const p = error.params as Record<string, unknown>;
  const vi = lang === 'vi';
  switch (error.keyword) {
    case 'required':
      return vi ? 'Trường này là bắt buộc.' : 'This field is required.';
    case 'additionalProperties':
      return vi ? 'Trường này không được chấp nhận.' : 'This field is not accepted.';
    case 'type':
      return vi ? `Phải có kiểu ${typeName(String(p.type), lang)}.` : `Must be of type ${typeName(String(p.type), lang)}.`;
    case 'maxLength':
      return vi ? `Tối đa ${p.limit} ký tự.` : `At most ${p.limit} characters.`;
    case 'minLength':
      return vi ? `Tối thiểu ${p.limit} ký tự.` : `At least ${p.limit} characters.`;
    case 'maxItems':
      return vi ? `Tối đa ${p.limit} phần tử.` : `At most ${p.limit} items.`;
    case 'minItems':
      return vi ? `Tối thiểu ${p.limit} phần tử.` : `At least ${p.limit} items.`;
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return vi ? `Giá trị phải ${p.comparison} ${p.limit}.` : `Must be ${p.comparison} ${p.limit}.`;
    case 'format':
      return vi ? `Không đúng định dạng ${p.format}.` : `Must be a valid ${p.format}.`;
    case 'pattern':
      return vi ? 'Không đúng định dạng quy định.' : 'Does not have the required format.';
    case 'noNulCharacter':
      return vi ? 'Không được chứa ký tự NUL.' : 'Must not contain a NUL character.';
    case 'enum':
    case 'const':
      return vi ? 'Giá trị không nằm trong danh sách cho phép.' : 'Is not one of the allowed values.';
    case 'anyOf':
    case 'oneOf':
      return vi ? 'Giá trị không khớp với dạng nào được chấp nhận.' : 'Does not match any accepted form.';
    default:
      return vi ? 'Giá trị không hợp lệ.' : 'Is not valid.';
  }
}

function typeName(type: string, lang: Language): string {
  if (lang === 'en') return type;
  const names: Record<string, string> = {
    string: 'chuỗi ký tự',
    integer: 'số nguyên',
    number: 'số',
    boolean: 'đúng/sai (boolean)',
    object: 'đối tượng',
    array: 'danh sách',
    null: 'null',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' hoặc ');
}
