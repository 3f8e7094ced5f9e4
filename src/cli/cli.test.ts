import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createTestDatabase, DIALECTS, testConfig, type TestDatabase } from '../../test/support/test-app.js';
import { openDatabase } from '../db/open-database.js';

const execFileAsync = promisify(execFile);

function motcua(databaseUrl: string, args: string[], input?: string) {
  const child = execFileAsync(process.execPath, ['bin/motcua.mjs', ...args], { env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test', LOG_LEVEL: 'silent' } });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  return child;
}

for (const dialect of DIALECTS) {
  describe(`motcua CLI [${dialect}]`, () => {
    let target: TestDatabase;
    before(async () => {
      target = await createTestDatabase(dialect);
    });
    after(async () => target.drop());

    it('explains its commands', async () => {
      const { stdout } = await motcua(target.url, ['--help']);
      for (const command of ['migrate', 'seed', 'create-user', 'import-units', 'import-procedures', 'import-dossiers', 'generate-dossiers', 'verify']) assert.match(stdout, new RegExp(command));
    });

    it('migrates, seeds once, creates a user with roles and imports units', async () => {
      assert.match((await motcua(target.url, ['migrate'])).stdout, /migrated/);
      assert.match((await motcua(target.url, ['seed'])).stdout, /Demo data loaded/);
      assert.match((await motcua(target.url, ['seed'])).stdout, /nothing loaded/);

      const created = await motcua(target.url, ['create-user', '-u', 'binhhoa.motcua', '-n', 'Châu Thị Kim', '--password-stdin', '-r', '001.23.45.H01:desk_officer'], 'mat-khau-cua-kim\n');
      assert.match(created.stdout, /Created binhhoa\.motcua with 1 role/);

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-'));
      const file = path.join(dir, 'units.csv');
      fs.writeFileSync(file, 'code,name,type,parentCode,validFrom\n000.40.45.H01,Ủy ban nhân dân xã Phú Hội,commune,000.00.00.H01,2025-07-01\n');
      assert.match((await motcua(target.url, ['import-units', file, '--dry-run'])).stdout, /Dry run: would create 1/);
      assert.match((await motcua(target.url, ['import-units', file])).stdout, /Created 1, updated 0/);
      const procedures = path.join(dir, 'procedures.json');
      const record = {
        MATTHC: '1.000990',
        TENTTHC: 'Đăng ký khai sinh lưu động',
        LINHVUCTHUCHIEN: [{ MALINHVUC: 'HO_TICH', TENLINHVUC: 'Hộ tịch' }],
        CAPTHUCHIEN: ['Cấp Xã'],
        CACHTHUCTHUCHIEN: [{ KENH: 'Trực tiếp', THOIGIAN: [{ THOIGIANGIAIQUYET: 5, DONVITINH: 'Ngày làm việc', PHILEPHI: [] }] }],
        THANHPHANHOSO: [{ TRUONGHOP: 'Khai sinh lưu động', GIAYTO: [{ TENGIAYTO: 'Tờ khai đăng ký khai sinh' }] }],
        COQUANTHUCHIEN: [{ MADONVI: '000.21.45.H01', TENDONVI: 'UBND xã Cần Đăng' }],
      };
      fs.writeFileSync(procedures, JSON.stringify([record]));
      assert.match((await motcua(target.url, ['import-procedures', procedures, '--dry-run'])).stdout, /Dry run: would create 1 procedure/);
      assert.match((await motcua(target.url, ['import-procedures', procedures, '--publish', '--effective-from', '2026-01-01'])).stdout, /Created 1 procedure\(s\), 0 new version\(s\), updated 0 draft\(s\), published 1/);
      assert.match((await motcua(target.url, ['import-procedures', procedures])).stdout, /unchanged 1/);
      fs.writeFileSync(procedures, JSON.stringify([{ ...record, MATTHC: 'x' }]));
      await assert.rejects(motcua(target.url, ['import-procedures', procedures]), /PROCEDURE_IMPORT_INVALID[\s\S]*MATTHC/);
      fs.rmSync(dir, { recursive: true, force: true });

      const db = await openDatabase(testConfig(target.url));
      try {
        const user = await db.reader.selectFrom('users').select(['full_name', 'password_hash']).where('username', '=', 'binhhoa.motcua').executeTakeFirstOrThrow();
        assert.equal(user.full_name, 'Châu Thị Kim');
        assert.match(user.password_hash, /^\$argon2id\$/);
        const unit = await db.reader.selectFrom('units').select('name').where('code', '=', '000.40.45.H01').executeTakeFirstOrThrow();
        assert.equal(unit.name, 'Ủy ban nhân dân xã Phú Hội');
        const version = await db.reader.selectFrom('procedure_versions').select(['status', 'effective_from']).where('name', '=', 'Đăng ký khai sinh lưu động').executeTakeFirstOrThrow();
        assert.deepEqual(version, { status: 'published', effective_from: '2026-01-01' });
      } finally {
        await db.close();
      }
    });

    it("shows and records a year's list of days off", async () => {
      const shown = JSON.parse((await motcua(target.url, ['calendar-year', '2026'])).stdout);
      assert.equal(shown.status, 'official');
      assert.ok(shown.entries.some((e: { date: string }) => e.date === '2026-02-17'));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-'));
      const file = path.join(dir, '2028.json');
      fs.writeFileSync(file, JSON.stringify({ status: 'official', sources: ['Thông báo (ví dụ)'], entries: [{ date: '2028-01-01', kind: 'holiday', name: { vi: 'Tết Dương lịch', en: 'New Year' } }] }));
      assert.match((await motcua(target.url, ['calendar-year', '2028', '--set', file])).stdout, /Recorded version 1 of 2028/);
      fs.rmSync(dir, { recursive: true, force: true });
      assert.equal(JSON.parse((await motcua(target.url, ['calendar-year', '2028'])).stdout).version, 1);
    });

    it('generates random dossiers through the services and verifies them against their events', async () => {
      const generated = await motcua(target.url, ['generate-dossiers', '--count', '15', '--seed', '7']);
      assert.match(generated.stdout, /Generated 15 dossiers with \d+ commands/);
      assert.doesNotMatch(generated.stdout, /Refused/);
      const verified = await motcua(target.url, ['verify']);
      assert.match(verified.stdout, /Checked 15 dossiers in [\d.]+ s: 0 mismatches\./);
      assert.match((await motcua(target.url, ['reports', 'reconcile'])).stdout, /Folded 15 dossiers against \d+ counter rows in [\d.]+ s: 0 differences\./);
      assert.match((await motcua(target.url, ['reports', 'rebuild'])).stdout, /Rebuilt \d+ counter rows from 15 dossiers/);
      await assert.rejects(motcua(target.url, ['generate-dossiers', '--count', '0']), /whole number ≥ 1/);
    });

    it('fails with a clear message and a non-zero exit code', async () => {
      await assert.rejects(motcua(target.url, ['create-user', '-u', 'x.y', '-n', 'X', '-p', 'short']), (error: { code: number; stderr: string }) => {
        assert.equal(error.code, 1);
        assert.match(error.stderr, /WEAK_PASSWORD/);
        return true;
      });
      await assert.rejects(motcua(target.url, ['create-user', '-u', 'x.y', '-n', 'X', '-p', 'long-enough-password', '-r', '000.00.00.H01:king']), /ROLE one of/);
      await assert.rejects(motcua(target.url, ['import-units', 'units.txt']), /\.csv or \.xlsx/);
    });
  });
}
