// fast-check arbitraries derived from the JSON schemas of the OpenAPI document (the subset our TypeBox
// schemas produce: type, properties, required, additionalProperties, nullable, enum, anyOf, items,
// minimum/maximum, minLength/maxLength, minItems/maxItems, uniqueItems, pattern, format).
// `validValue` gives values the schema accepts; `invalidValue` values it must refuse — a wrong type, a
// boundary just outside, a missing required field, an unknown field, a broken pattern or format, deep
// inside an otherwise valid value; `anyValue` mixes both with plain garbage.
import fc from 'fast-check';

export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly nullable?: boolean;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly items?: JsonSchema;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly pattern?: string;
  readonly format?: string;
}

const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const isoInstant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const email = fc.constantFrom('a@b.vn', 'ubnd@angiang.gov.vn', 'nguyen.van.a@example.com');
/** Printable text without NUL (the server refuses NUL in every string, by design). */
const text = (minLength: number, maxLength: number) =>
  fc
    .oneof({ weight: 3, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme-ascii' }) }, { weight: 1, arbitrary: fc.constantFrom('Đăng ký khai sinh', 'Cần Đăng', 'Nguyễn Thị Ánh', 'Ủy ban nhân dân') })
    .filter((s) => s.length >= minLength && s.length <= maxLength);

function typeOf(schema: JsonSchema): string | undefined {
  return Array.isArray(schema.type) ? schema.type[0] : (schema.type as string | undefined);
}

function nullable<T>(schema: JsonSchema, arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return schema.nullable ? fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary }) : arbitrary;
}

function validString(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? min + 24, min + 24);
  const lengthOk = (s: string) => s.length >= min && s.length <= (schema.maxLength ?? Infinity);
  if (schema.format === 'uuid') return knownIds.length > 0 ? fc.oneof(fc.uuid(), fc.constantFrom(...knownIds)) : fc.uuid();
  if (schema.format === 'date') return isoDate;
  if (schema.format === 'date-time') return isoInstant;
  if (schema.format === 'email') return email;
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    // Patterns open at the end (^https?://) grow a random tail: keep it short so the length limit holds.
    return fc.stringMatching(pattern, { size: schema.minLength ? 'medium' : 'small' }).filter((s) => lengthOk(s) && !s.includes('\u0000'));
  }
  return text(min, max);
}

function validNumber(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (integer ? -1000 : -1e6);
  const max = schema.maximum ?? (integer ? 100_000 : 1e6);
  if (integer) return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Ids that exist (units…), mixed into generated uuids so that requests reach the services, not only 404s. */
let knownIds: readonly string[] = [];
export function useKnownIds(ids: readonly string[]): void {
  knownIds = ids;
}

export function validValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return nullable(schema, fc.constantFrom(...schema.enum));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return nullable(schema, fc.oneof(...alternatives.map(validValue)));
  switch (typeOf(schema)) {
    case 'string':
      return nullable(schema, validString(schema));
    case 'integer':
      return nullable(schema, validNumber(schema, true));
    case 'number':
      return nullable(schema, validNumber(schema, false));
    case 'boolean':
      return nullable(schema, fc.boolean());
    case 'null':
      return fc.constant(null);
    case 'array': {
      const item = schema.items ? validValue(schema.items) : fc.jsonValue({ maxDepth: 1 });
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? minLength + 3, minLength + 3);
      const array = schema.uniqueItems ? fc.uniqueArray(item, { minLength, maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(item, { minLength, maxLength });
      return nullable(schema, array);
    }
    case 'object':
    case undefined: {
      if (!schema.properties) return nullable(schema, schema.type === 'object' ? fc.constant({}) : fc.jsonValue({ maxDepth: 2 }));
      const model = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, validValue(value)]));
      return nullable(schema, fc.record(model, { requiredKeys: [...(schema.required ?? [])] as never[] }));
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A value of another JSON type than the schema's. */
function wrongType(schema: JsonSchema): fc.Arbitrary<unknown> {
  const all: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.string({ maxLength: 8 }),
    integer: fc.integer(),
    number: fc.double({ noNaN: true }),
    boolean: fc.boolean(),
    array: fc.array(fc.integer(), { maxLength: 3 }),
    object: fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
  };
  const own = typeOf(schema);
  const others = Object.entries(all).filter(([name]) => name !== own && !(own === 'number' && name === 'integer') && !(own === 'integer' && name === 'number'));
  return fc.oneof(...others.map(([, arbitrary]) => arbitrary), ...(schema.nullable ? [] : [fc.constant(null)]));
}

/** Values just outside the schema's limits, and broken patterns and formats. */
function outOfBounds(schema: JsonSchema): fc.Arbitrary<unknown>[] {
  const out: fc.Arbitrary<unknown>[] = [];
  const type = typeOf(schema);
  if (schema.enum) out.push(fc.constantFrom('__not_in_enum__', String(schema.enum[0]).toUpperCase() + '!'));
  if (type === 'string') {
    if (schema.maxLength !== undefined) out.push(fc.constant('x'.repeat(schema.maxLength + 1)));
    if (schema.minLength) out.push(fc.constant('x'.repeat(schema.minLength - 1)));
    if (schema.pattern || schema.format) out.push(fc.constantFrom('!', ' ', 'not valid', '2026-02-30', '00000000-0000-0000-0000-00000000000g', '\u0000'));
  }
  if (type === 'integer' || type === 'number') {
    if (schema.maximum !== undefined) out.push(fc.constant(schema.maximum + 1));
    if (schema.minimum !== undefined) out.push(fc.constant(schema.minimum - 1));
    if (type === 'integer') out.push(fc.constantFrom(0.5, 1e21, -1e21));
  }
  if (type === 'array') {
    if (schema.maxItems !== undefined && schema.items) out.push(fc.array(validValue(schema.items), { minLength: schema.maxItems + 1, maxLength: schema.maxItems + 1 }));
    if (schema.minItems) out.push(fc.constant([]));
  }
  return out;
}

/** A value the schema must refuse: broken at the top or at one place deep inside a valid value. */
export function invalidValue(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [wrongType(schema), ...outOfBounds(schema)];
  const type = typeOf(schema);
  if ((type === 'object' || (!type && schema.properties)) && schema.properties && depth < 4) {
    const valid = validValue({ ...schema, nullable: false }) as fc.Arbitrary<Record<string, unknown>>;
    const keys = Object.keys(schema.properties);
    if (schema.required?.length) {
      options.push(fc.tuple(valid, fc.constantFrom(...schema.required)).map(([value, key]) => {
        const copy = { ...value };
        delete copy[key];
        return copy;
      }));
    }
    if (schema.additionalProperties === false) {
      options.push(fc.tuple(valid, fc.constantFrom('unexpected', '__proto__x', 'constructor', 'ADMIN')).map(([value, key]) => ({ ...value, [key]: 1 })));
    }
    if (keys.length > 0) {
      options.push(
        fc.constantFrom(...keys).chain((key) => fc.tuple(valid, fc.constant(key), invalidValue(schema.properties![key]!, depth + 1))).map(([value, key, bad]) => ({ ...value, [key]: bad })),
      );
    }
  }
  if (type === 'array' && schema.items && depth < 4) {
    const items = schema.items;
    options.push(fc.tuple(fc.array(validValue(items), { maxLength: 2 }), invalidValue(items, depth + 1)).map(([good, bad]) => [...good, bad]));
  }
  return fc.oneof(...options);
}

/** Valid values (to reach the services), invalid ones (to exercise validation) and garbage. */
export function anyValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: validValue(schema) }, { weight: 3, arbitrary: invalidValue(schema) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) });
}
