import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actors, citizen, KHAI_SINH, SUBMIT, submitInput, TRANSITION, actOk, submitOk, submitAs } from '../helpers/dossier-fixtures';
import { isNationalDate } from '../../src/connectors/national-formats';

/**
 * The hub and the national portal, population database simulators over real HTTP: what the
 * portal receives, in which order, and what happens while a system is down.
 */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub({ env: { OUTBOX_MAX_ATTEMPTS: '3' } });
});
afterAll(async () => {
  await t?.stop();
});
afterEach(() => {
  t.setNow(null);
  t.sims.national.setFaults({ mode: 'ok' });
  t.sims.population.setFaults({ mode: 'ok' });
});

const AGENCY = KHAI_SINH.agencyCodes[0];
const SYNC = `query($c: String!) { dossier(code: $c) { version applicant { verification } nationalSync { status attempts lastSyncedAt lastError } history { action } } }`;

const submit = (token: string, input = submitInput(KHAI_SINH)) => submitOk(t, token, input);
const act = (token: string, input: Record<string, unknown>) => actOk(t, token, input);
const dispatch = () => t.hub.services.runJob('outbox-dispatch');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Dispatches until nothing is pending (backoffs are short in tests). */
async function drain(deadlineMs = 8000) {
  const until = Date.now() + deadlineMs;
  for (;;) {
    await dispatch();
    const [{ n }] = await t.orm.em.getConnection().execute(`select count(*)::int as n from outbox where status = 'PENDING'`);
    if (n === 0) return;
    if (Date.now() > until) throw new Error(`${n} outbox messages still pending`);
    await sleep(60);
  }
}

