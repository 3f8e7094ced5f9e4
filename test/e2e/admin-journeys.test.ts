// End-to-end journeys of the console's administration pages in real headless Chromium against the real app
// (SQLite, demo data), as the demo system administrator: units (a unit created under a commune and seen in
// the tree; deleting a desk with staff refused with the server's message) on a 360-px phone; a process
// definition drafted, its allotments put out of step with the legal limit and back, published and in force;
// background jobs listed and a report rebuild queued. axe-core checks every page and state.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createJobWorker } from '../../src/composition.js';
import { ISSUE_DOCUMENTS_JOB } from '../../src/documents/documents.jobs.js';
import { DESKTOP, expectNoAxeViolations, focusedLabel, PHONE, screenshot, SCREENSHOTS, signInOnPage, startJourney, type Journey } from '../support/browser.js';
import type { TestApp } from '../support/test-app.js';

/** What the screen shows now (not the whole page): the part a phone user sees. */
async function viewportShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

describe('administration journeys (Chromium)', () => {
  let testApp: TestApp;
  let browser: Browser;
  let base: string;

  let journey: Journey;
  before(async () => {
    journey = await startJourney();
    ({ testApp, base, browser } = journey);
  });

  after(async () => journey?.close());

  async function signInAsSystemAdmin(context: BrowserContext): Promise<Page> {
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await signInOnPage(page, base, 'admin');
    await page.getByRole('link', { name: 'Đơn vị', exact: true }).waitFor();
    return page;
  }

  it('system administrator (phone): creates a unit under a commune, sees it in the tree, cannot delete a desk with staff', async () => {
    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const page = await signInAsSystemAdmin(context);
    await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Quản trị cơ quan, đơn vị' }).waitFor();
    await page.getByRole('button', { name: /^Ủy ban nhân dân xã Cần Đăng/ }).waitFor();
    await expectNoAxeViolations(page, 'units tree (phone)');
    await screenshot(page, 'console-units-tree-phone');

    await page.getByRole('button', { name: /^Ủy ban nhân dân xã Cần Đăng/ }).click();
    const create = page.getByRole('form', { name: 'Tạo đơn vị trực thuộc Ủy ban nhân dân xã Cần Đăng' });
    await create.waitFor();
    await expectNoAxeViolations(page, 'a unit chosen, with its forms (phone)');
    await create.getByLabel('Tên đơn vị mới').fill('Phòng Văn hóa - Xã hội xã Cần Đăng');
    await create.getByLabel('Mã định danh của đơn vị mới').fill('000.21.45.h01.vhxh');
    await create.getByLabel('Loại đơn vị').selectOption('department');
    await create.getByRole('button', { name: 'Tạo đơn vị' }).click();
    await page.getByText('Đã tạo đơn vị Phòng Văn hóa - Xã hội xã Cần Đăng.').waitFor();
    // In the tree, under the commune, and chosen.
    const node = page.getByRole('button', { name: /^Phòng Văn hóa - Xã hội xã Cần Đăng/ });
    assert.equal(await node.getAttribute('aria-pressed'), 'true');
    const communeItem = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Ủy ban nhân dân xã Cần Đăng/ }) });
    assert.equal(await communeItem.last().getByRole('button', { name: /^Phòng Văn hóa - Xã hội xã Cần Đăng\s*000\.21\.45\.H01\.VHXH/ }).count(), 1, 'the new unit sits under the commune with its code in capitals');
    await page.getByRole('heading', { level: 2, name: 'Phòng Văn hóa - Xã hội xã Cần Đăng' }).waitFor();
    await expectNoAxeViolations(page, 'units tree with the new unit (phone)');
    await viewportShot(page, 'console-units-created-phone');
    await page.getByRole('heading', { level: 3, name: 'Giờ làm việc' }).scrollIntoViewIfNeeded();
    await viewportShot(page, 'console-units-hours-phone');

    // The commune's desk has a desk officer: the server refuses and its message is shown.
    await page.getByRole('button', { name: /^Trung tâm Phục vụ hành chính công xã Cần Đăng/ }).click();
    await page.getByRole('button', { name: 'Xóa đơn vị này' }).click();
    await page.getByRole('button', { name: 'Đồng ý xóa' }).click();
    await page.getByRole('alert').filter({ hasText: 'Đơn vị đang được sử dụng' }).waitFor();
    await expectNoAxeViolations(page, 'deleting a unit in use refused (phone)');
    await viewportShot(page, 'console-units-delete-refused-phone');

    // The unit created by mistake can be deleted.
    await node.click();
    await page.getByRole('button', { name: 'Xóa đơn vị này' }).click();
    await page.getByRole('button', { name: 'Đồng ý xóa' }).click();
    await page.getByText('Đã xóa đơn vị Phòng Văn hóa - Xã hội xã Cần Đăng.').waitFor();
    await node.waitFor({ state: 'detached' });

    // A units file checked without saving.
    const csv = 'code,name,type,parentCode\n000.21.45.H01.TP,Tổ Tư pháp - Hộ tịch xã Cần Đăng,department,000.21.45.H01\n';
    await page.getByLabel('Tệp danh sách đơn vị').setInputFiles({ name: 'don-vi.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    assert.equal(await page.getByLabel('Chỉ kiểm tra, chưa lưu').isChecked(), true, 'a dry run unless unticked');
    await page.getByRole('button', { name: 'Nhập tệp' }).click();
    await page.getByText('Kiểm tra xong (chưa lưu): sẽ tạo 1, cập nhật 0, giữ nguyên 0 đơn vị.').waitFor();
    assert.equal(await page.getByRole('button', { name: /^Tổ Tư pháp - Hộ tịch xã Cần Đăng/ }).count(), 0);
    await context.close();
  });

  it('system administrator: drafts a process, the check reports allotments out of step with the limit and a decision not by a leader, fixed and published', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const page = await signInAsSystemAdmin(context);
    await page.getByRole('link', { name: 'Quy trình', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Quy trình nội bộ giải quyết thủ tục' }).waitFor();
    await page.getByRole('search', { name: 'Chọn thủ tục' }).getByLabel('Tên hoặc mã thủ tục').fill('dang ky khai sinh');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Chọn 1.001193' }).click();
    await page.getByText('Đang áp dụng: phiên bản 1, từ ngày 01/07/2025.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Phiên bản 1' }).waitFor();
    await page.getByText('Phiên bản đã ban hành không sửa được.', { exact: false }).waitFor();
    assert.match(page.url(), /\/can-bo\/quan-tri\/quy-trinh\?thu-tuc=1\.001193$/);
    await expectNoAxeViolations(page, 'process definition in force');
    await screenshot(page, 'console-process-in-force-desktop');

    await page.getByRole('button', { name: 'Tạo bản dự thảo từ phiên bản 1' }).click();
    const editor = page.getByRole('form', { name: 'Bản dự thảo, phiên bản 2' });
    await editor.waitFor();
    const appraise = editor.getByRole('group', { name: 'Bước 2.1: Thẩm định hồ sơ' });
    const allotment = appraise.getByRole('spinbutton', { name: 'Thời gian' });
    const planned = Number(await allotment.inputValue());
    await allotment.fill(String(planned + 1));
    const approve = editor.getByRole('group', { name: 'Bước 2.2: Phê duyệt, ký kết quả' });
    await approve.getByLabel('Vai trò thực hiện').selectOption('specialist');
    await editor.getByRole('button', { name: 'Kiểm tra' }).click();
    const check = editor.getByRole('status').filter({ hasText: 'Tổng thời gian phân bổ' });
    await check.getByText('Chưa khớp thời hạn.').waitFor();
    const text = await check.innerText();
    assert.ok(text.includes('Tổng thời gian phân bổ: 9 giờ làm việc.'), text);
    assert.ok(text.includes('Thời hạn theo quy định: 1 ngày làm việc (8 giờ làm việc).'), text);
    assert.ok(text.includes('Còn 2 vấn đề phải sửa trước khi ban hành'), text);
    assert.ok(text.includes('Tổng thời gian phân bổ là 9 giờ làm việc; thời hạn theo quy định là 8 giờ làm việc.'), text);
    assert.ok(text.includes('Bước 2.2: Bước phê duyệt do lãnh đạo thực hiện.'), 'the problems are worded in the page’s language, at the step they concern');
    await expectNoAxeViolations(page, 'draft process with a failed check');
    await screenshot(page, 'console-process-check-mismatch-desktop');
    // The same editor on a phone: each step's fields stack.
    await page.setViewportSize(PHONE);
    await appraise.scrollIntoViewIfNeeded();
    await viewportShot(page, 'console-process-step-phone');
    await check.scrollIntoViewIfNeeded();
    await viewportShot(page, 'console-process-check-phone');
    await page.setViewportSize(DESKTOP);

    // Steps reorder with the keyboard, and the focus stays on the moved step.
    await editor.getByRole('button', { name: 'Xuống — Bước 2.1: Thẩm định hồ sơ' }).focus();
    await page.keyboard.press('Enter');
    await editor.getByRole('group', { name: 'Bước 2.2: Thẩm định hồ sơ' }).waitFor();
    assert.equal(await focusedLabel(page), 'Lên — Bước 2.2: Thẩm định hồ sơ', 'at the end of its branch, the focus moves to the step’s other button');
    await page.keyboard.press('Enter');
    await editor.getByRole('group', { name: 'Bước 2.1: Thẩm định hồ sơ' }).waitFor();
    assert.equal(await focusedLabel(page), 'Xuống — Bước 2.1: Thẩm định hồ sơ');
    await allotment.fill(String(planned));
    await approve.getByLabel('Vai trò thực hiện').selectOption('leader');
    await editor.getByRole('button', { name: 'Kiểm tra' }).click();
    await editor.getByText('Quy trình hợp lệ, có thể ban hành.').waitFor();
    await editor.getByText('Khớp thời hạn.').waitFor();
    await editor.getByRole('button', { name: 'Ban hành quy trình' }).click();
    await page.getByText(/^Đã ban hành phiên bản 2, áp dụng từ ngày \d{2}\/\d{2}\/\d{4}\.$/).waitFor();
    await page.getByText(/^Đang áp dụng: phiên bản 2, từ ngày/).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Phiên bản 2' }).waitFor();
    await expectNoAxeViolations(page, 'process published');
    await screenshot(page, 'console-process-definition-desktop');
    const inForce = await testApp.inject({ method: 'GET', url: '/api/v1/process-definitions/in-force?procedureCode=1.001193&caseCode=TH1', headers: { cookie: await testApp.login('admin') } });
    assert.equal(inForce.json().version, 2);
    await context.close();
  });

  it('system administrator (desktop): sees the units beside a chosen one; lists background jobs, queues a report rebuild and opens it, replays a dead job', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const page = await signInAsSystemAdmin(context);
    // The units page on a desktop: the tree beside the chosen unit.
    await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await page.getByRole('button', { name: /^Sở Tư pháp tỉnh An Giang/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Sở Tư pháp tỉnh An Giang' }).waitFor();
    await page.getByRole('form', { name: 'Sửa tên và mã định danh' }).waitFor();
    await expectNoAxeViolations(page, 'units administration (desktop)');
    await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
    await viewportShot(page, 'console-units-desktop');
    // New office hours from today: the afternoon ends half an hour earlier; then the names are saved too (a fresh version).
    await page.getByLabel('Kết thúc lúc — 2').fill('16:30');
    await page.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
    await page.getByText('Đã lưu giờ làm việc của Sở Tư pháp tỉnh An Giang.').waitFor();
    await page.getByText(/^Từ ngày \d{2}\/\d{2}\/\d{4}: 07:00–11:30, 13:30–16:30$/).waitFor();
    await page.getByLabel('Tên viết tắt').fill('STP An Giang');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu đơn vị Sở Tư pháp tỉnh An Giang.').waitFor();
    await expectNoAxeViolations(page, 'a unit with new office hours (desktop)');
    // A system administrator may add a root: a ministry, at the top of the tree.
    await page.getByRole('button', { name: 'Tạo đơn vị gốc (tỉnh, bộ, ngành)' }).click();
    const root = page.getByRole('form', { name: 'Tạo đơn vị gốc' });
    await root.getByLabel('Tên đơn vị mới').fill('Bộ Tư pháp');
    await root.getByLabel('Mã định danh của đơn vị mới').fill('G09');
    await root.getByLabel('Loại đơn vị').selectOption('ministry');
    await expectNoAxeViolations(page, 'a root unit being created (desktop)');
    await root.getByRole('button', { name: 'Tạo đơn vị' }).click();
    await page.getByText('Đã tạo đơn vị Bộ Tư pháp.').waitFor();
    await page.locator('.unit-tree-wrap > .unit-tree > li > .unit-node', { hasText: 'Bộ Tư pháp' }).waitFor();

    // A job that fails for good: forms for a dossier that does not exist.
    const missing = randomUUID();
    await testApp.app.services.jobQueue.enqueue({ kind: ISSUE_DOCUMENTS_JOB, payload: { dossierId: missing }, idempotencyKey: `missing:${missing}` });
    await createJobWorker(testApp.app.services, testApp.config).drain();

    await page.getByRole('link', { name: 'Tác vụ nền' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tác vụ nền' }).waitFor();
    await page.getByLabel('Tình trạng').waitFor();
    await expectNoAxeViolations(page, 'background jobs');
    await page.getByRole('button', { name: 'Dựng lại số liệu báo cáo' }).click();
    await page.getByText('Đã đưa việc dựng lại số liệu báo cáo vào hàng đợi.').waitFor();
    const jobs = page.getByRole('region', { name: 'Danh sách tác vụ nền' });
    await jobs.getByRole('rowheader', { name: 'reports.rebuild' }).first().waitFor();
    await jobs.getByRole('button', { name: /^Xem tác vụ reports\.rebuild/ }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Tác vụ reports.rebuild' }).waitFor();
    await page.getByText('"requestedBy"').waitFor();
    await expectNoAxeViolations(page, 'a background job opened');
    await screenshot(page, 'console-jobs-desktop');
    await page.getByLabel('Tình trạng').selectOption('dead');
    const deadRow = jobs.getByRole('row', { name: new RegExp(`^${ISSUE_DOCUMENTS_JOB.replace('.', '\\.')} Lỗi hẳn`) });
    await deadRow.getByRole('cell', { name: 'Lỗi không thể thử lại' }).waitFor();
    await expectNoAxeViolations(page, 'background jobs, the dead ones');
    await deadRow.getByRole('button').click();
    await page.getByLabel('Dữ liệu của tác vụ').getByText(`"dossierId": "${missing}"`).waitFor();
    await page.getByText(`PermanentJobError: dossier ${missing}`, { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Chạy lại tác vụ' }).click();
    await expectNoAxeViolations(page, 'replaying a dead job, asked to confirm');
    await page.getByRole('button', { name: 'Đồng ý chạy lại' }).click();
    await page.getByText(`Đã đưa tác vụ ${ISSUE_DOCUMENTS_JOB} vào hàng đợi lại.`).waitFor();
    await page.getByText('Không có tác vụ nào.').waitFor();
    await page.getByLabel('Tình trạng').selectOption('');
    await jobs.getByRole('rowheader', { name: ISSUE_DOCUMENTS_JOB }).waitFor();
    await page.setViewportSize(PHONE);
    await viewportShot(page, 'console-jobs-phone');
    await context.close();
  });
});
