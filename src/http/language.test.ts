import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { pickLanguage } from './language.js';

it('picks Vietnamese by default and English when preferred', () => {
  const cases: Array<[string | undefined, string]> = [
    [undefined, 'vi'],
    ['', 'vi'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['vi-VN,vi;q=0.9,en;q=0.8', 'vi'],
    ['fr-FR,en;q=0.5', 'en'],
    ['en;q=0.2,vi;q=0.8', 'vi'],
    ['de', 'vi'],
    ['en;q=0', 'vi'],
  ];
  for (const [header, expected] of cases) assert.equal(pickLanguage(header), expected, String(header));
});

it('always answers vi or en, whatever the header', () => {
  fc.assert(fc.property(fc.string({ maxLength: 300 }), (header) => ['vi', 'en'].includes(pickLanguage(header))));
});