describe('dossiers at the national portal', () => {
  it('a submission arrives with the national fields; each transition as a status update and a progress line', async () => {
    const a = await actors(t, AGENCY);
    const d = await submit(a.citizen);
    expect(d.applicant.verification).toBe('VERIFIED'); // the population simulator holds the demo citizens
    expect((await t.gql(SYNC, { c: d.code }, a.citizen)).data.dossier.nationalSync).toMatchObject({ status: 'PENDING', attempts: 0 });
    await drain();
    const created = t.sims.national.dossier(d.code)!;
    expect(created.record).toMatchObject({
      MaHoSo: d.code,
      MaTTHC: KHAI_SINH.code,
      TenTTHC: KHAI_SINH.name,
      MaLinhVuc: KHAI_SINH.sectorCode,
      KenhThucHien: 2,
      ChuHoSo: citizen().fullName,
      SoGiayToChuHoSo: citizen().identityNumber,
      LoaiDoiTuong: 1,
      TrangThaiHoSo: 1,
      NgayTiepNhan: null,
      DonViXuLy: AGENCY,
      TaiKhoanDuocXacThucVoiVNeID: 1,
    });
    expect(isNationalDate(created.record.NgayNopHoSo)).toBe(true);
    expect(created.record.TaiLieuNop.length).toBeGreaterThan(0);
    const synced = (await t.gql(SYNC, { c: d.code }, a.citizen)).data.dossier.nationalSync;
    expect(synced).toMatchObject({ status: 'SYNCED', attempts: 1, lastError: null });
    expect(synced.lastSyncedAt).toBeTruthy();

    await act(a.reception, { code: d.code, action: 'RECEIVE' });
    await act(a.reception, { code: d.code, action: 'REQUEST_SUPPLEMENT', note: 'Thiếu bản sao giấy chứng sinh' });
    await act(a.citizen, { code: d.code, action: 'SUPPLEMENT', note: 'Đã bổ sung' });
    await drain();
    const after = t.sims.national.dossier(d.code)!;
    expect(after.progress.map((p) => p.TrangThai)).toEqual([2, 5, 4]);
    expect(after.progress[1]).toMatchObject({ MaHoSo: d.code, NguoiXuLy: `reception_officer@${AGENCY}`, ChucDanh: expect.stringContaining('tiếp nhận') });
    expect(after.progress[1].NoiDungXuLy).toContain('Thiếu bản sao giấy chứng sinh');
    expect(after.record.TrangThaiHoSo).toBe(4);
    expect(isNationalDate(after.record.NgayTiepNhan)).toBe(true);
    expect(isNationalDate(after.record.NgayHenTra)).toBe(true);
    expect(after.updates).toBe(4); // created, then one update per transition
  });

  it('while the portal is down the hub keeps working; afterwards everything arrives in order, once in effect', async () => {
    const a = await actors(t, AGENCY);
    const d = await submit(a.citizen);
    await drain();
    t.sims.national.setFaults({ mode: 'down' });
    // The hub goes on taking changes while the portal cannot be reached.
    await act(a.reception, { code: d.code, action: 'RECEIVE' });
    await act(a.reception, { code: d.code, action: 'EXTEND', newDueAt: new Date(Date.now() + 40 * 86400_000).toISOString(), apologyLetter: 'Xin lỗi' });
    const other = await submit(a.citizen);
    await dispatch();
    const waiting = (await t.gql(SYNC, { c: d.code }, a.citizen)).data.dossier.nationalSync;
    expect(waiting.status).toBe('PENDING');
    expect(waiting.attempts).toBeGreaterThanOrEqual(1);
    expect(waiting.lastError).toBeTruthy();
    expect(t.sims.national.dossier(d.code)!.progress).toHaveLength(0);
    expect(t.sims.national.dossier(other.code)).toBeUndefined();

    await sleep(100);
    await dispatch(); // the breaker is open now: nothing is tried, nothing counted
    t.sims.national.setFaults({ mode: 'ok' });
    await sleep(350); // half-open after CONNECTOR_BREAKER_HALF_OPEN_MS
    await act(a.specialist, { code: d.code, action: 'SUBMIT_FOR_APPROVAL' });
    await drain();
    const st = t.sims.national.dossier(d.code)!;
    expect(st.progress.map((p) => p.NoiDungXuLy.split(':')[0])).toEqual(['Tiếp nhận hồ sơ', 'Gia hạn thời gian giải quyết', 'Trình lãnh đạo phê duyệt']);
    expect(st.record.TrangThaiHoSo).toBe(4);
    expect(t.sims.national.dossier(other.code)!.record.TrangThaiHoSo).toBe(1);
    expect((await t.gql(SYNC, { c: d.code }, a.citizen)).data.dossier.nationalSync).toMatchObject({ status: 'SYNCED', lastError: null });
  });

  it('a message that keeps failing becomes a dead letter (FAILED), blocks later ones of its dossier, and is sent again when re-queued', async () => {
    const a = await actors(t, AGENCY);
    const admin = await t.token({ roles: ['ADMIN'] });
    const d = await submit(a.citizen);
    t.sims.national.setFaults({ mode: 'error', errorRate: 1 });
    // Attempts count only when the portal was asked: while the breaker is open nothing is tried.
    let failed;
    for (let i = 0; i < 20; i++) {
      await dispatch();
      failed = (await t.gql(SYNC, { c: d.code }, a.citizen)).data.dossier.nationalSync;
      if (failed.status !== 'PENDING') break;
      await sleep(150); // backoff (≤ 400 ms) and the breaker's half-open time (300 ms)
    }
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(failed.lastError).toMatch(/500|error/i);
    t.sims.national.setFaults({ mode: 'ok' });
    await sleep(350);
    await act(a.reception, { code: d.code, action: 'RECEIVE' });
    await dispatch();
    expect(t.sims.national.dossier(d.code)).toBeUndefined(); // the receipt waits behind the dead creation

    expect((await t.gql(`{ outboxStatus { dead } }`, {}, admin)).data.outboxStatus.dead).toBeGreaterThanOrEqual(1);
    expect((await t.gql(`mutation($c: String) { requeueDeadLetters(code: $c) }`, { c: d.code }, a.reception)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(`mutation($c: String) { requeueDeadLetters(code: $c) }`, { c: d.code }, admin)).data.requeueDeadLetters).toBe(1);
    await drain();
    const st = t.sims.national.dossier(d.code)!;
    expect(st.record.TrangThaiHoSo).toBe(2);
    expect(st.progress.map((p) => p.TrangThai)).toEqual([2]);
    expect((await t.gql(SYNC, { c: d.code }, a.citizen)).data.dossier.nationalSync.status).toBe('SYNCED');
  });

  it('a change is dispatched without waiting for a job tick when jobs run', async () => {
    const hub2 = await startTestHub({ env: { JOBS_ENABLED: 'true', JOB_OUTBOX_SCHEDULE: '*/30 * * * * *' } });
    try {
      const a = await actors(hub2, AGENCY);
      const r = await submitAs(hub2, { input: submitInput(KHAI_SINH) }, a.citizen);
      const code = r.data.submitDossier.dossier.code;
      const until = Date.now() + 5000;
      while (!hub2.sims.national.dossier(code) && Date.now() < until) await sleep(20);
      expect(hub2.sims.national.dossier(code)?.record.MaHoSo).toBe(code);
    } finally {
      await hub2.stop();
    }
  });
});

