import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actors, submitInput, submitOk, TRANSITION } from '../helpers/dossier-fixtures';
import { demoAgencies, demoProcedures, demoSectors, type DemoProcedure } from '../../src/seed/demo-data';

/**
 * Issue 14 over HTTP and WebSocket: a procedure's internal process set up by an ADMIN, a dossier
 * received at a district desk, handed to a provincial department (liên thông), worked through its
 * steps there, approved, its result back at the desk and delivered — watched by both agencies'
 * streams; the reception deadline and its sweep notices; allowedActions; the refusals.
 */

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});
afterEach(() => t.setNow(null));

const DISTRICT = demoAgencies.find((a) => a.name === 'Ủy ban nhân dân thành phố Hà Giang')!.code;
const THIRD = demoAgencies.find((a) => a.name === 'Ủy ban nhân dân huyện Vị Xuyên')!.code;
const DEPT = demoAgencies.find((a) => a.name === 'Sở Kế hoạch và Đầu tư')!.code;
const BASE = demoProcedures.find((p) => p.name === 'Đăng ký thành lập doanh nghiệp tư nhân')!;

const WORKFLOW = [
  { name: 'Bộ phận Một cửa kiểm tra, chuyển xử lý', role: 'RECEPTION_OFFICER', agencyCode: null, share: 0.1 },
  { name: 'Chuyên viên thẩm định', role: 'SPECIALIST', agencyCode: null, share: 0.4 },
  { name: 'Ý kiến phòng chuyên môn', role: 'LEADER', agencyCode: null, share: 0.2 },
  { name: 'Lãnh đạo Sở xem xét', role: 'LEADER', agencyCode: DEPT, share: 0.1 },
] as const;

/** A procedure received at the district desks and resolved by the department (liên thông). */
const LT: DemoProcedure = { ...BASE, code: '9.990014.000.00.00.H22', name: 'Thủ tục liên thông thử nghiệm', fees: [], agencyCodes: [DISTRICT, THIRD, DEPT], workflow: WORKFLOW.map((s) => ({ ...s })) };

function procedureInput(p: DemoProcedure, over: Record<string, unknown> = {}) {
  const { workflow, ...rest } = p;
  return { ...rest, sectorName: demoSectors.find((s) => s.code === p.sectorCode)!.name, workflow, ...over };
}

const UPSERT = `mutation($input: ProcedureInput!) { upsertProcedure(input: $input) { procedure { code workflow { order name role agencyCode share } } } }`;
const FLOW_FIELDS = `code status version agency { code } handlingAgency { code } receiveDueAt dueAt allowedActions
  steps { order name role agency { code } startedAt dueAt completedAt overdue } history { action note actorRole }`;
const READ = `query($c: String!) { dossier(code: $c) { ${FLOW_FIELDS} } }`;
const ACT = `mutation($input: TransitionDossierInput!) { transitionDossier(input: $input) { dossier { ${FLOW_FIELDS} } } }`;

async function act(token: string, input: Record<string, unknown>) {
  const r = await t.gql(ACT, { input }, token);
  expect(r.errors).toBeUndefined();
  return r.data.transitionDossier.dossier;
}
async function refused(token: string, input: Record<string, unknown>) {
  const r = await t.gql(TRANSITION, { input }, token);
  expect(r.data).toBeNull();
  return r.errors![0].extensions;
}
const read = async (token: string, code: string) => {
  const r = await t.gql(READ, { c: code }, token);
  return r;
};

let admin: string;
beforeAll(async () => {
  admin = await t.token({ sub: 'admin', roles: ['ADMIN'] });
  const r = await t.gql(UPSERT, { input: procedureInput(LT) }, admin);
  expect(r.errors).toBeUndefined();
  expect(r.data.upsertProcedure.procedure.workflow).toEqual(WORKFLOW.map((s, i) => ({ ...s, order: i + 1 })));
});

