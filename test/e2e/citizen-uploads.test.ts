// End-to-end in real headless Chromium against the real app (SQLite, demo data): a citizen on a 360-px
// phone files online with a photo and a PDF of their papers, sees a disguised file refused in words, finds
// the uploads again after a reload and on the review step, and submits; the desk sees the files on the
// dossier. Accounts: a staff member changes their password and signs in with the new one; an administrator
// disables an account — its session ends and sign-in is refused — then enables it. axe-core on every page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { DEMO_PROCEDURES } from '../../src/demo/demo-procedures.js';
import { DESKTOP, expectNoAxeViolations, PHONE, screenshot, signInOnPage, startJourney, type Journey } from '../support/browser.js';

/** A real 8×8 PNG (grey), small enough to build here: signature, IHDR, IDAT (zlib, stored), IEND. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(8, 0);
  ihdr.writeUInt32BE(8, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.concat(Array.from({ length: 8 }, () => Buffer.from([0, ...Array(8).fill(0x99)])));
  let a = 1;
  let b = 0;
  for (const byte of raw) [a, b] = [(a + byte) % 65521, (b + ((a + byte) % 65521)) % 65521];
  const len = Buffer.alloc(4);
  len.writeUInt16LE(raw.length, 0);
  len.writeUInt16LE(~raw.length & 0xffff, 2);
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((b << 16) | a) >>> 0, 0);
  const idat = Buffer.concat([Buffer.from([0x78, 0x01, 0x01]), len, raw, adler]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

const PNG = tinyPng();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const EXE = Buffer.concat([Buffer.from('MZ\u0090\u0000', 'latin1'), Buffer.alloc(512, 0), Buffer.from('This program cannot be run in DOS mode.')]);
const BIRTH = DEMO_PROCEDURES.birthRegistration;
const NEW_PASSWORD = 'mat-khau-moi-2026';

describe('citizen uploads and account screens (Chromium)', () => {
  let browser: Browser;
  let base: string;
  let phone: BrowserContext;
  let desktop: BrowserContext;
  let dossierId = '';

  let journey: Journey;
  before(async () => {
    journey = await startJourney();
    ({ base, browser } = journey);
    ({ phone, desktop } = await journey.contexts());
  });

  after(async () => journey?.close());

  const signIn = (page: Page, username: string, password?: string) => signInOnPage(page, base, username, password);

  it('citizen (phone): uploads a photo and a PDF, sees a disguised file refused, finds them after a reload and on the review, submits', async () => {
    const citizen = await phone.newPage();
    await citizen.goto(`${base}/thu-tuc/${BIRTH.code}/nop-truc-tuyen?truong-hop=${BIRTH.caseCode}`);
    await citizen.getByLabel('Nơi tiếp nhận').selectOption({ label: 'Trung tâm Phục vụ hành chính công xã Cần Đăng' });
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    await citizen.getByRole('heading', { level: 2, name: /Bước 2\/5/ }).waitFor();
    await citizen.getByLabel('Họ và tên').fill('Trần Thị Mai');
    await citizen.getByLabel('Số định danh cá nhân (CCCD)').fill('089186005678');
    await citizen.getByLabel('Số điện thoại').fill('0912345679');
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    await citizen.getByRole('heading', { level: 2, name: /Bước 3\/5/ }).waitFor();
    await expectNoAxeViolations(citizen, 'documents step with upload controls (phone)');

    // A photo of the declaration from the camera control, a PDF of the birth certificate from the file picker.
    await citizen.getByLabel('Chụp ảnh — Tờ khai đăng ký khai sinh').setInputFiles({ name: 'to-khai.png', mimeType: 'image/png', buffer: PNG });
    await citizen.getByRole('list', { name: 'Tệp đã tải lên cho Tờ khai đăng ký khai sinh' }).getByText('to-khai.png').waitFor();
    await citizen.getByLabel('Chọn tệp — Giấy chứng sinh').setInputFiles({ name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
    await citizen.getByRole('list', { name: 'Tệp đã tải lên cho Giấy chứng sinh' }).getByText('giay-chung-sinh.pdf').waitFor();
    // A program renamed .pdf: refused, and the page says why.
    await citizen.getByLabel('Chọn tệp — Giấy chứng sinh').setInputFiles({ name: 'giay-to.pdf', mimeType: 'application/pdf', buffer: EXE });
    await citizen.getByRole('alert').filter({ hasText: 'Không tải lên được “giay-to.pdf”: Loại tệp không được chấp nhận' }).waitFor();
    await expectNoAxeViolations(citizen, 'documents step with uploads and a refusal (phone)');
    await screenshot(citizen, 'portal-filing-uploads-phone');
    // A second photo, then removed.
    await citizen.getByLabel('Chọn tệp — Giấy chứng sinh').setInputFiles({ name: 'trang-2.png', mimeType: 'image/png', buffer: PNG });
    await citizen.getByRole('button', { name: 'Xóa tệp trang-2.png' }).click();
    await citizen.getByText('trang-2.png').waitFor({ state: 'detached' });

    // The tab reloads: the uploads come back from the server with the draft.
    await citizen.reload();
    await citizen.getByText('Đã khôi phục hồ sơ nháp bạn đang làm dở.').waitFor();
    await citizen.getByRole('heading', { level: 2, name: /Bước 3\/5/ }).waitFor();
    await citizen.getByText('to-khai.png').waitFor();
    await citizen.getByText('giay-chung-sinh.pdf').waitFor();
    assert.equal(await citizen.getByText('trang-2.png').count(), 0);
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    await citizen.getByRole('heading', { level: 2, name: /Bước 4\/5/ }).waitFor();
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    await citizen.getByRole('heading', { level: 2, name: /Bước 5\/5/ }).waitFor();
    const review = await citizen.locator('main').innerText();
    for (const expected of ['to-khai.png', 'giay-chung-sinh.pdf', 'Trần Thị Mai']) assert.ok(review.includes(expected), `the review shows "${expected}"`);
    await expectNoAxeViolations(citizen, 'review with uploads (phone)');
    await screenshot(citizen, 'portal-filing-review-uploads-phone');
    await citizen.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Đã gửi hồ sơ' }).waitFor();
    await citizen.getByText('giay-chung-sinh.pdf').waitFor(); // the submitted dossier lists the citizen's files
    dossierId = citizen.url().split('/').pop()!;
    assert.match(dossierId, /^[0-9a-f-]{36}$/);
    await citizen.close();
  });

  it('desk officer (desktop): sees the citizen’s files on the dossier page and downloads one', async () => {
    const officer = await desktop.newPage();
    await signIn(officer, 'candang.motcua');
    await officer.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    await officer.goto(`${base}/can-bo/ho-so/${dossierId}`);
    const files = officer.getByRole('region', { name: 'Tệp đính kèm' });
    await files.getByRole('link', { name: 'to-khai.png' }).waitFor();
    const text = await files.innerText();
    assert.ok(text.includes('giay-chung-sinh.pdf') && text.includes('Giấy chứng sinh') && text.includes('Tờ khai đăng ký khai sinh'), text);
    await officer.getByText('Người nộp đính kèm tệp to-khai.png').waitFor(); // the timeline names the file
    await officer.getByText('Người nộp xóa tệp trang-2.png').waitFor();
    const href = await files.getByRole('link', { name: 'giay-chung-sinh.pdf' }).getAttribute('href');
    const response = await officer.request.get(`${base}${href}`);
    assert.equal(response.status(), 200);
    assert.deepEqual(await response.body(), PDF);
    await expectNoAxeViolations(officer, 'dossier page with the citizen’s files');
    await screenshot(officer, 'console-dossier-files-desktop');
    await officer.close();
  });

  it('staff (phone): changes the password — the server’s refusals shown — and signs in with the new one', async () => {
    const page = await phone.newPage();
    await signIn(page, 'candang.chuyenvien');
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    await page.getByRole('link', { name: /Tài khoản của tôi/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' }).waitFor();
    await expectNoAxeViolations(page, 'my account (phone)');
    await page.getByLabel('Mật khẩu hiện tại').fill('sai-mat-khau-1');
    await page.getByLabel(/^Mật khẩu mới/).fill(NEW_PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới').fill('khac-hoan-toan');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Hai lần nhập mật khẩu mới không giống nhau.').waitFor();
    await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Mật khẩu hiện tại không đúng.').waitFor(); // at the current password
    await expectNoAxeViolations(page, 'my account with the server’s refusal (phone)');
    await screenshot(page, 'console-account-phone');
    await page.getByLabel('Mật khẩu hiện tại').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Đã đổi mật khẩu.').waitFor();

    // Sign out everywhere ends this session too; the new password opens a new one, the old one does not.
    await page.getByRole('button', { name: 'Đăng xuất trên mọi thiết bị' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' }).waitFor();
    await signIn(page, 'candang.chuyenvien');
    await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();
    await signIn(page, 'candang.chuyenvien', NEW_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    await page.close();
  });

  it('administrator (desktop): disables an account — its session ends, sign-in is refused — and enables it again', async () => {
    const leaderContext = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const leader = await leaderContext.newPage();
    await signIn(leader, 'candang.lanhdao');
    await leader.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();

    const adminContext = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const admin = await adminContext.newPage();
    await signIn(admin, 'candang.quantri');
    await admin.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    await admin.goto(`${base}/can-bo/quan-tri/can-bo`);
    const row = admin.getByRole('row', { name: /candang\.lanhdao/ });
    await row.getByRole('button', { name: 'Khóa tài khoản của Phạm Minh Tuấn' }).click();
    const confirm = admin.getByRole('alertdialog', { name: 'Khóa tài khoản của Phạm Minh Tuấn' });
    await confirm.waitFor();
    await expectNoAxeViolations(admin, 'staff page, confirming a disable');
    await screenshot(admin, 'console-staff-disable-desktop');
    await confirm.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await admin.getByText(/Đã khóa tài khoản của Phạm Minh Tuấn; 1 phiên đăng nhập đã kết thúc\./).waitFor();
    await row.getByText('Đã khóa').waitFor();
    await expectNoAxeViolations(admin, 'staff page with a disabled account');

    // The leader's session is over: the next page load is the sign-in, and signing in is refused.
    await leader.reload();
    await leader.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' }).waitFor();
    await signIn(leader, 'candang.lanhdao');
    await leader.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();

    await row.getByRole('button', { name: 'Mở khóa tài khoản của Phạm Minh Tuấn' }).click();
    await admin.getByRole('alertdialog').getByRole('button', { name: 'Mở khóa' }).click();
    await admin.getByText('Đã mở khóa tài khoản của Phạm Minh Tuấn.').waitFor();
    await row.getByText('Đang hoạt động').waitFor();
    await signIn(leader, 'candang.lanhdao');
    await leader.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    await leaderContext.close();
    await adminContext.close();
  });
});
