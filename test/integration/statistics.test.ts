import ExcelJS from 'exceljs';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actors, KHAI_SINH, submitInput, submitOk, TRANSITION } from '../helpers/dossier-fixtures';

/**
 * Processing statistics over a fixture of dossiers made through the API (figures worked out by
 * hand below), their access rules, ADMIN/OBSERVER read-only drill-down, the live feed, and the
 * periodic reports with their XLSX and CSV.
 */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});

const COMMUNE = '000.31.30.H22'; // under district 31
const DISTRICT = '000.00.31.H22';
const OTHER_COMMUNE = '000.32.30.H22'; // under district 32
const vn = (s: string) => new Date(`${s}+07:00`);
const RESULT = { documentNumber: '1/2026/TLKS', signedBy: 'Chủ tịch UBND', fileUrl: 'https://files.example.gov.vn/kq.pdf', sha256: 'd'.repeat(64) };
const ROW = `key label carriedOver received receivedOnline receivedCounter receivedPostal resolved resolvedEarly resolvedOnTime resolvedLate
  inProgress inProgressOnTime inProgressOverdue withdrawn rejected onTimeRate`;
const STATS = `query($a: String, $f: Date!, $t: Date!, $g: StatisticsGroup) { processingStatistics(agencyCode: $a, from: $f, to: $t, groupBy: $g) { ${ROW} } }`;
const COUNTED = ['carriedOver', 'receivedOnline', 'receivedCounter', 'receivedPostal', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'inProgressOnTime', 'inProgressOverdue', 'withdrawn', 'rejected'];

async function ok(query: string, variables: Record<string, unknown>, token?: string) {
  const r = await t.gql(query, variables, token);
  expect(r.errors).toBeUndefined();
  return r.data;
}

async function stats(token: string, v: { a?: string | null; f: string; t: string; g?: string }) {
  return (await ok(STATS, { a: v.a ?? null, f: v.f, t: v.t, g: v.g ?? null }, token)).processingStatistics as any[];
}

/** TOTAL equals the sum of the rows, column by column. */
function expectTotalIsSum(rows: any[]) {
  const total = rows[rows.length - 1];
  expect(total.key).toBe('TOTAL');
  for (const c of [...COUNTED, 'received', 'resolved', 'inProgress']) {
    expect(total[c]).toBe(rows.slice(0, -1).reduce((s, r) => s + r[c], 0));
  }
}

const NOW = vn('2026-12-01T15:00:00');
const WINDOW = { f: '2026-11-15', t: '2026-12-14' }; // report month 2026-12

