// Uploads through HTTP on both databases: accepted files are stored once by their SHA-256 and cited by
// dossiers; a renamed executable, a file larger than the limit (streamed, never buffered), a path-traversal
// name, a type the name lies about are refused with clear codes — and nothing partial stays on disk.
// Downloads are for the uploader and for those who may see the dossier.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { it } from 'node:test';
import { postAs, unitIdByCode } from '../../test/support/dossier-requests.js';
import { forEachDialect, type TestApp } from '../../test/support/test-app.js';
import { DEMO_PROCEDURES } from '../demo/demo-procedures.js';

const LIMIT = 64 * 1024;
const BOUNDARY = '----motcua-test-boundary';

function multipartHead(fileName: string, type = 'application/octet-stream'): Buffer {
  return Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`, 'utf8');
}
const TAIL = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

async function upload(t: TestApp, user: string, fileName: string, content: Buffer | Readable, url = '/api/v1/attachments') {
  const payload = Buffer.isBuffer(content) ? Buffer.concat([multipartHead(fileName), content, TAIL]) : Readable.from((async function* () {
    yield multipartHead(fileName);
    for await (const chunk of content) yield chunk as Buffer;
    yield TAIL;
  })());
  return t.inject({ method: 'POST', url, headers: { cookie: await t.login(user), 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload });
}

const PDF = Buffer.from('%PDF-1.7\n%\u0081\u0081\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const EXE = Buffer.concat([Buffer.from('MZ\u0090\u0000', 'latin1'), Buffer.alloc(512, 0), Buffer.from('This program cannot be run in DOS mode.')]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(256, 0)]);

/** Every file under the store (blobs and temp files). */
function filesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** A stream of `size` bytes starting like a PDF, produced in chunks (never held in memory at once). */
function bigPdfStream(size: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) return this.push(null);
      const chunk = sent === 0 ? Buffer.concat([PDF, Buffer.alloc(16 * 1024 - PDF.length, 0x20)]) : Buffer.alloc(Math.min(16 * 1024, size - sent), 0x20);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

forEachDialect(
  'attachments: safe uploads and downloads',
  (testApp) => {
    it('stores an accepted file once by its SHA-256, and refuses dangerous ones leaving nothing on disk', async () => {
      const t = testApp();
      const dir = t.config.documents.filesDir;
      const first = await upload(t, 'candang.motcua', 'Giấy khai sinh.pdf', PDF);
      assert.equal(first.statusCode, 201, first.body);
      const a = first.json();
      assert.equal(a.mediaType, 'application/pdf');
      assert.equal(a.fileName, 'Giấy khai sinh.pdf'.normalize('NFC'));
      assert.equal(a.size, PDF.length);
      const second = (await upload(t, 'candang.motcua', 'ban-sao.pdf', PDF)).json();
      assert.equal(second.sha256, a.sha256);
      assert.notEqual(second.id, a.id);
      const stored = filesIn(path.join(dir, 'sha256'));
      assert.equal(stored.length, 1, 'the same bytes are stored once');
      assert.deepEqual(fs.readFileSync(stored[0]!), PDF);

      const refusals: Array<[string, Buffer | Readable, number, string]> = [
        ['to-khai.pdf', EXE, 415, 'ATTACHMENT_TYPE_NOT_ALLOWED'],
        ['anh-chup.pdf', ELF, 415, 'ATTACHMENT_TYPE_NOT_ALLOWED'],
        ['anh.pdf', PNG, 415, 'ATTACHMENT_CONTENT_MISMATCH'],
        ['../../etc/passwd.pdf', PDF, 422, 'ATTACHMENT_NAME_INVALID'],
        ['..\\..\\windows\\win.ini.pdf', PDF, 422, 'ATTACHMENT_NAME_INVALID'],
        ['rong.pdf', Buffer.alloc(0), 422, 'ATTACHMENT_EMPTY'],
        ['qua-lon.pdf', bigPdfStream(LIMIT * 4), 413, 'ATTACHMENT_TOO_LARGE'],
      ];
      for (const [name, content, status, code] of refusals) {
        const response = await upload(t, 'candang.motcua', name, content);
        assert.equal(response.statusCode, status, `${name}: ${response.body}`);
        assert.equal(response.json().error.code, code, name);
        assert.ok(response.json().error.message.length > 0);
        assert.deepEqual(filesIn(path.join(dir, 'tmp')), [], `${name}: no temporary file remains`);
        assert.equal(filesIn(path.join(dir, 'sha256')).length, 1, `${name}: nothing stored`);
      }
      const english = await t.inject({ method: 'POST', url: '/api/v1/attachments', headers: { cookie: await t.login('candang.motcua'), 'accept-language': 'en', 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload: Buffer.concat([multipartHead('x.pdf'), EXE, TAIL]) });
      assert.match(english.json().error.message, /not accepted/);
      assert.equal((await t.inject({ method: 'POST', url: '/api/v1/attachments', payload: Buffer.concat([multipartHead('x.pdf'), PDF, TAIL]), headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } })).statusCode, 401);
      const notMultipart = await t.inject({ method: 'POST', url: '/api/v1/attachments', headers: { cookie: await t.login('candang.motcua') }, payload: { file: 'x' } });
      assert.equal(notMultipart.json().error.code, 'ATTACHMENT_MISSING_FILE');
    });

    it('makes dossiers cite real uploads, and shows files only to those who may see the dossier', async () => {
      const t = testApp();
      const desk = await unitIdByCode(t, '001.21.45.H01');
      const procedure = (await t.inject({ method: 'GET', url: `/api/v1/procedures/${DEMO_PROCEDURES.birthRegistration.code}` })).json();
      const components = procedure.cases[0].components.map((c: { code: string }) => ({ code: c.code, originals: 1, copies: 0 }));
      const intake = (attachmentIds: string[]) => ({
        procedureCode: DEMO_PROCEDURES.birthRegistration.code,
        caseCode: procedure.cases[0].code,
        receivingUnitId: desk,
        channel: 'in_person',
        applicant: { kind: 'person', name: 'Lê Thị Ánh Tuyết', idNumber: '089190001111', address: 'Ấp Hòa Long, xã Cần Đăng', phone: '0912000111', email: null },
        subject: 'Đăng ký khai sinh cho con',
        components: components.map((c: object, i: number) => (i === 0 ? { ...c, attachmentIds } : c)),
        resultDelivery: 'counter',
        outcome: { kind: 'receive' },
      });
      const unknown = await t.inject({ method: 'POST', url: '/api/v1/dossiers', headers: { cookie: await t.login('candang.motcua') }, payload: intake(['00000000-0000-4000-8000-000000000000']) });
      assert.equal(unknown.statusCode, 422, unknown.body);
      assert.equal(unknown.json().error.code, 'DOSSIER_ATTACHMENT_UNKNOWN');

      const scan = (await upload(t, 'candang.motcua', 'to-khai-khai-sinh.pdf', PDF)).json();
      const dossier = await postAs(t, 'candang.motcua', '/api/v1/dossiers', intake([scan.id]), 201);
      assert.deepEqual(dossier.components[0].attachmentIds, [scan.id]);

      // The commune's specialist sees the dossier, so its files; another commune's officer does not.
      const asSpecialist = await t.inject({ method: 'GET', url: `/api/v1/dossiers/${dossier.id}/attachments/${scan.id}`, headers: { cookie: await t.login('candang.chuyenvien') } });
      assert.equal(asSpecialist.statusCode, 200, asSpecialist.body);
      assert.deepEqual(asSpecialist.rawPayload, PDF);
      assert.match(String(asSpecialist.headers['content-disposition']), /attachment; filename="to-khai-khai-sinh.pdf"/);
      for (const url of [`/api/v1/dossiers/${dossier.id}/attachments/${scan.id}`, `/api/v1/attachments/${scan.id}`, `/api/v1/dossiers/${dossier.id}/attachments`]) {
        const response = await t.inject({ method: 'GET', url, headers: { cookie: await t.login('vinhhanh.motcua') } });
        assert.ok([403, 404].includes(response.statusCode), `${url}: ${response.statusCode}`);
      }
      // An electronic result attached to the dossier is listed with it, beside the signed receipt.
      const result = await upload(t, 'candang.motcua', 'Trích lục khai sinh.pdf', Buffer.concat([PDF, Buffer.from('% result\n')]), `/api/v1/dossiers/${dossier.id}/attachments?kind=result`);
      assert.equal(result.statusCode, 201, result.body);
      await t.inject({ method: 'GET', url: `/api/v1/dossiers/${dossier.id}/documents`, headers: { cookie: await t.login('candang.motcua') } });
      const list = (await t.inject({ method: 'GET', url: `/api/v1/dossiers/${dossier.id}/attachments`, headers: { cookie: await t.login('candang.lanhdao') } })).json();
      const kinds = list.items.map((i: { kind: string }) => i.kind).sort();
      assert.deepEqual(kinds, ['issued_document', 'result', 'upload']);
      const outsider = await upload(t, 'vinhhanh.motcua', 'x.pdf', PDF, `/api/v1/dossiers/${dossier.id}/attachments?kind=result`);
      assert.equal(outsider.statusCode, 403);
    });
  },
  { env: { UPLOAD_MAX_BYTES: String(LIMIT) } },
);
