import { startTestHub, type TestHub } from '../helpers/test-hub';
import { runAs, viewerOf } from '../helpers/commands';
import { Viewer } from '../../src/auth/viewer';
import { Db, sql } from '../../src/db/sql';
import { upsertProcedure, type ProcedureData } from '../../src/commands/upsert-procedure.command';
import { syncCatalogue } from '../../src/commands/sync-catalogue.command';
import { agenciesByProcedureIds, procedureByCode, submissionTarget } from '../../src/stores/catalogue.store';
import { demoAgencies, demoProcedures } from '../../src/seed/demo-data';
import type { NationalProcedure } from '../../src/connectors/national-formats';

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});

const db = () => new Db(t.orm.em.fork());
const admin = viewerOf({ roles: ['ADMIN'] });
const provinceAgencies = demoAgencies.filter((a) => a.level === 'PROVINCE').map((a) => a.code);

const input = (patch: Partial<ProcedureData> = {}): ProcedureData => ({
  code: '9.999101.000.00.00.H22',
  name: 'Cấp giấy xác nhận thử nghiệm lệnh',
  sectorCode: 'TESTCMD',
  sectorName: 'Lĩnh vực thử nghiệm lệnh',
  level: 'PROVINCE',
  serviceLevel: 'PARTIAL_ONLINE',
  agencyCodes: [provinceAgencies[0], provinceAgencies[1]],
  steps: ['Nộp hồ sơ', 'Trả kết quả'],
  channels: ['COUNTER', 'ONLINE'],
  components: [{ code: 'TK', name: 'Tờ khai', required: true, copies: 1 }],
  processingWorkingDays: 3,
  targetSubjects: ['Công dân Việt Nam'],
  resultDescription: 'Giấy xác nhận',
  fees: [{ kind: 'FEE', amount: 50000, description: 'Phí thẩm định' }],
  legalBases: [{ number: '01/2026/TT-TEST', title: 'Thông tư thử nghiệm', issuedOn: '2026-01-15' }],
  publishedAt: '2026-02-01',
  ...patch,
});

/** The thrown error's code and details (a DomainError), or a failure when nothing is thrown. */
async function refusal(p: Promise<unknown>): Promise<{ code: string; field?: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: string; field?: string };
    return { code: err.code, field: err.field };
  }
  throw new Error('expected the command to refuse');
}

