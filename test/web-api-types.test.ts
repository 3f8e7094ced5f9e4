// The web's API types (web/src/api/schema.ts) are generated from the server's OpenAPI document; this
// fails when a route schema changed and `npm run api-types` was not run, so the web never drifts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { it } from 'node:test';
import { API_TYPES_FILE, generateApiTypes } from '../scripts/api-types.js';

it('web/src/api/schema.ts is the generation of the current OpenAPI document (run `npm run api-types`)', async () => {
  const committed = fs.readFileSync(API_TYPES_FILE, 'utf8');
  const fresh = await generateApiTypes();
  assert.ok(committed === fresh, 'web/src/api/schema.ts is out of date: run `npm run api-types` and commit the result');
});
