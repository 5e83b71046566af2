import { startTestHub, type TestHub } from '../helpers/test-hub';
import { runAs, viewerOf } from '../helpers/commands';
import { citizen, KHAI_SINH } from '../helpers/dossier-fixtures';
import { Viewer } from '../../src/auth/viewer';
import { mayReadFeedback } from '../../src/auth/access';
import { Db, sql } from '../../src/db/sql';
import { submitFeedback, type SubmitFeedbackInput } from '../../src/commands/submit-feedback.command';
import { transitionFeedback, type TransitionFeedbackInput } from '../../src/commands/transition-feedback.command';
import { findFeedbacks } from '../../src/queries/feedback.queries';
import { feedbackByCode, feedbackEventsOf, type FeedbackRow } from '../../src/stores/feedback.store';
import { NATIONAL_FEEDBACK_STATUS } from '../../src/connectors/national-formats';
import { FEEDBACK_FORWARD } from '../../src/outbox/national-messages';

/** The PAKN commands against the real database, without HTTP. */
let t: TestHub;
let db: Db;
beforeAll(async () => {
  t = await startTestHub();
  db = new Db(t.orm.em.fork());
});
afterAll(async () => {
  await t?.stop();
});
afterEach(() => jest.restoreAllMocks());

const AGENCY = KHAI_SINH.agencyCodes[0];
const OTHER = KHAI_SINH.agencyCodes[1];
const IDN = citizen().identityNumber;
const staff = (role: 'RECEPTION_OFFICER' | 'SPECIALIST' | 'LEADER' | 'CLERK', agency = AGENCY) =>
  viewerOf({ sub: `${role.toLowerCase()}@${agency}`, roles: [role], agencies: [agency] });
const reception = staff('RECEPTION_OFFICER');
const specialist = staff('SPECIALIST');
const leader = staff('LEADER');
const submitter = viewerOf({ sub: `citizen-${IDN}`, roles: ['CITIZEN'], idn: IDN });

const input = (extra: Partial<SubmitFeedbackInput> = {}): SubmitFeedbackInput => ({
  title: 'Chậm trả kết quả khai sinh',
  content: 'Hồ sơ của tôi đã quá hạn hai ngày mà chưa có kết quả.',
  agencyCode: AGENCY,
  procedureCode: KHAI_SINH.code,
  contact: { fullName: citizen().fullName, phone: '0912345678', identityNumber: IDN },
  isPublic: true,
  ...extra,
});

const submit = (viewer: Viewer, extra: Partial<SubmitFeedbackInput> = {}) => runAs(t, viewer, submitFeedback, input(extra));
const move = (viewer: Viewer, i: TransitionFeedbackInput) => runAs(t, viewer, transitionFeedback, i);

/** The outbox messages of one feedback, oldest first. */
async function messagesOf(f: { id: string }) {
  return db.all<{ topic: string; aggregate_code: string; payload: { record: Record<string, unknown> } }>(
    sql`select topic, aggregate_code, payload from outbox where aggregate_id = ${f.id} order by id`,
  );
}

/** The effects a command registered, as the runner ran them after it. */
function spyEffects() {
  return {
    kicked: jest.spyOn(t.hub.services, 'outboxWritten'),
    dirty: jest.spyOn(t.hub.services.scorecardFeed, 'markDirty'),
  };
}

/** Submitted (anonymously) and taken to PUBLISHED. */
async function published(extra: Partial<SubmitFeedbackInput> = {}): Promise<FeedbackRow> {
  const f = await submit(Viewer.anonymous(), extra);
  await move(specialist, { code: f.code, action: 'START' });
  await move(specialist, { code: f.code, action: 'ANSWER', answer: 'Hồ sơ đã được giải quyết.' });
  return move(leader, { code: f.code, action: 'PUBLISH' });
}

