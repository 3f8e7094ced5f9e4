// Response serializers: fast-json-stringify over the routes' response schemas, as Fastify does by default,
// with one change of form. TypeBox writes a nullable value as `anyOf: [X, { type: 'null' }]` (and the OpenAPI
// document keeps that); for a union, fast-json-stringify asks Ajv which branch the value matches, on every
// response — a dossier has dozens of nullable fields, and that was a fifth of serializing it. The serializer
// is given X with `nullable: true` instead, which it answers by checking for null. What is written is the
// same JSON (the response-schema tests compare).
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Schema = Record<string, unknown>;

function isObject(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** X with `nullable: true` for `anyOf: [X, null]` when X has a plain type (string enums get theirs); other unions are kept. */
function asNullable(schema: Schema): Schema | null {
  const branches = schema.anyOf;
  if (!Array.isArray(branches) || branches.length !== 2) return null;
  const nullAt = branches.findIndex((b) => isObject(b) && b.type === 'null');
  if (nullAt < 0) return null;
  const other = branches[1 - nullAt];
  if (!isObject(other) || other.anyOf || other.oneOf || other.allOf || other.$ref) return null;
  let typed: Schema = other;
  if (typeof other.type !== 'string') {
    if (!Array.isArray(other.enum) || !other.enum.every((v) => typeof v === 'string')) return null;
    typed = { ...other, type: 'string' };
  }
  const { anyOf: _union, ...outer } = schema;
  return { ...outer, ...typed, nullable: true };
}

/** The schema as the serializer reads it: every nullable union rewritten, recursively; the original is not changed. */
export function schemaForSerializer(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(schemaForSerializer);
  if (!isObject(schema)) return schema;
  const rewritten = asNullable(schema) ?? schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(rewritten)) out[key] = schemaForSerializer(value);
  return out;
}

type SerializerFactory = ReturnType<typeof SerializerSelector>;

/** Fastify's `schemaController.compilersFactory.buildSerializer`: the default one, over the rewritten schemas. */
export const buildSerializer: SerializerFactory = (externalSchemas, serializerOptions) => {
  const external = Object.fromEntries(Object.entries((externalSchemas ?? {}) as Schema).map(([id, schema]) => [id, schemaForSerializer(schema)]));
  const compile = SerializerSelector()(external, serializerOptions);
  return (route) => compile({ ...route, schema: schemaForSerializer(route.schema) });
};
