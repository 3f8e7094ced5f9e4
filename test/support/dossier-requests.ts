// Requests the dossier tests make again and again: a unit's id by its code, and a signed-in POST that
// must answer with an expected status.
import assert from 'node:assert/strict';
import type { TestApp } from './test-app.js';

export async function unitIdByCode(t: TestApp, code: string): Promise<string> {
  const body = (await t.inject({ method: 'GET', url: `/api/v1/units?q=${encodeURIComponent(code)}&includeClosed=true` })).json();
  return body.items.find((u: { code: string }) => u.code === code).id;
}

export async function postAs(t: TestApp, user: string, url: string, payload: unknown, expected = 200) {
  const response = await t.inject({ method: 'POST', url, headers: { cookie: await t.login(user) }, payload: payload as object });
  assert.equal(response.statusCode, expected, `${user} POST ${url}: ${response.body}`);
  return response.json();
}