describe('submitFeedback', () => {
  it('needs no login but a way to be answered (a phone or an e-mail); nothing is written without one', async () => {
    const before = (await db.one<{ n: number }>(sql`select count(*)::int as n from feedback`))!.n;
    const effects = spyEffects();
    await expect(submit(Viewer.anonymous(), { contact: { fullName: 'Trần Thị B' } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'contact' });
    await expect(submit(Viewer.anonymous(), { contact: { fullName: 'Trần Thị B', phone: '  ' } })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'contact' });
    expect((await db.one<{ n: number }>(sql`select count(*)::int as n from feedback`))!.n).toBe(before);
    expect(effects.kicked).not.toHaveBeenCalled();

    const f = await submit(Viewer.anonymous(), { contact: { fullName: 'Trần Thị B', email: 'b@example.vn' } });
    expect(f).toMatchObject({ status: 'RECEIVED', version: 1, submittedBy: null, agencyCode: AGENCY, contactEmail: 'b@example.vn' });
    expect(f.code).toMatch(/^PAKN\.\d{8}\.\d{4}$/);
    expect((await feedbackEventsOf(db, [f.id])).map((l) => [l.action, l.actor])).toEqual([['SUBMIT', 'anonymous']]);
    const [m] = await messagesOf(f);
    expect(m).toMatchObject({ topic: FEEDBACK_FORWARD, aggregate_code: f.code });
    expect(m.payload.record).toMatchObject({ MaPAKN: f.code, TrangThai: NATIONAL_FEEDBACK_STATUS.RECEIVED, DonViTiepNhan: AGENCY, Email: 'b@example.vn' });
    // After the commit: the dispatcher is kicked and the agency's scorecard marked.
    expect(effects.kicked).toHaveBeenCalledTimes(1);
    expect(effects.dirty).toHaveBeenCalledWith(AGENCY);
  });

  it('a signed-in submitter is recorded; a token that was sent but refused is UNAUTHENTICATED', async () => {
    const f = await submit(submitter);
    expect(f.submittedBy).toBe(submitter.subject);
    await expect(submit(Viewer.anonymous('jwt expired'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refers only to what exists', async () => {
    await expect(submit(Viewer.anonymous(), { agencyCode: 'NOPE' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'agencyCode' });
    await expect(submit(Viewer.anonymous(), { procedureCode: 'NOPE' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'procedureCode' });
    await expect(submit(Viewer.anonymous(), { dossierCode: 'NOPE' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'dossierCode' });
  });
});

describe('transitionFeedback', () => {
  it('every change writes its log line and one outbox message with the new state, in one go', async () => {
    const f = await submit(Viewer.anonymous());
    const steps: [Viewer, TransitionFeedbackInput][] = [
      [reception, { code: f.code, action: 'FORWARD' }],
      [specialist, { code: f.code, action: 'START' }],
      [specialist, { code: f.code, action: 'REQUEST_SUPPLEMENT', note: 'Xin cho biết số hồ sơ' }],
      [submitter, { code: f.code, action: 'SUPPLEMENT', note: 'Số hồ sơ H22.15-261207-0001' }],
      [specialist, { code: f.code, action: 'ANSWER', answer: 'Hồ sơ đã được giải quyết.' }],
      [leader, { code: f.code, action: 'PUBLISH' }],
    ];
    let expectedMessages = 1;
    for (const [viewer, i] of steps) {
      const effects = spyEffects();
      const after = await move(viewer, { ...i, expectedVersion: expectedMessages });
      expectedMessages++;
      expect(after.version).toBe(expectedMessages);
      const messages = await messagesOf(f);
      expect(messages).toHaveLength(expectedMessages);
      expect(messages.at(-1)!.payload.record).toMatchObject({ MaPAKN: f.code, TrangThai: NATIONAL_FEEDBACK_STATUS[after.status] });
      const log = await feedbackEventsOf(db, [f.id]);
      expect(log).toHaveLength(expectedMessages);
      expect(log.at(-1)).toMatchObject({ action: i.action, toStatus: after.status, actor: viewer.subject });
      expect(effects.kicked).toHaveBeenCalledTimes(1);
      expect(effects.dirty).toHaveBeenCalledWith(AGENCY);
      jest.restoreAllMocks();
    }
    expect((await feedbackByCode(db, f.code))!.status).toBe('PUBLISHED');
  });

  it('by the staff of another agency is FORBIDDEN, and writes nothing', async () => {
    const f = await submit(Viewer.anonymous());
    const effects = spyEffects();
    await expect(move(staff('RECEPTION_OFFICER', OTHER), { code: f.code, action: 'FORWARD' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(move(staff('SPECIALIST', OTHER), { code: f.code, action: 'START' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // A citizen who did not send it may not act either.
    await expect(move(viewerOf({ sub: 'someone-else', roles: ['CITIZEN'], idn: '079085000111' }), { code: f.code, action: 'SUPPLEMENT', note: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await feedbackByCode(db, f.code))!).toMatchObject({ status: 'RECEIVED', version: 1 });
    expect(await messagesOf(f)).toHaveLength(1);
    expect(await feedbackEventsOf(db, [f.id])).toHaveLength(1);
    expect(effects.kicked).not.toHaveBeenCalled();
    expect(effects.dirty).not.toHaveBeenCalled();
  });

  it('without a login is UNAUTHENTICATED; an unknown code NOT_FOUND', async () => {
    const f = await submit(Viewer.anonymous());
    await expect(move(Viewer.anonymous(), { code: f.code, action: 'FORWARD' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(move(reception, { code: 'PAKN.20261207.9999', action: 'FORWARD' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('on a stale version is a CONFLICT (STALE_VERSION), and writes nothing', async () => {
    const f = await submit(Viewer.anonymous());
    await move(reception, { code: f.code, action: 'FORWARD', expectedVersion: 1 });
    const effects = spyEffects();
    await expect(move(specialist, { code: f.code, action: 'START', expectedVersion: 1 })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'STALE_VERSION' });
    expect((await feedbackByCode(db, f.code))!).toMatchObject({ status: 'FORWARDED', version: 2 });
    expect(await messagesOf(f)).toHaveLength(2);
    expect(effects.kicked).not.toHaveBeenCalled();
    // With the current version it goes through.
    expect((await move(specialist, { code: f.code, action: 'START', expectedVersion: 2 })).status).toBe('PROCESSING');
  });
});

describe('feedback read access', () => {
  it('the list scope (SQL) and the rule for one feedback agree, for every kind of viewer', async () => {
    // One of each: published public, private at the agency (signed-in submitter), without an agency, at the other agency.
    await published();
    await submit(submitter, { isPublic: false });
    await submit(Viewer.anonymous(), { agencyCode: null, procedureCode: null });
    await submit(Viewer.anonymous(), { agencyCode: OTHER, contact: { fullName: 'Lê Văn C', phone: '0987654321' } });

    const now = t.hub.services.clock.now();
    const max = t.config.PAGE_MAX;
    const list = async (viewer: Viewer) => (await findFeedbacks(db, viewer, null, { first: max }, max, now)).edges.map((e) => e.node);
    const all = await list(viewerOf({ roles: ['ADMIN'] }));
    expect(all.length).toBeLessThan(max);
    const viewers: Record<string, Viewer> = {
      anonymous: Viewer.anonymous(),
      submitter,
      'submitter by subject only': viewerOf({ sub: submitter.subject!, roles: ['CITIZEN'] }),
      'a stranger citizen': viewerOf({ sub: 'stranger', roles: ['CITIZEN'], idn: '079085000111' }),
      reception,
      clerk: staff('CLERK'),
      'staff of the other agency': staff('SPECIALIST', OTHER),
      'staff without agencies': viewerOf({ roles: ['LEADER'] }),
      admin: viewerOf({ roles: ['ADMIN'] }),
      observer: viewerOf({ roles: ['OBSERVER'] }),
    };
    const kinds = new Set<number>();
    for (const [who, viewer] of Object.entries(viewers)) {
      const listed = (await list(viewer)).map((f) => f.code).sort();
      const readable = all.filter((f) => mayReadFeedback(viewer, f)).map((f) => f.code).sort();
      expect({ who, codes: listed }).toEqual({ who, codes: readable });
      kinds.add(readable.length);
    }
    expect(kinds.size).toBeGreaterThan(3); // the viewers really see different sets
  });
});
