// A citizen's uploads to their own online dossier, through HTTP on both databases: files for a component
// of the case with the draft token, the same sniffing and refusals as staff uploads, another citizen's
// token refused, nothing added once submitted (until the desk returns it for completion), and the desk
// sees the citizen's files on the dossier.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { postAs, unitIdByCode } from '../../test/support/dossier-requests.js';
import { forEachDialect, type TestApp } from '../../test/support/test-app.js';
import { DEMO_PROCEDURES } from '../demo/demo-procedures.js';

const BOUNDARY = '----motcua-citizen-boundary';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const EXE = Buffer.concat([Buffer.from('MZ\u0090\u0000', 'latin1'), Buffer.alloc(512, 0), Buffer.from('This program cannot be run in DOS mode.')]);
const BIRTH = DEMO_PROCEDURES.birthRegistration;
const APPLICANT = { kind: 'person', name: 'Lê Thị Ánh Tuyết', idNumber: '089190001111', address: 'Ấp Hòa Long, xã Cần Đăng', phone: '0912000111', email: null };

function multipart(fileName: string, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`), content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
}

async function draftFor(t: TestApp): Promise<{ id: string; token: string; components: string[] }> {
  const desk = await unitIdByCode(t, '001.21.45.H01');
  const procedure = (await t.inject({ method: 'GET', url: `/api/v1/procedures/${BIRTH.code}` })).json();
  const codes: string[] = procedure.cases[0].components.map((c: { code: string }) => c.code);
  const filing = { procedureCode: BIRTH.code, caseCode: BIRTH.caseCode, receivingUnitId: desk, applicant: APPLICANT, subject: 'Đăng ký khai sinh cho con', components: [], resultDelivery: 'counter', submit: false };
  const created = await t.inject({ method: 'POST', url: '/api/v1/public/dossiers', payload: filing });
  assert.equal(created.statusCode, 201, created.body);
  return { id: created.json().dossier.id, token: created.json().draftToken, components: codes };
}

function upload(t: TestApp, id: string, token: string, component: string, fileName: string, content: Buffer) {
  return t.inject({ method: 'POST', url: `/api/v1/public/dossiers/${id}/attachments?component=${component}`, headers: { 'x-draft-token': token, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload: multipart(fileName, content) });
}

forEachDialect(
  'attachments: a citizen’s uploads to their own online dossier',
  (testApp) => {
    it('uploads, lists, downloads and removes files for components of a draft; refuses other tokens and disguised files', async () => {
      const t = testApp();
      const draft = await draftFor(t);
      const other = await draftFor(t);
      const [first, second] = draft.components as [string, string];
      const photo = await upload(t, draft.id, draft.token, first, 'anh-chup-to-khai.png', PNG);
      assert.equal(photo.statusCode, 201, photo.body);
      assert.equal(photo.json().mediaType, 'image/png');
      assert.equal(photo.json().componentCode, first);
      const pdf = await upload(t, draft.id, draft.token, second ?? first, 'Giấy chứng sinh.pdf', PDF);
      assert.equal(pdf.statusCode, 201, pdf.body);

      const list = await t.inject({ method: 'GET', url: `/api/v1/public/dossiers/${draft.id}/attachments`, headers: { 'x-draft-token': draft.token } });
      assert.deepEqual(list.json().items.map((f: { fileName: string; componentCode: string }) => [f.fileName, f.componentCode]), [['anh-chup-to-khai.png', first], ['Giấy chứng sinh.pdf'.normalize('NFC'), second ?? first]]);
      const own = (await t.inject({ method: 'GET', url: `/api/v1/public/dossiers/${draft.id}`, headers: { 'x-draft-token': draft.token } })).json();
      assert.deepEqual(own.components.find((c: { code: string }) => c.code === first).attachmentIds, [photo.json().id]);
      const download = await t.inject({ method: 'GET', url: `/api/v1/public/dossiers/${draft.id}/attachments/${pdf.json().id}`, headers: { 'x-draft-token': draft.token } });
      assert.equal(download.statusCode, 200);
      assert.deepEqual(download.rawPayload, PDF);

      // Another citizen's token, or none: refused before a byte is stored, on every route.
      for (const token of [other.token, undefined]) {
        const headers = token ? { 'x-draft-token': token } : {};
        const refused = [
          await t.inject({ method: 'POST', url: `/api/v1/public/dossiers/${draft.id}/attachments?component=${first}`, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload: multipart('a.pdf', PDF) }),
          await t.inject({ method: 'GET', url: `/api/v1/public/dossiers/${draft.id}/attachments`, headers }),
          await t.inject({ method: 'GET', url: `/api/v1/public/dossiers/${draft.id}/attachments/${pdf.json().id}`, headers }),
          await t.inject({ method: 'DELETE', url: `/api/v1/public/dossiers/${draft.id}/attachments/${pdf.json().id}`, headers }),
        ];
        for (const response of refused) {
          assert.equal(response.statusCode, 403, response.body);
          assert.equal(response.json().error.code, 'DOSSIER_DRAFT_TOKEN_INVALID');
        }
      }
      // A file of another draft is not reachable through one's own.
      const theirs = (await upload(t, other.id, other.token, first, 'x.pdf', PDF)).json();
      assert.equal((await t.inject({ method: 'GET', url: `/api/v1/public/dossiers/${draft.id}/attachments/${theirs.id}`, headers: { 'x-draft-token': draft.token } })).statusCode, 404);

      // The same checks as staff uploads: a renamed executable, a lying extension, an unknown component.
      const exe = await upload(t, draft.id, draft.token, first, 'giay-to.pdf', EXE);
      assert.equal(exe.statusCode, 415);
      assert.equal(exe.json().error.code, 'ATTACHMENT_TYPE_NOT_ALLOWED');
      assert.equal((await upload(t, draft.id, draft.token, first, 'anh.jpg', PNG)).json().error.code, 'ATTACHMENT_CONTENT_MISMATCH');
      const unknown = await upload(t, draft.id, draft.token, 'TP99', 'a.pdf', PDF);
      assert.equal(unknown.statusCode, 422);
      assert.equal(unknown.json().error.code, 'DOSSIER_UNKNOWN_COMPONENT');

      // Editing the draft without naming files keeps them; removing one takes it out of its component.
      const patched = await t.inject({ method: 'PATCH', url: `/api/v1/public/dossiers/${draft.id}`, headers: { 'x-draft-token': draft.token }, payload: { components: draft.components.map((code) => ({ code, originals: 1, copies: 0 })) } });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual(patched.json().components.find((c: { code: string }) => c.code === first).attachmentIds, [photo.json().id]);
      const extra = (await upload(t, draft.id, draft.token, first, 'trang-2.png', Buffer.concat([PNG, Buffer.from([2])]))).json();
      const removed = await t.inject({ method: 'DELETE', url: `/api/v1/public/dossiers/${draft.id}/attachments/${extra.id}`, headers: { 'x-draft-token': draft.token } });
      assert.equal(removed.statusCode, 204, removed.body);
      const after = (await t.inject({ method: 'GET', url: `/api/v1/public/dossiers/${draft.id}/attachments`, headers: { 'x-draft-token': draft.token } })).json();
      assert.equal(after.items.length, 2);
      assert.ok(!after.items.some((f: { id: string }) => f.id === extra.id));

      // Another citizen's file cannot be cited (ids leak in links and logs): only this dossier's files count.
      const neighbour = await draftFor(t);
      const neighbourFile = (await upload(t, neighbour.id, neighbour.token, neighbour.components[0]!, 'cua-ho.png', PNG)).json();
      const stolen = await t.inject({ method: 'PATCH', url: `/api/v1/public/dossiers/${draft.id}`, headers: { 'x-draft-token': draft.token }, payload: { components: [{ code: first, originals: 1, copies: 0, attachmentIds: [neighbourFile.id] }] } });
      assert.equal(stolen.statusCode, 422, stolen.body);
      assert.equal(stolen.json().error.code, 'DOSSIER_ATTACHMENT_UNKNOWN');
      const desk = await unitIdByCode(t, '001.21.45.H01');
      const filing = { procedureCode: BIRTH.code, caseCode: BIRTH.caseCode, receivingUnitId: desk, applicant: APPLICANT, subject: 'Khai sinh', components: [{ code: first, originals: 1, copies: 0, attachmentIds: [neighbourFile.id] }], resultDelivery: 'counter', submit: false };
      const atFiling = await t.inject({ method: 'POST', url: '/api/v1/public/dossiers', payload: filing });
      assert.equal(atFiling.statusCode, 422, 'a new online filing cannot cite existing files either');
      assert.equal(atFiling.json().error.code, 'DOSSIER_ATTACHMENT_UNKNOWN');
    });

    it('refuses new files once submitted, accepts them again when the desk returns the dossier, and shows them to the desk', async () => {
      const t = testApp();
      const draft = await draftFor(t);
      const [first] = draft.components as [string];
      const photo = (await upload(t, draft.id, draft.token, first, 'anh.png', PNG)).json();
      const components = draft.components.map((code) => ({ code, originals: 1, copies: 0 }));
      await t.inject({ method: 'PATCH', url: `/api/v1/public/dossiers/${draft.id}`, headers: { 'x-draft-token': draft.token }, payload: { components } });
      const submitted = await t.inject({ method: 'POST', url: `/api/v1/public/dossiers/${draft.id}/submit`, headers: { 'x-draft-token': draft.token } });
      assert.equal(submitted.statusCode, 200, submitted.body);

      const late = await upload(t, draft.id, draft.token, first, 'b.pdf', PDF);
      assert.equal(late.statusCode, 409);
      assert.equal(late.json().error.code, 'DOSSIER_FILES_CLOSED');
      const english = await t.inject({ method: 'DELETE', url: `/api/v1/public/dossiers/${draft.id}/attachments/${photo.id}`, headers: { 'x-draft-token': draft.token, 'accept-language': 'en' } });
      assert.equal(english.statusCode, 409);
      assert.match(english.json().error.message, /only while the dossier is a draft/);

      // The desk sees the citizen's files on the dossier, and downloads them.
      const desk = await t.login('candang.motcua');
      const staffList = (await t.inject({ method: 'GET', url: `/api/v1/dossiers/${draft.id}/attachments`, headers: { cookie: desk } })).json();
      assert.deepEqual(staffList.items.map((f: { id: string }) => f.id), [photo.id]);
      const bytes = await t.inject({ method: 'GET', url: `/api/v1/dossiers/${draft.id}/attachments/${photo.id}`, headers: { cookie: desk } });
      assert.deepEqual(bytes.rawPayload, PNG);

      // Returned for completion: the citizen may add the missing file, then submit again.
      await postAs(t, 'candang.motcua', `/api/v1/dossiers/${draft.id}/return-for-completion`, { reason: 'Ảnh tờ khai bị mờ', items: ['Chụp lại tờ khai rõ nét'] });
      const again = await upload(t, draft.id, draft.token, first, 'to-khai-ro.pdf', PDF);
      assert.equal(again.statusCode, 201, again.body);
      const resubmitted = await t.inject({ method: 'POST', url: `/api/v1/public/dossiers/${draft.id}/submit`, headers: { 'x-draft-token': draft.token } });
      assert.equal(resubmitted.statusCode, 200, resubmitted.body);
      const finalList = (await t.inject({ method: 'GET', url: `/api/v1/dossiers/${draft.id}/attachments`, headers: { cookie: desk } })).json();
      assert.equal(finalList.items.length, 2);
    });
  },
);