describe('upsertProcedure', () => {
  it('creates, reports unchanged for the same input, updates in place (agencies replaced exactly)', async () => {
    const created = await runAs(t, admin, upsertProcedure, input());
    expect(created.outcome).toBe('created');
    expect(created.procedure).toMatchObject({
      code: input().code,
      name: input().name,
      level: 'PROVINCE',
      processingWorkingDays: 3,
      fees: [{ kind: 'FEE', amount: 50000, description: 'Phí thẩm định' }],
      components: [{ code: 'TK', name: 'Tờ khai', required: true, copies: 1, templateUrl: null }],
      legalBases: [{ number: '01/2026/TT-TEST', title: 'Thông tư thử nghiệm', issuedOn: '2026-01-15' }],
      publishedAt: '2026-02-01',
      requirements: null,
      location: null,
    });
    expect(created.procedure.updatedAt).toBeInstanceOf(Date);

    expect((await runAs(t, admin, upsertProcedure, input())).outcome).toBe('unchanged');

    const changed = input({ name: 'Cấp giấy xác nhận thử nghiệm lệnh (sửa đổi)', sectorName: 'Lĩnh vực đổi tên', agencyCodes: [provinceAgencies[1], provinceAgencies[2]], fees: [] });
    const updated = await runAs(t, admin, upsertProcedure, changed);
    expect(updated.outcome).toBe('updated');
    expect(updated.procedure).toMatchObject({ id: created.procedure.id, name: changed.name, fees: [] });
    const [group] = await agenciesByProcedureIds(db(), [created.procedure.id]);
    expect(group.agencies.map((a) => a.code).sort()).toEqual([provinceAgencies[1], provinceAgencies[2]].sort());
    const target = await submissionTarget(db(), input().code, provinceAgencies[2]);
    expect(target).toMatchObject({ procedure: { code: input().code, sectorCode: 'TESTCMD' }, implementsIt: true });
    expect((await submissionTarget(db(), input().code, provinceAgencies[0])).implementsIt).toBe(false);
  });

  it('forgets the submissions’ cached look-ups after the write', async () => {
    const code = '9.999102.000.00.00.H22';
    const cache = t.hub.services.submissionCatalogue;
    expect((await cache.get(db(), code, provinceAgencies[0])).procedure).toBeNull(); // now cached as missing
    await runAs(t, admin, upsertProcedure, input({ code }));
    expect((await cache.get(db(), code, provinceAgencies[0])).procedure).toMatchObject({ code });
  });

  it('refuses without a token (UNAUTHENTICATED) and without ADMIN (FORBIDDEN), writing nothing', async () => {
    const code = '9.999103.000.00.00.H22';
    expect(await refusal(runAs(t, Viewer.anonymous(), upsertProcedure, input({ code })))).toMatchObject({ code: 'UNAUTHENTICATED' });
    for (const v of [viewerOf({ roles: ['CITIZEN'], idn: '022090001234' }), viewerOf({ roles: ['OBSERVER'] }), Viewer.system('catalogue-sync')]) {
      expect(await refusal(runAs(t, v, upsertProcedure, input({ code })))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await procedureByCode(db(), code)).toBeNull();
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, writing nothing (not even the sector)', async () => {
    const code = '9.999104.000.00.00.H22';
    const cases: [Partial<ProcedureData>, string][] = [
      [{ code: 'x' }, 'code'],
      [{ agencyCodes: [provinceAgencies[0], '000.00.99.XXX'], sectorCode: 'NEWSECTOR' }, 'agencyCodes'],
      [{ agencyCodes: [] }, 'agencyCodes'],
      [{ channels: [] }, 'channels'],
      [{ processingWorkingDays: -1 }, 'processingWorkingDays'],
      [{ fees: [{ kind: 'FEE', amount: -5 }] }, 'fees'],
      [{ name: '  ' }, 'name'],
      [{ components: [{ code: 'X', name: 'x', required: true }, { code: 'X', name: 'y', required: true }] }, 'components'],
      [{ legalBases: [{ number: '', title: 't' }] }, 'legalBases'],
    ];
    for (const [patch, field] of cases) {
      expect(await refusal(runAs(t, admin, upsertProcedure, input({ code, ...patch })))).toEqual({ code: 'BAD_USER_INPUT', field });
    }
    expect(await procedureByCode(db(), code)).toBeNull();
    const sector = await db().one(sql`select 1 from sector where code = ${'NEWSECTOR'}`);
    expect(sector).toBeUndefined();
  });
});

describe('syncCatalogue against the national simulator', () => {
  it('counts created, updated, unchanged and failed; runs as ADMIN or as the job, not as others', async () => {
    const list = t.sims.national.procedures();
    expect(await refusal(runAs(t, Viewer.anonymous(), syncCatalogue, {}))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refusal(runAs(t, viewerOf({ roles: ['OBSERVER'] }), syncCatalogue, {}))).toMatchObject({ code: 'FORBIDDEN' });

    // The simulator lists the demo catalogue, some national procedures it lacks, and one that
    // no agency of this province carries out (counted as failed, never written).
    const known = new Set(demoAgencies.map((a) => a.code));
    const takenHere = (n: NationalProcedure) => n.CoQuanThucHien.some((c) => known.has(c.MaCoQuan));
    const failed = list.filter((n) => !takenHere(n)).length;
    const fresh = list.filter((n) => takenHere(n) && !demoProcedures.some((p) => p.code === n.MaTTHC)).length;
    expect(fresh).toBeGreaterThanOrEqual(1);

    const first = await runAs(t, admin, syncCatalogue, {});
    expect(first).toMatchObject({ created: fresh, updated: 0, unchanged: list.length - fresh - failed, failed });
    expect(first.finishedAt).toBeInstanceOf(Date);

    const again = await runAs(t, Viewer.system('catalogue-sync'), syncCatalogue, {});
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: list.length - failed, failed });

    const bumped = list.find((n) => n.MaTTHC === demoProcedures[0].code)!;
    const foreign: NationalProcedure = { ...list[1], MaTTHC: '9.999105.000.00.00.H22', CoQuanThucHien: [{ MaCoQuan: '000.00.99.XXX', TenCoQuan: 'Elsewhere' }] };
    t.sims.national.setProcedures([...list.map((n) => (n === bumped ? { ...n, ThoiHanGiaiQuyet: n.ThoiHanGiaiQuyet + 1 } : n)), foreign]);
    try {
      const third = await runAs(t, admin, syncCatalogue, {});
      expect(third).toMatchObject({ created: 0, updated: 1, unchanged: list.length - failed - 1, failed: failed + 1 });
      expect((await procedureByCode(db(), bumped.MaTTHC))!.processingWorkingDays).toBe(bumped.ThoiHanGiaiQuyet + 1);
      expect(await procedureByCode(db(), foreign.MaTTHC)).toBeNull();
    } finally {
      t.sims.national.setProcedures(list);
    }
    // The catalogue-sync job runs the same command as Viewer.system: it puts the duration back.
    expect(await t.hub.services.runJob('catalogue-sync')).toEqual({ created: 0, updated: 1, unchanged: list.length - failed - 1, failed });
    expect((await procedureByCode(db(), bumped.MaTTHC))!.processingWorkingDays).toBe(bumped.ThoiHanGiaiQuyet);
  });
});