describe('liên thông journey', () => {
  it('district desk receives → transfers to the department → steps → approval → result back → delivery at the desk, watched by both agencies', async () => {
    const d = await actors(t, DISTRICT);
    const s = await actors(t, DEPT);
    t.setNow(new Date('2026-12-01T08:00:00+07:00')); // Tuesday
    const submitted = await submitOk(t, d.citizen, submitInput(LT, { agencyCode: DISTRICT }));
    const districtStream = await t.subscribe(`subscription($a: String) { dossierStatusChanged(agencyCode: $a) { code action status } }`, { a: DISTRICT }, d.reception);
    const deptStream = await t.subscribe(`subscription($a: String) { dossierStatusChanged(agencyCode: $a) { code action status handlingAgencyCode } }`, { a: DEPT }, s.leader);

    // Received at the district desk: the process it starts with is the procedure's, its first step open.
    const received = await act(d.reception, { code: submitted.code, action: 'RECEIVE' });
    expect(received).toMatchObject({ status: 'PROCESSING', agency: { code: DISTRICT }, handlingAgency: { code: DISTRICT }, receiveDueAt: '2026-12-01T09:00:00+07:00' });
    expect(received.steps.map((x: any) => [x.order, x.agency.code, !!x.startedAt, !!x.completedAt])).toEqual([
      [1, DISTRICT, true, false], [2, DISTRICT, false, false], [3, DISTRICT, false, false], [4, DEPT, false, false],
    ]);
    expect(received.steps[0].dueAt).toBe('2026-12-01T10:24:00+07:00'); // 0.1 × 3 days = 2.4 working hours
    expect(received.allowedActions).toEqual(expect.arrayContaining(['COMPLETE_STEP', 'TRANSFER']));
    expect(received.allowedActions).not.toContain('SUBMIT_FOR_APPROVAL');
    // The department reads it from now on (its last step is in the process) but has nothing to do yet; another district does not read it.
    const early = await read(s.leader, submitted.code);
    expect(early.errors).toBeUndefined();
    expect(early.data.dossier.allowedActions).toEqual([]);
    const third = await actors(t, THIRD);
    expect((await read(third.reception, submitted.code)).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    t.setNow(new Date('2026-12-01T09:00:00+07:00'));
    const step1 = await act(d.reception, { code: submitted.code, action: 'COMPLETE_STEP' });
    expect(step1.steps[0].completedAt).toBe('2026-12-01T09:00:00+07:00');
    expect(step1.steps[1].startedAt).toBe('2026-12-01T09:00:00+07:00');

    // Hand-over to the department (liên thông).
    const moved = await act(d.reception, { code: submitted.code, action: 'TRANSFER', targetAgencyCode: DEPT });
    expect(moved).toMatchObject({ status: 'PROCESSING', agency: { code: DISTRICT }, handlingAgency: { code: DEPT } });
    expect(moved.history.at(-1)).toMatchObject({ action: 'TRANSFER', note: expect.stringContaining(DEPT) });
    expect(moved.steps[1].agency.code).toBe(DEPT); // the open step follows the handling agency
    expect(moved.allowedActions).toEqual([]); // the desk now only reads it
    const seenByDept = await read(s.specialist, submitted.code);
    expect(seenByDept.errors).toBeUndefined();
    expect(seenByDept.data.dossier.allowedActions).toContain('COMPLETE_STEP');
    // Both lists show it.
    const list = `query { dossiers(first: 50) { edges { node { code } } } }`;
    for (const token of [d.reception, s.specialist]) {
      expect((await t.gql(list, {}, token)).data.dossiers.edges.map((e: any) => e.node.code)).toContain(submitted.code);
    }
    // Filtered by agency: the receiving desk's code and the handling department's both find it; a third agency's does not.
    const byAgency = `query($a: String) { dossiers(first: 50, filter: { agencyCode: $a }) { totalCount edges { node { code } } } }`;
    for (const [token, code] of [[d.reception, DISTRICT], [s.specialist, DEPT], [s.specialist, DISTRICT]] as const) {
      const r = (await t.gql(byAgency, { a: code }, token)).data.dossiers;
      expect(r.edges.map((e: any) => e.node.code)).toContain(submitted.code);
    }

    await act(s.specialist, { code: submitted.code, action: 'COMPLETE_STEP' });
    await act(s.leader, { code: submitted.code, action: 'COMPLETE_STEP' });
    const last = await act(s.leader, { code: submitted.code, action: 'COMPLETE_STEP' });
    expect(last.status).toBe('AWAITING_APPROVAL');
    expect(last.steps.every((x: any) => x.completedAt)).toBe(true);
    await act(s.leader, { code: submitted.code, action: 'APPROVE' });
    const issued = await act(s.clerk, { code: submitted.code, action: 'ISSUE_RESULT', result: { documentNumber: '12/GCN', signedBy: 'Giám đốc Sở', fileUrl: 'https://files.example.gov.vn/gcn.pdf', sha256: 'c'.repeat(64) } });
    expect(issued.status).toBe('RESULT_READY');
    // The result returns to the desk that received it.
    expect((await refused(s.reception, { code: submitted.code, action: 'DELIVER' }))).toMatchObject({ code: 'FORBIDDEN', reason: 'AGENCY_NOT_ALLOWED' });
    expect((await read(d.reception, submitted.code)).data.dossier.allowedActions).toEqual(['DELIVER']);
    const delivered = await act(d.reception, { code: submitted.code, action: 'DELIVER' });
    expect(delivered.status).toBe('DELIVERED');
    expect(delivered.history.map((h: any) => h.action)).toEqual([
      'SUBMIT', 'RECEIVE', 'COMPLETE_STEP', 'TRANSFER', 'COMPLETE_STEP', 'COMPLETE_STEP', 'COMPLETE_STEP', 'APPROVE', 'ISSUE_RESULT', 'DELIVER',
    ]);

    // The district's stream saw every change; the department's from the moment it read the dossier (after RECEIVE).
    const districtSaw: string[] = [];
    for (let i = 0; i < 9; i++) districtSaw.push((await districtStream.next()).dossierStatusChanged.action);
    expect(districtSaw).toEqual(['RECEIVE', 'COMPLETE_STEP', 'TRANSFER', 'COMPLETE_STEP', 'COMPLETE_STEP', 'COMPLETE_STEP', 'APPROVE', 'ISSUE_RESULT', 'DELIVER']);
    const deptSaw: any[] = [];
    for (let i = 0; i < 8; i++) deptSaw.push((await deptStream.next()).dossierStatusChanged);
    expect(deptSaw.map((e) => e.action)).toEqual(['COMPLETE_STEP', 'TRANSFER', 'COMPLETE_STEP', 'COMPLETE_STEP', 'COMPLETE_STEP', 'APPROVE', 'ISSUE_RESULT', 'DELIVER']);
    expect(deptSaw.map((e) => e.handlingAgencyCode)).toEqual([DISTRICT, DEPT, DEPT, DEPT, DEPT, DEPT, DEPT, DEPT]);
    await districtStream.close();
    await deptStream.close();

    // The national record names the current handling unit (DonViXuLy).
    const rows: { payload: any }[] = await t.orm.em
      .getConnection()
      .execute(`select o.payload from outbox o join dossier d on d.id = o.aggregate_id where d.code = ? order by o.id`, [submitted.code]);
    expect(rows.at(-1)!.payload.record.DonViXuLy).toBe(DEPT);
    expect(rows[1].payload.record.DonViXuLy).toBe(DISTRICT); // at reception
  });

  it('a dossier keeps the process it started with when the procedure changes', async () => {
    const d = await actors(t, DISTRICT);
    t.setNow(new Date('2026-12-02T08:00:00+07:00'));
    const submitted = await submitOk(t, d.citizen, submitInput(LT, { agencyCode: DISTRICT }));
    await act(d.reception, { code: submitted.code, action: 'RECEIVE' });
    const r = await t.gql(UPSERT, { input: procedureInput(LT, { workflow: [{ name: 'Một bước', role: 'SPECIALIST', agencyCode: null, share: 1 }] }) }, admin);
    expect(r.errors).toBeUndefined();
    const after = (await read(d.reception, submitted.code)).data.dossier;
    expect(after.steps).toHaveLength(4);
    // put the procedure back for the other tests
    expect((await t.gql(UPSERT, { input: procedureInput(LT) }, admin)).errors).toBeUndefined();
  });
});

describe('bad input: a clear error with its code and field, nothing changed', () => {
  it('TRANSFER to the same agency, to an agency that does not carry out the procedure, by another agency’s staff', async () => {
    const d = await actors(t, DISTRICT);
    const other = await actors(t, '000.00.33.H22');
    t.setNow(new Date('2026-12-03T08:00:00+07:00'));
    const submitted = await submitOk(t, d.citizen, submitInput(LT, { agencyCode: DISTRICT }));
    const received = await act(d.reception, { code: submitted.code, action: 'RECEIVE' });
    expect(await refused(d.reception, { code: submitted.code, action: 'TRANSFER', targetAgencyCode: DISTRICT })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targetAgencyCode', reason: 'SAME_AGENCY' });
    expect(await refused(d.reception, { code: submitted.code, action: 'TRANSFER', targetAgencyCode: '000.00.16.H22' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targetAgencyCode', reason: 'AGENCY_NOT_IMPLEMENTING' });
    expect(await refused(d.reception, { code: submitted.code, action: 'TRANSFER' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'targetAgencyCode', reason: 'TARGET_AGENCY_REQUIRED' });
    expect(await refused(other.leader, { code: submitted.code, action: 'TRANSFER', targetAgencyCode: DEPT })).toMatchObject({ code: 'FORBIDDEN', reason: 'AGENCY_NOT_ALLOWED' });
    expect(await refused(d.specialist, { code: submitted.code, action: 'TRANSFER', targetAgencyCode: DEPT })).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    const now = (await read(d.reception, submitted.code)).data.dossier;
    expect(now).toMatchObject({ version: received.version, handlingAgency: { code: DISTRICT } });
  });

  it('COMPLETE_STEP by the wrong role, the wrong agency, at the wrong status', async () => {
    const d = await actors(t, DISTRICT);
    const s = await actors(t, DEPT);
    t.setNow(new Date('2026-12-03T09:00:00+07:00'));
    const submitted = await submitOk(t, d.citizen, submitInput(LT, { agencyCode: DISTRICT }));
    expect(await refused(d.reception, { code: submitted.code, action: 'COMPLETE_STEP' })).toMatchObject({ code: 'CONFLICT', reason: 'ACTION_NOT_ALLOWED_IN_STATUS' });
    const received = await act(d.reception, { code: submitted.code, action: 'RECEIVE' });
    expect(await refused(d.specialist, { code: submitted.code, action: 'COMPLETE_STEP' })).toMatchObject({ code: 'FORBIDDEN', field: 'action', reason: 'STEP_ROLE_NOT_ALLOWED' });
    expect(await refused(s.reception, { code: submitted.code, action: 'COMPLETE_STEP' })).toMatchObject({ code: 'FORBIDDEN', reason: 'AGENCY_NOT_ALLOWED' });
    expect(await refused(d.specialist, { code: submitted.code, action: 'SUBMIT_FOR_APPROVAL' })).toMatchObject({ code: 'CONFLICT', field: 'action', reason: 'STEPS_IN_PROGRESS' });
    const now = (await read(d.reception, submitted.code)).data.dossier;
    expect(now.version).toBe(received.version);
    expect(now.steps[0].completedAt).toBeNull();
  });

  it('a workflow whose shares exceed the budget, a non-processing role, an agency that does not carry out the procedure', async () => {
    const over = WORKFLOW.map((x) => ({ ...x, share: 0.3 }));
    const cases: [unknown[], string][] = [
      [over, 'input.workflow[3].share'],
      [[{ ...WORKFLOW[0], role: 'CITIZEN' }], 'input.workflow[0].role'],
      [[{ ...WORKFLOW[0], agencyCode: '000.00.16.H22' }], 'input.workflow[0].agencyCode'],
    ];
    for (const [workflow, field] of cases) {
      const r = await t.gql(UPSERT, { input: procedureInput(LT, { workflow }) }, admin);
      expect(r.data).toBeNull();
      expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect([field, field.replace(/^input\./, '')]).toContain(r.errors![0].extensions!.field);
    }
    const now = await t.gql(`query($c: String!) { procedure(code: $c) { workflow { share } } }`, { c: LT.code });
    expect(now.data.procedure.workflow.map((x: any) => x.share)).toEqual(WORKFLOW.map((x) => x.share));
  });
});

describe('the reception rule', () => {
  it('receiveDueAt is 60 working minutes from the next working period; the sweep warns 15 minutes before and when overdue, once each', async () => {
    const d = await actors(t, THIRD);
    t.setNow(new Date('2026-12-05T10:00:00+07:00')); // Saturday: counting starts Monday 07:00
    const submitted = await submitOk(t, d.citizen, submitInput(LT, { agencyCode: THIRD }));
    const seen = (await read(d.reception, submitted.code)).data.dossier;
    expect(seen.receiveDueAt).toBe('2026-12-07T08:00:00+07:00');
    const sub = await t.subscribe(`subscription($c: String) { dossierStatusChanged(code: $c) { action status dueAt overdue } }`, { c: submitted.code });
    const sweep = () => t.hub.services.runJob('sla-sweep');
    t.setNow(new Date('2026-12-07T07:30:00+07:00'));
    await sweep();
    await expect(sub.next(300)).rejects.toThrow(/no event/);
    t.setNow(new Date('2026-12-07T07:50:00+07:00'));
    await sweep();
    expect(await sub.next()).toEqual({ dossierStatusChanged: { action: 'RECEIVE_DUE_SOON', status: 'SUBMITTED', dueAt: '2026-12-07T08:00:00+07:00', overdue: false } });
    await sweep();
    await expect(sub.next(300)).rejects.toThrow(/no event/);
    t.setNow(new Date('2026-12-07T08:30:00+07:00'));
    await sweep();
    expect(await sub.next()).toEqual({ dossierStatusChanged: { action: 'RECEIVE_OVERDUE', status: 'SUBMITTED', dueAt: '2026-12-07T08:00:00+07:00', overdue: true } });
    await sweep();
    await expect(sub.next(300)).rejects.toThrow(/no event/);
    await sub.close();
    // Received late: the scorecard counts it as late in the progress group.
    await act(d.reception, { code: submitted.code, action: 'RECEIVE' });
    const [fact]: { received_late: boolean }[] = await t.orm.em
      .getConnection()
      .execute(`select f.received_late from dossier_fact f join dossier d on d.id = f.dossier_id where d.code = ?`, [submitted.code]);
    expect(fact.received_late).toBe(true);
  });
});

describe('allowedActions, steps and handlingAgency in a list', () => {
  it('cost no statement per dossier', async () => {
    const d = await actors(t, DISTRICT);
    t.setNow(new Date('2026-12-08T08:00:00+07:00'));
    for (let i = 0; i < 6; i++) {
      const x = await submitOk(t, d.citizen, submitInput(LT, { agencyCode: DISTRICT }));
      if (i % 2) await act(d.reception, { code: x.code, action: 'RECEIVE' });
    }
    const q = `query($n: Int) { dossiers(first: $n) { edges { node { code allowedActions handlingAgency { code } receiveDueAt steps { agency { name } overdue } } } } }`;
    // Work that is per request or per batch, never per dossier, may fall in either window: the
    // audit writer's batches (every 250 ms, off the request path) and the staff directory's
    // look-up when its cache entry expires. Counted are the statements the request itself sends.
    const ofTheRequest = (q: string) => !/audit_event|pg_advisory_xact_lock|from staff_member|^\s*(begin|commit|rollback)\b/i.test(q);
    const count = async (n: number) => {
      t.sql.length = 0;
      const r = await t.gql(q, { n }, d.reception);
      expect(r.errors).toBeUndefined();
      expect(r.data.dossiers.edges).toHaveLength(n);
      return t.sql.filter(ofTheRequest).length;
    };
    expect(await count(6)).toBe(await count(2));
  });
});
