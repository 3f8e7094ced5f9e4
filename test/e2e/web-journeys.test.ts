// End-to-end journeys in real headless Chromium against the real app (SQLite, demo data): a citizen on a
// 360-px phone finds birth registration, files online (the draft survives a closed tab), and follows the
// dossier; a desk officer on a desktop signs in, receives a dossier at the counter with the keyboard only,
// receives the online one from the worklist; the citizen then sees the code and looks it up. axe-core
// checks every page for WCAG violations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.js';
import { DESKTOP, expectNoAxeViolations, focusedLabel, PHONE, screenshot, startJourney, waitForText, type Journey } from '../support/browser.js';

const CODE = /^001\.21\.45\.H01-\d{6}-\d{4}$/;

describe('web journeys (Chromium)', () => {
  let browser: Browser;
  let base: string;
  let phone: BrowserContext;
  let desktop: BrowserContext;
  let citizen: Page;
  let officer: Page;
  let ownDossierUrl = '';
  let counterCode = '';

  let journey: Journey;
  before(async () => {
    journey = await startJourney();
    ({ base, browser } = journey);
    ({ phone, desktop } = await journey.contexts({ phoneTimezone: 'Europe/Paris' }));
    citizen = await phone.newPage();
    officer = await desktop.newPage();
  });

  after(async () => journey?.close());

  it('citizen (phone): searches without diacritics and opens the birth registration procedure', async () => {
    await citizen.goto(`${base}/`);
    await citizen.getByRole('heading', { level: 1, name: 'Tìm thủ tục hành chính' }).waitFor();
    await expectNoAxeViolations(citizen, 'portal home (phone)');
    await citizen.getByRole('searchbox', { name: 'Tên thủ tục hoặc mã thủ tục' }).fill('dang ky khai sinh');
    await citizen.keyboard.press('Enter');
    const link = citizen.getByRole('link', { name: 'Thủ tục đăng ký khai sinh', exact: true });
    await link.waitFor();
    assert.match(citizen.url(), /\?q=dang\+ky\+khai\+sinh/);
    await expectNoAxeViolations(citizen, 'search results (phone)');
    await screenshot(citizen, 'portal-search-phone');
    await link.click();
    await citizen.getByRole('heading', { level: 1, name: 'Thủ tục đăng ký khai sinh' }).waitFor();
    await citizen.getByText('Trung tâm Phục vụ hành chính công xã Cần Đăng').waitFor();
    const text = await citizen.locator('main').innerText();
    for (const expected of ['Giấy tờ cần chuẩn bị', 'Giấy chứng sinh', '1 bản chính, 0 bản sao', '1 ngày làm việc', 'Miễn phí', 'Trực tuyến toàn trình', 'Trung tâm Phục vụ hành chính công xã Cần Đăng']) {
      assert.ok(text.includes(expected), `the procedure page says "${expected}"`);
    }
    await expectNoAxeViolations(citizen, 'procedure page (phone)');
    await screenshot(citizen, 'portal-procedure-phone');
  });

  it('citizen (desktop): browses the catalogue by level and field, page by page', async () => {
    const page = await desktop.newPage();
    await page.goto(`${base}/`);
    await page.getByRole('heading', { level: 2, name: /^\d+ thủ tục$/ }).waitFor();
    const total = Number((await page.getByRole('heading', { level: 2, name: /^\d+ thủ tục$/ }).innerText()).split(' ')[0]);
    assert.ok(total > 20, `the whole catalogue in force is listed (${total})`);
    await page.getByRole('button', { name: /Trang sau/ }).click();
    await page.getByText(`Trang 2/${Math.ceil(total / 20)}`).waitFor();
    await expectNoAxeViolations(page, 'catalogue, page 2 (desktop)');
    await page.getByLabel('Cấp thực hiện').selectOption('commune');
    await page.getByLabel('Lĩnh vực').selectOption('HO_TICH');
    await page.getByRole('link', { name: 'Thủ tục đăng ký khai sinh', exact: true }).waitFor();
    assert.match(page.url(), /cap=commune/);
    assert.match(page.url(), /linh-vuc=HO_TICH/);
    assert.equal(await page.getByText('Trang 2/').count(), 0, 'a new filter starts at the first page');
    await expectNoAxeViolations(page, 'catalogue by field (desktop)');
    await screenshot(page, 'portal-browse-desktop');
    await page.close();
  });

  it('citizen (phone): files online step by step; the draft survives a closed tab; invalid ID refused', async () => {
    await citizen.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).first().click();
    await citizen.getByRole('heading', { level: 2, name: /Bước 1\/5/ }).waitFor();
    assert.equal(await citizen.getByLabel('Đăng ký khai sinh có Giấy chứng sinh').isChecked(), true, 'the case chosen on the procedure page');
    await citizen.getByLabel('Nơi tiếp nhận').selectOption({ label: 'Trung tâm Phục vụ hành chính công xã Cần Đăng' });
    await expectNoAxeViolations(citizen, 'filing step 1');
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

    await citizen.getByRole('heading', { level: 2, name: /Bước 2\/5/ }).waitFor();
    await citizen.getByLabel('Họ và tên').fill('Nguyễn Thị Hoa');
    await citizen.getByLabel('Số định danh cá nhân (CCCD)').fill('08918');
    await citizen.getByLabel('Số điện thoại').fill('0912345678');
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    await citizen.getByText('Số định danh cá nhân gồm đúng 12 chữ số.').waitFor();
    await expectNoAxeViolations(citizen, 'filing step 2 with an error');
    await screenshot(citizen, 'portal-filing-error-phone');
    await citizen.getByLabel('Số định danh cá nhân (CCCD)').fill('089186001234');
    await citizen.getByLabel('Thư điện tử').fill('hoa@example.vn');
    await citizen.getByLabel('Nội dung yêu cầu giải quyết').fill('Đăng ký khai sinh cho con Nguyễn Minh An');
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    await citizen.getByRole('heading', { level: 2, name: /Bước 3\/5/ }).waitFor();
    await citizen.getByText('Bản nháp được lưu').waitFor();
    const filingUrl = citizen.url();

    // The tab is closed; a new one opens the same address: the draft comes back from the server at step 3.
    await citizen.close();
    citizen = await phone.newPage();
    await citizen.goto(filingUrl);
    await citizen.getByText('Đã khôi phục hồ sơ nháp bạn đang làm dở.').waitFor();
    await citizen.getByRole('heading', { level: 2, name: /Bước 3\/5/ }).waitFor();
    await expectNoAxeViolations(citizen, 'filing step 3 (documents) after restoring the draft');
    await screenshot(citizen, 'portal-filing-documents-phone');
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

    await citizen.getByRole('heading', { level: 2, name: /Bước 4\/5/ }).waitFor();
    await citizen.getByLabel(/Nhận bản điện tử/).check();
    await expectNoAxeViolations(citizen, 'filing step 4 (delivery)');
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();

    await citizen.getByRole('heading', { level: 2, name: /Bước 5\/5/ }).waitFor();
    const review = await citizen.locator('main').innerText();
    for (const expected of ['Nguyễn Thị Hoa', '089186001234', 'Nhận bản điện tử', 'Giấy chứng sinh: 1 bản chính, 0 bản sao']) assert.ok(review.includes(expected), `the review shows "${expected}"`);
    await expectNoAxeViolations(citizen, 'filing step 5 (review)');
    await citizen.getByRole('button', { name: 'Nộp hồ sơ' }).click();

    await citizen.getByRole('heading', { level: 1, name: 'Đã gửi hồ sơ' }).waitFor();
    ownDossierUrl = citizen.url();
    assert.match(ownDossierUrl, /\/ho-so-cua-toi\/[0-9a-f-]{36}$/);
    await citizen.getByText('đang chờ Bộ phận Một cửa kiểm tra').waitFor();
    await expectNoAxeViolations(citizen, 'submitted dossier (phone)');
    await screenshot(citizen, 'portal-submitted-phone');
  });

  it('desk officer (desktop): signs in and receives a dossier at the counter with the keyboard only', async () => {
    await officer.goto(`${base}/can-bo`);
    await officer.getByRole('heading', { level: 1, name: 'Đăng nhập cán bộ' }).waitFor();
    await expectNoAxeViolations(officer, 'staff sign-in');
    assert.equal(await focusedLabel(officer), 'Tên đăng nhập *');
    await officer.keyboard.type('candang.motcua');
    await officer.keyboard.press('Tab');
    await officer.keyboard.type(DEMO_PASSWORD);
    await officer.keyboard.press('Enter');
    await officer.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    await officer.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
    await officer.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ' }).waitFor();
    await officer.getByRole('radio').first().waitFor();
    await expectNoAxeViolations(officer, 'counter intake (empty)');

    // Keyboard only from here: the procedure search has the focus.
    assert.equal(await focusedLabel(officer), 'Tìm thủ tục');
    await officer.keyboard.type('khai sinh');
    await officer.getByRole('radio', { name: /^Thủ tục đăng ký khai sinh/ }).first().waitFor();
    await officer.keyboard.press('Enter');
    await officer.getByRole('group', { name: 'Giấy tờ đã nhận' }).waitFor();
    assert.match(await focusedLabel(officer), /^Thủ tục đăng ký khai sinh/);
    const steps: Array<[string | RegExp, string | null]> = [
      ['Trường hợp', null],
      ['Họ và tên *', 'Lê Văn Bình'],
      ['Số định danh cá nhân (CCCD) *', '089090001111'],
      ['Số điện thoại', '0987654321'],
      ['Thư điện tử', 'binh@example.vn'],
      ['Địa chỉ', 'Ấp Cần Thạnh, xã Cần Đăng'],
      ['Nội dung yêu cầu giải quyết', 'Đăng ký khai sinh cho con'],
    ];
    for (const [label, value] of steps) {
      await officer.keyboard.press('Tab');
      assert.equal(await focusedLabel(officer), label);
      if (value) await officer.keyboard.type(value);
    }
    for (const paper of [/^Tờ khai đăng ký khai sinh/, /^Giấy chứng sinh/, /^Thẻ căn cước/]) {
      await officer.keyboard.press('Tab');
      assert.match(await focusedLabel(officer), paper);
      await officer.keyboard.press('Space');
    }
    await officer.keyboard.press('Tab'); // the optional authorisation letter: not handed in
    await officer.keyboard.press('Tab');
    assert.equal(await focusedLabel(officer), 'Cách nhận kết quả');
    await officer.keyboard.press('Tab');
    assert.equal(await focusedLabel(officer), 'Lý do (khi yêu cầu bổ sung hoặc từ chối)');
    await officer.keyboard.press('Tab');
    assert.equal(await focusedLabel(officer), 'Tiếp nhận');
    await expectNoAxeViolations(officer, 'counter intake (filled)');
    await screenshot(officer, 'console-intake-desktop');
    await officer.keyboard.press('Enter');

    await officer.getByRole('heading', { level: 2, name: 'Đã tiếp nhận hồ sơ' }).waitFor();
    counterCode = (await officer.getByTestId('dossier-code').innerText()).trim();
    assert.match(counterCode, CODE);
    assert.match(await officer.locator('.appointment').innerText(), /^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    await expectNoAxeViolations(officer, 'counter receipt');
    await screenshot(officer, 'console-receipt-desktop');
  });

  it('desk officer: an incomplete dossier cannot be received; it is returned for completion with what is missing', async () => {
    await officer.getByRole('button', { name: 'Tiếp nhận hồ sơ khác' }).click();
    await officer.getByRole('searchbox', { name: 'Tìm thủ tục' }).fill('khai sinh');
    await officer.getByRole('radio', { name: /^Thủ tục đăng ký khai sinh/ }).first().check();
    await officer.getByLabel('Họ và tên').fill('Trần Văn Cường');
    await officer.getByLabel('Số định danh cá nhân (CCCD)').fill('089090002222');
    await officer.getByLabel(/^Tờ khai đăng ký khai sinh/).check();
    await officer.getByLabel(/^Thẻ căn cước/).check();
    await officer.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await officer.getByText('Chưa đủ giấy tờ bắt buộc để tiếp nhận: Giấy chứng sinh.').waitFor();
    await expectNoAxeViolations(officer, 'counter intake with a missing paper');
    await officer.getByLabel('Lý do (khi yêu cầu bổ sung hoặc từ chối)').fill('Thiếu giấy chứng sinh');
    await officer.getByRole('button', { name: 'Yêu cầu bổ sung, hoàn thiện' }).click();
    await officer.getByRole('heading', { level: 2, name: 'Yêu cầu bổ sung, hoàn thiện hồ sơ' }).waitFor();
    assert.ok((await officer.locator('.receipt').innerText()).includes('Giấy chứng sinh'), 'the missing paper is listed for the applicant');
    await expectNoAxeViolations(officer, 'return for completion');
  });

  it('desk officer: sees the online dossier in the worklist and receives it from the dossier page', async () => {
    await officer.getByRole('link', { name: 'Việc cần làm' }).click();
    const tab = officer.getByRole('link', { name: /Chờ tiếp nhận/ });
    await tab.waitFor();
    await waitForText(tab, /Chờ tiếp nhận\s+1/);
    const row = officer.getByRole('row', { name: /Nguyễn Thị Hoa/ });
    await row.waitFor();
    await expectNoAxeViolations(officer, 'worklist');
    await screenshot(officer, 'console-worklist-desktop');
    await row.getByRole('link').click();
    await officer.getByRole('heading', { level: 2, name: 'Việc bạn có thể làm' }).waitFor();
    await expectNoAxeViolations(officer, 'dossier page before receipt');
    // First the desk asks for a certified copy of the birth certificate (form 02)…
    await officer.getByLabel(/^Lý do \(dòng đầu\)/).fill('Hồ sơ chưa đầy đủ\nBản sao có chứng thực Giấy chứng sinh');
    await officer.getByRole('button', { name: 'Yêu cầu bổ sung, hoàn thiện' }).click();
    await officer.getByText('Yêu cầu bổ sung, hoàn thiện hồ sơ', { exact: true }).first().waitFor();

    // …the citizen completes the same dossier on the phone and submits it again…
    await citizen.goto(ownDossierUrl);
    await citizen.getByText('Bản sao có chứng thực Giấy chứng sinh').waitFor();
    await expectNoAxeViolations(citizen, 'own dossier returned for completion');
    await citizen.getByRole('button', { name: 'Bổ sung và nộp lại' }).click();
    await citizen.getByRole('heading', { level: 2, name: /Bước 3\/5/ }).waitFor();
    await citizen.getByText('Bản sao có chứng thực Giấy chứng sinh').waitFor();
    await citizen.getByLabel('Số bản sao — Giấy chứng sinh').fill('1');
    await expectNoAxeViolations(citizen, 'completing the dossier');
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    await citizen.getByRole('heading', { level: 2, name: /Bước 4\/5/ }).waitFor();
    await citizen.getByRole('button', { name: 'Tiếp tục' }).click();
    await citizen.getByRole('heading', { level: 2, name: /Bước 5\/5/ }).waitFor();
    await citizen.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Đã gửi hồ sơ' }).waitFor();

    // …and the desk receives it.
    await officer.getByRole('link', { name: 'Việc cần làm' }).click();
    await officer.getByRole('row', { name: /Nguyễn Thị Hoa/ }).getByRole('link').click();
    await officer.getByRole('heading', { level: 2, name: 'Việc bạn có thể làm' }).waitFor();
    assert.ok((await officer.locator('main').innerText()).includes('Giấy chứng sinh (1 bản chính, 1 bản sao)'), 'the completed papers are on the dossier');
    await officer.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await officer.getByRole('heading', { level: 1, name: /Hồ sơ 001\.21\.45\.H01-\d{6}-\d{4}/ }).waitFor();
    await officer.getByRole('heading', { level: 3, name: 'Cách tính ngày hẹn' }).waitFor();
    const page = await officer.locator('main').innerText();
    assert.ok(page.includes('Phiếu kiểm soát quá trình giải quyết') && page.includes('Tiếp nhận, hẹn trả kết quả'), 'control sheet and timeline shown');
    await expectNoAxeViolations(officer, 'dossier page after receipt');
    await screenshot(officer, 'console-dossier-desktop');
  });

  it('specialist (phone): the two received dossiers wait in the unassigned worklist; takes one up and hands it on', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${base}/can-bo/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('candang.chuyenvien');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    await page.getByRole('link', { name: /Chưa phân công/ }).click();
    await page.getByRole('link', { name: counterCode }).waitFor();
    assert.equal(await page.getByRole('row', { name: /Nguyễn Thị Hoa|Lê Văn Bình/ }).count(), 2);
    await expectNoAxeViolations(page, 'specialist worklist (phone)');
    await screenshot(page, 'console-worklist-phone');
    // The specialist takes up the appraisal of the counter dossier and hands it on to the leader.
    await page.getByRole('link', { name: counterCode }).click();
    await page.getByRole('button', { name: 'Nhận xử lý' }).click();
    await page.getByRole('button', { name: 'Hoàn thành và chuyển bước sau' }).waitFor();
    await expectNoAxeViolations(page, 'dossier page, step taken up');
    await page.getByLabel('Ghi chú').fill('Hồ sơ hợp lệ, đề nghị phê duyệt');
    await page.getByRole('button', { name: 'Hoàn thành và chuyển bước sau' }).click();
    await page.getByText('Bạn không có thao tác nào trên hồ sơ này lúc này.').waitFor();
    // The online dossier: the specialist asks the applicant for a clearer birth certificate (the clock stops).
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    await page.getByRole('link', { name: /Chưa phân công/ }).click();
    await page.getByRole('row', { name: /Nguyễn Thị Hoa/ }).getByRole('link').click();
    await page.getByRole('button', { name: 'Nhận xử lý' }).click();
    const ask = page.getByRole('form', { name: 'Yêu cầu công dân (tạm dừng thời hạn giải quyết)' });
    await ask.waitFor();
    await ask.getByLabel('Lý do').fill('Bản chụp Giấy chứng sinh không đọc được');
    await ask.getByLabel(/^Nội dung cần bổ sung/).fill('Bản chụp rõ nét Giấy chứng sinh');
    await expectNoAxeViolations(page, 'dossier page, asking the applicant (phone)');
    await ask.getByRole('button', { name: 'Yêu cầu bổ sung giấy tờ' }).click();
    await page.getByText('Yêu cầu bổ sung giấy tờ', { exact: true }).first().waitFor();
    await page.getByText('Bạn không có thao tác nào trên hồ sơ này lúc này.').waitFor();
    // The working calendar of the year: holidays and their reasons, dates dd/mm/yyyy.
    await page.getByRole('link', { name: 'Lịch làm việc' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lịch làm việc và ngày nghỉ' }).waitFor();
    const newYear = page.getByRole('row', { name: /01\/01\/\d{4} .*Tết Dương lịch/ });
    await newYear.waitFor();
    await expectNoAxeViolations(page, 'working calendar (phone)');
    await screenshot(page, 'console-calendar-phone');
    await context.close();
  });

  it('leader: sees the dossier to approve, may apologise with a new date, approves; the desk returns the result', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${base}/can-bo/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('candang.lanhdao');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    await page.getByRole('link', { name: /Chưa phân công/ }).click();
    await page.getByRole('link', { name: counterCode }).click();
    const apology = page.getByRole('form', { name: 'Xin lỗi và hẹn lại ngày trả kết quả' });
    await apology.waitFor();
    await page.getByRole('button', { name: 'Phê duyệt' }).waitFor();
    await expectNoAxeViolations(page, 'leader dossier page');
    // The apology with one new date, typed dd/mm/yyyy (a wrong date is refused before anything is sent).
    await apology.getByLabel('Lý do chậm').fill('Cần xác minh thêm thông tin khai sinh');
    await apology.getByLabel('Ngày hẹn mới').fill('32/13/2026');
    await apology.getByRole('button', { name: 'Gửi thư xin lỗi' }).click();
    await apology.getByText('Ghi ngày theo dạng dd/mm/yyyy').waitFor();
    const later = new Date(Date.now() + 14 * 86_400_000);
    while (later.getUTCDay() !== 3) later.setUTCDate(later.getUTCDate() + 1); // a Wednesday
    const newDate = `${String(later.getUTCDate()).padStart(2, '0')}/${String(later.getUTCMonth() + 1).padStart(2, '0')}/${later.getUTCFullYear()}`;
    await apology.getByLabel('Ngày hẹn mới').fill(newDate);
    await apology.getByRole('button', { name: 'Gửi thư xin lỗi' }).click();
    await page.getByText(`Đã xin lỗi và hẹn lại: 17:00 ${newDate}`).waitFor();
    assert.equal(await page.getByRole('form', { name: 'Xin lỗi và hẹn lại ngày trả kết quả' }).count(), 0, 'one apology per dossier');
    await expectNoAxeViolations(page, 'leader dossier page after the apology');
    await screenshot(page, 'console-leader-desktop');
    await page.getByRole('button', { name: 'Phê duyệt' }).click();
    await page.getByText('Đã xử lý xong').first().waitFor();

    // The report counts it: form II.06a of the leader's commune, the total received opens the dossiers behind it.
    await page.getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo tình hình giải quyết thủ tục hành chính' }).waitFor();
    const total = page.getByRole('row', { name: /Tổng cộng/ });
    await total.waitFor();
    await page.getByRole('heading', { level: 2, name: 'Tỷ lệ giải quyết đúng hạn theo đơn vị tiếp nhận' }).waitFor();
    await expectNoAxeViolations(page, 'reports');
    await total.getByRole('button', { name: /Số hồ sơ nhận giải quyết — Tổng số — Tổng cộng/ }).click();
    await page.getByRole('heading', { level: 2, name: /^Hồ sơ: / }).waitFor();
    await page.getByRole('link', { name: counterCode }).waitFor();
    await expectNoAxeViolations(page, 'reports with the dossiers behind a number');
    await screenshot(page, 'console-reports-desktop');
    await context.close();

    await officer.goto(`${base}/can-bo/`);
    await officer.getByRole('heading', { level: 1, name: 'Việc cần làm' }).waitFor();
    await officer.goto(`${base}/tra-cuu/${counterCode}`);
    await officer.getByTestId('lookup-status').waitFor();
    assert.equal(await officer.getByTestId('lookup-status').innerText(), 'Đã xử lý xong');
  });

  it('citizen (phone): sees the code and the appointment, then follows the dossier by its code, in both languages', async () => {
    // Back later on the same phone: the lookup page lists the dossiers filed from this device.
    await citizen.goto(`${base}/`);
    await citizen.getByRole('link', { name: 'Tra cứu hồ sơ' }).click();
    await citizen.getByRole('heading', { level: 2, name: 'Hồ sơ đã nộp từ thiết bị này' }).waitFor();
    await expectNoAxeViolations(citizen, 'lookup page with the dossiers of this device');
    await citizen.getByRole('link', { name: 'Thủ tục đăng ký khai sinh' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' }).waitFor();
    assert.equal(citizen.url(), ownDossierUrl);
    const code = (await citizen.getByTestId('dossier-code').innerText()).trim();
    assert.match(code, CODE);
    assert.notEqual(code, counterCode);
    await expectNoAxeViolations(citizen, 'receipt (phone)');
    await screenshot(citizen, 'portal-receipt-phone');
    await citizen.getByRole('link', { name: 'Theo dõi tiến độ' }).click();
    await citizen.getByTestId('lookup-status').waitFor();
    assert.equal(new URL(citizen.url()).pathname, `/tra-cuu/${code}`);
    assert.equal(await citizen.getByTestId('lookup-status').innerText(), 'Yêu cầu bổ sung giấy tờ');
    await citizen.getByRole('heading', { level: 3, name: 'Bạn cần bổ sung giấy tờ' }).waitFor();
    assert.ok((await citizen.locator('main').innerText()).includes('Bản chụp rõ nét Giấy chứng sinh'), 'what is asked of the applicant is shown');
    const lookup = await citizen.locator('main').innerText();
    assert.ok(!lookup.includes('Nguyễn Thị Hoa') && !lookup.includes('089186001234'), 'the public lookup shows no personal data');
    assert.match(lookup, /Tiếp nhận hồ sơ/);
    await expectNoAxeViolations(citizen, 'public lookup (phone)');
    await screenshot(citizen, 'portal-lookup-phone');

    await citizen.getByRole('button', { name: 'English' }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Track a dossier' }).waitFor();
    assert.equal(await citizen.locator('html').getAttribute('lang'), 'en');
    assert.equal(await citizen.getByTestId('lookup-status').innerText(), 'Supplement requested');
    await expectNoAxeViolations(citizen, 'public lookup in English');
    // The language is remembered; dates stay dd/mm/yyyy in Vietnam time whatever the browser's zone.
    const fresh = await desktop.newPage();
    await fresh.goto(`${base}/tra-cuu/${code}`);
    await fresh.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    await fresh.getByTestId('lookup-status').waitFor();
    assert.match(await fresh.locator('dl').innerText(), /\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    await expectNoAxeViolations(fresh, 'public lookup (desktop)');
    await screenshot(fresh, 'portal-lookup-desktop');
    await fresh.close();

    // The applicant brings the clear copy: the desk records it and the clock runs again.
    await officer.goto(`${base}/can-bo`);
    const find = officer.getByRole('textbox', { name: 'Mở hồ sơ theo mã' });
    await find.fill('001.21.45.H01-000000-9999');
    await officer.keyboard.press('Enter');
    await officer.getByRole('alert').waitFor();
    await find.fill(code.toLowerCase());
    await officer.keyboard.press('Enter');
    await officer.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` }).waitFor();
    await officer.getByRole('button', { name: 'Tiếp tục xử lý' }).click();
    await officer.getByText('Đang xử lý', { exact: true }).first().waitFor();
    await expectNoAxeViolations(officer, 'dossier page after resuming');
  });

  it('commune administrator: creates a staff account with a role at the desk, then gives it a second role', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${base}/can-bo/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('candang.quantri');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Cán bộ và vai trò' }).click();
    await page.getByRole('heading', { level: 1, name: 'Quản lý cán bộ và vai trò' }).waitFor();
    await page.getByRole('row', { name: /Trần Thị Bích/ }).waitFor();
    const form = page.getByRole('form', { name: 'Thêm tài khoản cán bộ' });
    await form.getByLabel('Tên đăng nhập').fill('candang.motcua2');
    await form.getByLabel('Họ và tên').fill('Châu Thị Ngọc Hân');
    await form.getByLabel('Mật khẩu ban đầu').fill('short');
    await form.getByRole('button', { name: 'Thêm vai trò' }).click();
    await form.getByLabel('Đơn vị — 1').selectOption({ label: 'Trung tâm Phục vụ hành chính công xã Cần Đăng' });
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await form.getByRole('alert').waitFor(); // the browser or the server refuses a 5-character password
    await form.getByLabel('Mật khẩu ban đầu').fill('MotCua@2026-moi');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText('Đã tạo tài khoản candang.motcua2.').waitFor();
    const row = page.getByRole('row', { name: /Châu Thị Ngọc Hân/ });
    await row.getByText('Cán bộ một cửa — Trung tâm Phục vụ hành chính công xã Cần Đăng').waitFor();
    await expectNoAxeViolations(page, 'staff administration');
    await row.getByRole('button', { name: 'Sửa vai trò của Châu Thị Ngọc Hân' }).click();
    const edit = page.getByRole('form', { name: 'Sửa vai trò của Châu Thị Ngọc Hân' });
    await edit.getByRole('button', { name: 'Thêm vai trò' }).click();
    await edit.getByLabel('Đơn vị — 2').selectOption({ label: 'Trung tâm Phục vụ hành chính công xã Cần Đăng' });
    await edit.getByLabel('Vai trò — 2').selectOption({ label: 'Chuyên viên' });
    await edit.getByRole('button', { name: 'Lưu vai trò' }).click();
    await page.getByText('Đã lưu vai trò của Châu Thị Ngọc Hân.').waitFor();
    await row.getByText('Chuyên viên — Trung tâm Phục vụ hành chính công xã Cần Đăng').waitFor();
    await screenshot(page, 'console-staff-desktop');
    await context.close();
  });

  it('province administrator: starts a draft of a procedure, adds a fee, publishes it from a later date', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${base}/can-bo/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('tinh.quantri');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Danh mục thủ tục' }).click();
    await page.getByRole('heading', { level: 1, name: 'Danh mục thủ tục hành chính: dự thảo và ban hành' }).waitFor();
    await page.getByRole('search', { name: 'Tạo bản dự thảo mới từ một thủ tục' }).getByLabel('Tên hoặc mã thủ tục').fill('dang ky khai sinh');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Tạo dự thảo cho 1.001193' }).click();
    const editor = page.getByRole('form', { name: /^Dự thảo 1\.001193, phiên bản \d+$/ });
    await editor.waitFor();
    await expectNoAxeViolations(page, 'procedure draft editor');
    await editor.getByRole('button', { name: 'Thêm khoản phí, lệ phí' }).first().click();
    await editor.getByLabel(/^Phí, lệ phí — TH1 \d+$/).last().fill('Lệ phí cấp bản sao trích lục (nếu có yêu cầu)');
    await editor.getByLabel(/^Số tiền \(đồng\) — TH1 \d+$/).last().fill('8000');
    await editor.getByLabel('Áp dụng từ ngày').fill('31/02/2027');
    await editor.getByRole('button', { name: 'Ban hành' }).click();
    await editor.getByText('Ghi ngày theo dạng dd/mm/yyyy, ví dụ 01/01/2027.').waitFor();
    const nextYear = new Date().getUTCFullYear() + 1;
    await editor.getByLabel('Áp dụng từ ngày').fill(`01/01/${nextYear}`);
    await editor.getByRole('button', { name: 'Ban hành' }).click();
    await page.getByText(new RegExp(`^Đã ban hành .*áp dụng từ 01/01/${nextYear}\\.$`)).waitFor();
    await screenshot(page, 'console-catalog-published-desktop');
    // The citizens' page still shows the version in force today; the new one is listed with its date.
    const versions = (await (await fetch(`${base}/api/v1/procedures/1.001193/versions`)).json()) as { items: Array<{ status: string; effectiveFrom: string | null }> };
    assert.ok(versions.items.some((v) => v.status === 'published' && v.effectiveFrom === `${nextYear}-01-01`));
    await context.close();
  });

  it('system administrator: records next year\'s days off as a new version of the national list', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${base}/can-bo/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Lịch làm việc' }).click();
    const next = new Date().getUTCFullYear() + 1;
    await page.getByRole('button', { name: `${next} →` }).click();
    await page.getByRole('heading', { level: 2, name: `Danh sách ngày nghỉ năm ${next} (quản trị)` }).waitFor();
    await page.getByRole('button', { name: `Ghi nhận danh sách năm ${next}` }).click();
    const form = page.getByRole('form', { name: `Ghi nhận danh sách năm ${next}` });
    // The new row's number: counted once it is on the page (counting right after the click raced the render).
    const n = (await form.getByRole('group').count()) + 1;
    await form.getByRole('button', { name: 'Thêm một ngày' }).click();
    await form.getByRole('group').nth(n - 1).waitFor();
    await form.getByLabel(`Ngày — ${n}`).fill(`31/02/${next}`);
    await form.getByLabel(`Lý do (tiếng Việt) — ${n}`).fill('Nghỉ kỷ niệm ngày thành lập tỉnh');
    await form.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await form.getByText(`Ngày ${n}: ghi theo dạng dd/mm/yyyy, trong năm ${next}.`).waitFor();
    await form.getByLabel(`Ngày — ${n}`).fill(`15/07/${next}`);
    await form.getByLabel('Tình trạng').selectOption('official');
    await form.getByRole('button', { name: 'Lưu phiên bản mới' }).click();
    await page.getByText(/^Đã lưu phiên bản \d+\./).waitFor();
    await page.getByRole('row', { name: new RegExp(`15/07/${next} .*Nghỉ kỷ niệm ngày thành lập tỉnh`) }).waitFor();
    await expectNoAxeViolations(page, 'calendar with the year administration');
    await screenshot(page, 'console-calendar-admin-desktop');
    await context.close();
  });

  it('serves the pages of the web and keeps the API’s JSON 404s', async () => {
    const page = await (await fetch(`${base}/thu-tuc/1.001193`)).text();
    assert.match(page, /<div id="root"><\/div>/);
    const api = await fetch(`${base}/api/v1/nothing-here`);
    assert.equal(api.status, 404);
    assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'ROUTE_NOT_FOUND');
    assert.equal((await fetch(`${base}/health`)).status, 200);
    assert.equal((await fetch(`${base}/openapi.json`)).headers.get('content-type')?.startsWith('application/json'), true);
  });
});
