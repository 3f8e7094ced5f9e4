// The serializer's rewriting of nullable unions changes how fast-json-stringify works, never what it writes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import { validValue } from '../../test/support/schema-arbitraries.js';
import { ControlSheetResponse, DossierDetailResponse, DossierResponse, PublicLookupResponse, WorklistResponse } from '../dossiers/dossiers.schemas.js';
import { buildSerializer, schemaForSerializer } from './serializer.js';

describe('response serializer', () => {
  it('rewrites anyOf [X, null] as X nullable, gives string enums their type, and keeps other unions', () => {
    assert.deepEqual(schemaForSerializer({ anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }], description: 'd' }), { type: 'string', format: 'date-time', nullable: true, description: 'd' });
    assert.deepEqual(schemaForSerializer({ anyOf: [{ type: 'null' }, { enum: ['a', 'b'] }] }), { enum: ['a', 'b'], type: 'string', nullable: true });
    const mixed = { anyOf: [{ type: 'string' }, { type: 'integer' }] };
    assert.deepEqual(schemaForSerializer(mixed), mixed);
    const referenced = { anyOf: [{ $ref: 'Dossier' }, { type: 'null' }] };
    assert.deepEqual(schemaForSerializer(referenced), referenced);
    assert.deepEqual(schemaForSerializer({ type: 'object', properties: { a: { anyOf: [{ type: 'integer' }, { type: 'null' }] } } }), { type: 'object', properties: { a: { type: 'integer', nullable: true } } });
  });

  for (const [name, schema] of Object.entries({ DossierDetailResponse, PublicLookupResponse, WorklistResponse, ControlSheetResponse })) {
    it(`writes the same JSON for ${name} as the unions do`, () => {
      const route = { method: 'GET', url: '/x', httpStatus: '200', schema };
      const original = SerializerSelector()({ Dossier: DossierResponse })(route);
      const rewritten = buildSerializer({ Dossier: DossierResponse })(route);
      fc.assert(
        fc.property(validValue(schema as never), (value) => {
          assert.equal(rewritten(value), original(value));
        }),
        { numRuns: 300 },
      );
    });
  }
});