describe('identity verification against the population database', () => {
  it('VERIFIED or MISMATCH at submission; PENDING while the database is down, then answered by the job', async () => {
    const a = await actors(t, AGENCY);
    const wrongName = submitInput(KHAI_SINH);
    wrongName.applicant.fullName = 'Nguyễn Văn Sai Tên';
    expect((await submit(a.citizen, wrongName)).applicant.verification).toBe('MISMATCH');

    t.sims.population.setFaults({ mode: 'down' });
    const d = await submit(a.citizen); // never blocked: accepted as PENDING
    expect(d.applicant.verification).toBe('PENDING');
    expect((await t.hub.services.runJob('verify-identity'))?.verified).toBe(0);
    t.sims.population.setFaults({ mode: 'ok' });
    await sleep(350); // breaker half-open
    const counts = await t.hub.services.runJob('verify-identity');
    expect(counts?.verified).toBeGreaterThanOrEqual(1);
    const now = (await t.gql(SYNC, { c: d.code }, a.citizen)).data.dossier;
    expect(now.applicant.verification).toBe('VERIFIED');
    expect(now.version).toBe(2);
    expect(now.history.map((h: any) => h.action)).toEqual(['SUBMIT', 'IDENTITY_CHECKED']);
    await drain();
    expect(t.sims.national.dossier(d.code)!.record.TaiKhoanDuocXacThucVoiVNeID).toBe(1);
  });

  it('a slow population database does not hold the citizen up', async () => {
    const a = await actors(t, AGENCY);
    t.sims.population.setFaults({ mode: 'slow', latencyMs: 3000 });
    const started = Date.now();
    const d = await submit(a.citizen);
    expect(Date.now() - started).toBeLessThan(2000); // IDENTITY_CHECK_TIMEOUT_MS is 500 here
    expect(d.applicant.verification).toBe('PENDING');
  });
});

describe('catalogue sync from the national portal', () => {
  const SYNC_CATALOGUE = `mutation { syncCatalogue { created updated unchanged failed finishedAt } }`;

  it('creates what is new, updates what changed, leaves the rest, and needs ADMIN', async () => {
    const admin = await t.token({ roles: ['ADMIN'] });
    expect((await t.gql(SYNC_CATALOGUE, {}, await t.token({ roles: ['OBSERVER'] }))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const list = t.sims.national.procedures();
    const first = (await t.gql(SYNC_CATALOGUE, {}, admin)).data.syncCatalogue;
    expect(first.created + first.updated + first.unchanged + first.failed).toBe(list.length);
    expect(first.created).toBeGreaterThanOrEqual(1); // national procedures the demo catalogue lacks
    const again = (await t.gql(SYNC_CATALOGUE, {}, admin)).data.syncCatalogue;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: first.created + first.updated + first.unchanged, failed: first.failed });

    const changed = list.map((p) => (p.MaTTHC === KHAI_SINH.code ? { ...p, ThoiHanGiaiQuyet: p.ThoiHanGiaiQuyet + 1 } : p));
    t.sims.national.setProcedures(changed);
    expect((await t.gql(SYNC_CATALOGUE, {}, admin)).data.syncCatalogue).toMatchObject({ created: 0, updated: 1 });
    const p = await t.gql(`query($c: String!) { procedure(code: $c) { processingWorkingDays } }`, { c: KHAI_SINH.code });
    expect(p.data.procedure.processingWorkingDays).toBe(KHAI_SINH.processingWorkingDays + 1);
    t.sims.national.setProcedures(list);
    await t.gql(SYNC_CATALOGUE, {}, admin);

    t.sims.national.setFaults({ mode: 'down' });
    const down = await t.gql(SYNC_CATALOGUE, {}, admin);
    expect(down.errors?.[0].extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(JSON.stringify(down)).not.toMatch(/ECONNRESET|stack|at /);
  });
});

describe('SLA sweep', () => {
  it('raises DUE_SOON one working day before the appointment and OVERDUE after it, each once', async () => {
    const agency = KHAI_SINH.agencyCodes[1];
    const a = await actors(t, agency);
    const d = await submit(a.citizen, submitInput(KHAI_SINH, { agencyCode: agency }));
    t.setNow(new Date('2026-12-01T08:00:00+07:00')); // a Tuesday
    const received = await act(a.reception, { code: d.code, action: 'RECEIVE' });
    const dueAt = new Date(received.dueAt);
    const sub = await t.subscribe(`subscription($c: String!) { dossierStatusChanged(code: $c) { code action status dueAt overdue } }`, { c: d.code });
    const sweep = () => t.hub.services.runJob('sla-sweep');

    t.setNow(new Date(dueAt.getTime() - 3 * 86400_000)); // well before: nothing for this dossier
    await sweep();
    await expect(sub.next(300)).rejects.toThrow(/no event/);
    t.setNow(new Date(dueAt.getTime() - 3600_000)); // an hour before
    expect((await sweep())?.dueSoon).toBeGreaterThanOrEqual(1);
    expect(await sub.next()).toEqual({ dossierStatusChanged: { code: d.code, action: 'DUE_SOON', status: 'PROCESSING', dueAt: received.dueAt, overdue: false } });
    expect(await sweep()).toEqual({ dueSoon: 0, overdue: 0, receiveDueSoon: 0, receiveOverdue: 0 }); // once
    t.setNow(new Date(dueAt.getTime() + 60_000));
    expect((await sweep())?.overdue).toBeGreaterThanOrEqual(1);
    expect(await sub.next()).toMatchObject({ dossierStatusChanged: { code: d.code, action: 'OVERDUE', overdue: true } });
    expect(await sweep()).toEqual({ dueSoon: 0, overdue: 0, receiveDueSoon: 0, receiveOverdue: 0 });
    await sub.close();
  });
});