describe('processing statistics', () => {
  let codes: Record<string, string> = {};

  beforeAll(async () => {
    const a = await actors(t, COMMUNE);
    const other = await actors(t, OTHER_COMMUNE);
    const submit = async (opts: { channel?: 'ONLINE' | 'COUNTER'; agency?: string } = {}, token?: string) =>
      (await submitOk(t, token ?? (opts.channel === 'COUNTER' ? a.reception : a.citizen), submitInput(KHAI_SINH, { agencyCode: opts.agency ?? COMMUNE, channel: opts.channel }))).code as string;
    const act = (token: string, input: Record<string, unknown>) => ok(TRANSITION, { input }, token);
    const resolve = async (code: string) => {
      await act(a.specialist, { code, action: 'SUBMIT_FOR_APPROVAL' });
      await act(a.leader, { code, action: 'APPROVE' });
      await act(a.clerk, { code, action: 'ISSUE_RESULT', result: RESULT });
    };

    // C1: received before the window (10 Nov), resolved in it: carried over, late (due 10 Nov).
    t.setNow(vn('2026-11-10T08:00:00'));
    codes.c1 = await submit();
    await act(a.reception, { code: codes.c1, action: 'RECEIVE' });
    // C0: received and resolved before the window: not in it.
    codes.c0 = await submit();
    await act(a.reception, { code: codes.c0, action: 'RECEIVE' });
    await resolve(codes.c0);

    t.setNow(vn('2026-12-01T08:00:00'));
    codes.d1 = await submit(); // online, extended to 3 Dec and resolved today: early
    codes.d2 = await submit({ channel: 'COUNTER' }); // counter, open, due 14:00: overdue at 15:00
    codes.d3 = await submit(); // online, withdrawn
    codes.d4 = await submit({ channel: 'COUNTER' }); // counter, rejected after receipt
    codes.d5 = await submit(); // online, never received: not counted
    codes.d6 = await submit(); // online, refused at the desk before receipt: not counted
    codes.d7 = await submit(); // online, waiting for papers since 09:00: in progress on time
    codes.d8 = await submit({ agency: OTHER_COMMUNE }, other.citizen); // the other commune: online, in progress
    codes.d9 = await submit(); // online, resolved today by its due time: on time
    for (const c of ['d1', 'd2', 'd3', 'd4', 'd7', 'd9']) await act(a.reception, { code: codes[c], action: 'RECEIVE' });
    await act(other.reception, { code: codes.d8, action: 'RECEIVE' });
    await act(a.reception, { code: codes.d6, action: 'REJECT', note: 'Không thuộc thẩm quyền' });

    t.setNow(vn('2026-12-01T09:00:00'));
    await act(a.specialist, { code: codes.d1, action: 'EXTEND', newDueAt: vn('2026-12-03T16:00:00').toISOString(), apologyLetter: 'Xin lỗi, hẹn lại ngày trả' });
    await resolve(codes.d1);
    await resolve(codes.d9);
    await resolve(codes.c1);
    await act(a.citizen, { code: codes.d3, action: 'WITHDRAW', note: 'Không cần nữa' });
    await act(a.reception, { code: codes.d4, action: 'REJECT', note: 'Hồ sơ không hợp lệ' });
    await act(a.reception, { code: codes.d7, action: 'REQUEST_SUPPLEMENT', note: 'Thiếu giấy chứng sinh' });
    t.setNow(NOW);
  });
  afterAll(() => t.setNow(null));

  it('counts the national form columns per agency as worked out by hand; TOTAL is the sum', async () => {
    const observer = await t.token({ roles: ['OBSERVER'] });
    const rows = await stats(observer, { ...WINDOW, g: 'AGENCY' });
    expectTotalIsSum(rows);
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    // Every agency of the province is listed (the national form), districts before their communes.
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.findIndex((r) => r.key === DISTRICT)).toBeLessThan(rows.findIndex((r) => r.key === COMMUNE));
    // Commune: carried over C1; received online D1 D3 D7 D9, counter D2 D4 (D5 not received, D6 refused at the desk);
    // resolved D1 early, D9 on time, C1 late; in progress D2 overdue (due 14:00, now 15:00), D7 paused at 09:00 (on time);
    // withdrawn D3; rejected D4. On-time rate 2 of 3.
    expect(byKey[COMMUNE]).toMatchObject({
      carriedOver: 1,
      received: 6,
      receivedOnline: 4,
      receivedCounter: 2,
      receivedPostal: 0,
      resolved: 3,
      resolvedEarly: 1,
      resolvedOnTime: 1,
      resolvedLate: 1,
      inProgress: 2,
      inProgressOnTime: 1,
      inProgressOverdue: 1,
      withdrawn: 1,
      rejected: 1,
      onTimeRate: 66.67,
    });
    expect(byKey[OTHER_COMMUNE]).toMatchObject({ received: 1, receivedOnline: 1, inProgress: 1, inProgressOverdue: 1, onTimeRate: null });
    expect(byKey[DISTRICT]).toMatchObject({ received: 0, carriedOver: 0 });
    expect(byKey.TOTAL).toMatchObject({ carriedOver: 1, received: 7, resolved: 3, inProgress: 3, withdrawn: 1, rejected: 1, onTimeRate: 66.67 });
  });

  it('groups by channel, sector, procedure and report month with the same TOTAL', async () => {
    const observer = await t.token({ roles: ['OBSERVER'] });
    const agencyTotal = (await stats(observer, { ...WINDOW })).at(-1);
    for (const g of ['CHANNEL', 'SECTOR', 'PROCEDURE', 'MONTH']) {
      const rows = await stats(observer, { ...WINDOW, g });
      expectTotalIsSum(rows);
      expect(rows.at(-1)).toEqual(agencyTotal);
    }
    const channel = Object.fromEntries((await stats(observer, { ...WINDOW, g: 'CHANNEL' })).map((r) => [r.key, r]));
    expect(channel.ONLINE).toMatchObject({ label: 'Trực tuyến', receivedOnline: 5, carriedOver: 1 });
    expect(channel.COUNTER).toMatchObject({ receivedCounter: 2, inProgressOverdue: 1, rejected: 1 });
    const procedure = await stats(observer, { ...WINDOW, g: 'PROCEDURE' });
    expect(procedure.map((r) => r.key)).toEqual([KHAI_SINH.code, 'TOTAL']);
    // Months (report months, 15th to 14th) as a flow: C1 came in in November's month and was resolved in December's.
    const months = await stats(observer, { f: '2026-11-01', t: '2026-12-14', g: 'MONTH' });
    expect(months.map((r) => r.key)).toEqual(['2026-11', '2026-12', 'TOTAL']);
    expect(months[0]).toMatchObject({ label: 'Tháng 11/2026 (15/10–14/11)', received: 2, resolved: 1, carriedOver: 0, inProgress: 0 });
    expect(months[1]).toMatchObject({ received: 7, resolved: 3, inProgress: 3 });
    // DAY (the hub's own grouping, for the dashboard's trend)
    const days = await stats(observer, { f: '2026-11-30', t: '2026-12-02', g: 'DAY' });
    expect(days.map((r) => [r.key, r.received, r.resolved])).toEqual([
      ['2026-11-30', 0, 0],
      ['2026-12-01', 7, 3],
      ['2026-12-02', 0, 0],
      ['TOTAL', 7, 3],
    ]);
  });

  it('scopes: staff see their agencies and those below; ADMIN and OBSERVER the province; citizens nothing', async () => {
    const district = await t.token({ sub: 'leader@district', roles: ['LEADER'], agencies: [DISTRICT] });
    const mine = await stats(district, { ...WINDOW });
    expect(mine.map((r) => r.key)).toEqual([DISTRICT, COMMUNE, '000.31.31.H22', '000.31.32.H22', 'TOTAL']);
    expect(mine.at(-1)).toMatchObject({ received: 6, carriedOver: 1 });
    expect((await stats(district, { ...WINDOW, a: COMMUNE })).map((r) => r.key)).toEqual([COMMUNE, 'TOTAL']);
    const commune = await t.token({ sub: 'leader@commune', roles: ['LEADER'], agencies: [COMMUNE] });
    const denied = await t.gql(STATS, { a: DISTRICT, ...WINDOW }, commune);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const citizen = await t.token({ roles: ['CITIZEN'], idn: '001090000001' });
    expect((await t.gql(STATS, { ...WINDOW }, citizen)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(STATS, { ...WINDOW })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const admin = await t.token({ roles: ['ADMIN'] });
    expect((await stats(admin, { ...WINDOW, a: OTHER_COMMUNE })).at(-1)).toMatchObject({ received: 1 });
    expect((await t.gql(STATS, { a: 'NO.SUCH', ...WINDOW }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'agencyCode' });
    expect((await t.gql(STATS, { f: '2026-12-14', t: '2026-11-15' }, admin)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });

  it('ADMIN and OBSERVER list and open every dossier, read-only', async () => {
    for (const role of ['ADMIN', 'OBSERVER'] as const) {
      const token = await t.token({ roles: [role] });
      const list = await ok(`query { dossiers(first: 100) { totalCount edges { node { code agency { code } } } } }`, {}, token);
      expect(list.dossiers.totalCount).toBeGreaterThanOrEqual(Object.keys(codes).length);
      const one = await ok(`query($c: String!) { dossier(code: $c) { code id history { action } } }`, { c: codes.d8 }, token);
      expect(one.dossier.code).toBe(codes.d8);
      const node = await ok(`query($id: ID!) { node(id: $id) { ... on Dossier { code } } }`, { id: one.dossier.id }, token);
      expect(node.node.code).toBe(codes.d8);
      const refused = await t.gql(TRANSITION, { input: { code: codes.d2, action: 'STOP', note: 'thử' } }, token);
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('processingStatisticsUpdated: the current report month first, then fresh rows after a change', async () => {
    const observer = await t.token({ roles: ['OBSERVER'] });
    const expected = await stats(observer, { ...WINDOW, a: DISTRICT });
    const sub = await t.subscribe(`subscription($a: String) { processingStatisticsUpdated(agencyCode: $a, groupBy: AGENCY) { ${ROW} } }`, { a: DISTRICT }, observer);
    const first = (await sub.next(3000)).processingStatisticsUpdated;
    expect(first).toEqual(expected);
    const a = await actors(t, COMMUNE);
    await ok(TRANSITION, { input: { code: codes.d5, action: 'RECEIVE' } }, a.reception);
    let pushed;
    do pushed = (await sub.next(4000)).processingStatisticsUpdated;
    while (pushed.at(-1).received < 7);
    expect(pushed.at(-1)).toMatchObject({ received: 7, receivedOnline: 5 });
    await sub.close();
    const citizen = await t.token({ roles: ['CITIZEN'], idn: '001090000001' });
    const refused = await t.subscribe(`subscription { processingStatisticsUpdated { key } }`, {}, citizen);
    expect(JSON.stringify(await refused.error(3000))).toContain('FORBIDDEN');
  });

  it('generateReport keeps a snapshot whose XLSX and CSV hold the statistics; reports lists it; the job makes due ones', async () => {
    const admin = await t.token({ roles: ['ADMIN'] });
    const REPORT = `id period agency { code } from to dueBy generatedAt rows { ${ROW} } xlsxUrl csvUrl`;
    const made = (await ok(`mutation { generateReport(period: MONTH, from: "2026-12-01") { ${REPORT} } }`, {}, admin)).generateReport;
    expect(made).toMatchObject({ period: 'MONTH', agency: null, from: '2026-11-15', to: '2026-12-14', dueBy: '2026-12-22' });
    const expected = await stats(admin, { f: made.from, t: made.to });
    expect(made.rows).toEqual(expected);

    const xlsx = await fetch(new URL(made.xlsxUrl, t.hub.url));
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(1, 1).value)).toContain('BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(ws.getCell(5, 3).value).toBe('Số hồ sơ nhận giải quyết');
    // The data rows start under the column numbers (row 8): unit, then the form's columns.
    const sheetRows: any[] = [];
    for (let r = 8; r <= ws.rowCount; r++) sheetRows.push(ws.getRow(r));
    expect(sheetRows).toHaveLength(expected.length);
    expected.forEach((row, i) => {
      const x = sheetRows[i];
      expect(x.getCell(2).value).toBe(row.key === 'TOTAL' ? 'TỔNG CỘNG' : row.label);
      expect([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16].map((c) => x.getCell(c).value)).toEqual([
        row.carriedOver + row.received, row.carriedOver, row.receivedOnline, row.receivedCounter, row.receivedPostal,
        row.resolved, row.resolvedEarly, row.resolvedOnTime, row.resolvedLate, row.inProgress, row.inProgressOnTime, row.inProgressOverdue,
        row.withdrawn, row.rejected,
      ]);
      expect(x.getCell(17).value).toBe(row.onTimeRate ?? '');
    });
    // Communes are indented under their district.
    const communeRow = sheetRows[expected.findIndex((r) => r.key === COMMUNE)];
    expect(communeRow.getCell(2).alignment?.indent).toBe(2);

    const csv = Buffer.from(await (await fetch(new URL(made.csvUrl, t.hub.url))).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toContain('Số hồ sơ đã giải quyết - Trước hạn');
    expect(lines).toHaveLength(expected.length + 1);
    expect(lines.at(-1)!.startsWith('TOTAL,Tổng cộng,')).toBe(true);

    // Kept: listed, and replaced only by generateReport.
    const listed = (await ok(`query { reports(period: MONTH) { id from generatedAt } }`, {}, admin)).reports;
    expect(listed.map((r: any) => r.id)).toContain(made.id);

    // Staff: their own agency's report; not the province's, nor another agency's.
    const districtLeader = await t.token({ sub: 'leader@district', roles: ['LEADER'], agencies: [DISTRICT] });
    const own = (await ok(`mutation($a: String) { generateReport(period: QUARTER, from: "2026-12-01", agencyCode: $a) { ${REPORT} } }`, { a: DISTRICT }, districtLeader)).generateReport;
    expect(own).toMatchObject({ period: 'QUARTER', agency: { code: DISTRICT }, from: '2026-09-15', to: '2026-12-14', dueBy: '2026-12-05' });
    expect(own.rows.map((r: any) => r.key)).toEqual([DISTRICT, COMMUNE, '000.31.31.H22', '000.31.32.H22', 'TOTAL']);
    expect((await t.gql(`mutation { generateReport(period: MONTH, from: "2026-12-01") { id } }`, {}, districtLeader)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const theirs = (await ok(`query { reports { agency { code } } }`, {}, districtLeader)).reports;
    expect(theirs).toEqual([{ agency: { code: DISTRICT } }]);
    const otherLeader = await t.token({ sub: 'leader@other', roles: ['LEADER'], agencies: ['000.00.32.H22'] });
    expect((await ok(`query { reports { id } }`, {}, otherLeader)).reports).toEqual([]);
    // The signed URL of a report is only handed to its readers; its node is refused to others.
    expect((await ok(`query($id: ID!) { node(id: $id) { id } }`, { id: own.id }, otherLeader)).node).toBeNull();

    // The job, two days before the 22nd: the month's and half-year's reports of the province and each top agency,
    // not replacing the kept month report.
    t.setNow(vn('2026-12-20T06:00:00'));
    try {
      const run = await t.hub.services.runJob('reports');
      expect(run).toMatchObject({ kept: 1 });
      expect(run!.made).toBeGreaterThan(2);
      const again = await t.hub.services.runJob('reports');
      expect(again).toMatchObject({ made: 0 });
      const province = (await ok(`query { reports(period: MONTH, first: 100) { id agency { code } generatedAt } }`, {}, admin)).reports;
      expect(province.find((r: any) => r.agency === null)).toMatchObject({ id: made.id, generatedAt: made.generatedAt });
      expect(province.some((r: any) => r.agency?.code === DISTRICT)).toBe(true);
    } finally {
      t.setNow(NOW);
    }
  });

  it('generateReport again replaces the kept report; the replaced files are let go and the clean-up job removes them', async () => {
    const admin = await t.token({ roles: ['ADMIN'] });
    const q = (sqlText: string, params: unknown[] = []) => t.hub.services.forkEm().getConnection().execute(sqlText, params);
    const fileIds = async (reportId: string) => {
      const uuid = Buffer.from(reportId, 'base64url').toString('utf8').replace(/^Report:/, ''); // a global id
      const [r] = await q('select xlsx_file_id::text as x, csv_file_id::text as c from report where id = ?', [uuid]);
      return [r.x, r.c] as string[];
    };
    const first = (await ok(`mutation { generateReport(period: YEAR, from: "2026-06-01") { id } }`, {}, admin)).generateReport;
    const oldFiles = await fileIds(first.id);
    const second = (await ok(`mutation { generateReport(period: YEAR, from: "2026-06-01") { id } }`, {}, admin)).generateReport;
    expect(second.id).not.toBe(first.id);
    const attached = await q('select id::text as id, attached_at is not null as attached from stored_file where id = any(?::uuid[])', [`{${[...oldFiles, ...(await fileIds(second.id))].join(',')}}`]);
    expect(Object.fromEntries(attached.map((r: any) => [r.id, r.attached]))).toEqual({
      ...Object.fromEntries(oldFiles.map((id) => [id, false])),
      ...Object.fromEntries((await fileIds(second.id)).map((id) => [id, true])),
    });
    t.setNow(new Date(NOW.getTime() + 25 * 3600_000));
    try {
      expect((await t.hub.services.runJob('file-cleanup'))?.files).toBeGreaterThanOrEqual(2);
      expect(await q('select id from stored_file where id = any(?::uuid[])', [`{${oldFiles.join(',')}}`])).toEqual([]);
      // The kept report's files are untouched: both still download.
      const kept = (await ok(`query { reports(period: YEAR, first: 100) { id agency { code } xlsxUrl csvUrl } }`, {}, admin)).reports.find((r: any) => r.agency === null);
      expect(kept.id).toBe(second.id);
      for (const url of [kept.xlsxUrl, kept.csvUrl]) expect((await fetch(new URL(url, t.hub.url))).status).toBe(200);
    } finally {
      t.setNow(NOW);
    }
  });

  it('dossierStatusChanged: staff of a district follow a commune below it (the dashboard feed); not a commune of another district, nor the district from its commune', async () => {
    const STREAM = `subscription($a: String) { dossierStatusChanged(agencyCode: $a) { code action } }`;
    const districtLeader = await t.token({ sub: 'leader@district-stream', roles: ['LEADER'], agencies: [DISTRICT] });
    const sub = await t.subscribe(STREAM, { a: COMMUNE }, districtLeader);
    const a = await actors(t, COMMUNE);
    const code = (await submitOk(t, a.citizen, submitInput(KHAI_SINH, { agencyCode: COMMUNE }))).code as string;
    let e;
    do e = (await sub.next(4000)).dossierStatusChanged;
    while (e.code !== code);
    expect(e.action).toBe('SUBMIT');
    await sub.close();
    for (const [token, agency] of [
      [districtLeader, OTHER_COMMUNE],
      [a.reception, DISTRICT],
    ] as const) {
      const refused = await t.subscribe(STREAM, { a: agency }, token);
      expect(JSON.stringify(await refused.error(3000))).toContain('FORBIDDEN');
    }
  });
});
