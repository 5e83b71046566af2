import { startTestHub, type TestHub } from '../helpers/test-hub';
import { runAs, viewerOf } from '../helpers/commands';
import { citizen, KHAI_SINH } from '../helpers/dossier-fixtures';
import { Viewer } from '../../src/auth/viewer';
import { Db } from '../../src/db/sql';
import { submitFeedback, type SubmitFeedbackInput } from '../../src/commands/submit-feedback.command';
import { transitionFeedback } from '../../src/commands/transition-feedback.command';
import { requeueDeadLetters } from '../../src/commands/requeue-dead-letters.command';
import { claimDue, markFailed, markSent, outboxCounts, type OutboxMessage } from '../../src/stores/outbox.store';
import { NATIONAL_FEEDBACK_STATUS } from '../../src/connectors/national-formats';

/** Dead letters and their re-queueing, against the real database (the dispatcher's own store calls). */
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
const specialist = viewerOf({ sub: 'specialist', roles: ['SPECIALIST'], agencies: [AGENCY] });
const admin = viewerOf({ roles: ['ADMIN'] });
const input: SubmitFeedbackInput = {
  title: 'Chậm trả kết quả',
  content: 'Quá hạn mà chưa có kết quả.',
  agencyCode: AGENCY,
  contact: { fullName: citizen().fullName, phone: '0912345678' },
};

/** Heads due now, delivered (marked SENT) one round at a time: the order the portal would see. */
async function deliverAll(): Promise<OutboxMessage[]> {
  const delivered: OutboxMessage[] = [];
  for (let due = await claimDue(db, 100); due.length; due = await claimDue(db, 100)) {
    delivered.push(...due);
    await markSent(db, due.map((m) => m.id));
  }
  return delivered;
}

const state = (m: OutboxMessage) => [m.aggregateCode, (m.payload as { record: { TrangThai: number } }).record.TrangThai];

describe('requeueDeadLetters', () => {
  it('is for ADMIN only', async () => {
    const dead = (await outboxCounts(db)).dead;
    await expect(runAs(t, Viewer.anonymous(), requeueDeadLetters, { code: null })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    for (const roles of [['OBSERVER'], ['LEADER'], ['CITIZEN'], ['SECTOR_SYSTEM']] as const) {
      await expect(runAs(t, viewerOf({ roles: [...roles], agencies: [AGENCY] }), requeueDeadLetters, { code: null })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect((await outboxCounts(db)).dead).toBe(dead);
  });

  it('re-queues the dead letters (one aggregate’s, or all), which are then sent in their order', async () => {
    await deliverAll(); // whatever an earlier test left
    // Feedback F: three messages (RECEIVED, PROCESSING, ANSWERED); feedback G: one.
    const f = await runAs(t, Viewer.anonymous(), submitFeedback, input);
    await runAs(t, specialist, transitionFeedback, { code: f.code, action: 'START' });
    await runAs(t, specialist, transitionFeedback, { code: f.code, action: 'ANSWER', answer: 'Đã giải quyết.' });
    const g = await runAs(t, Viewer.anonymous(), submitFeedback, input);

    // The portal refuses both heads for good: dead letters, and F's later messages wait behind its head.
    const heads = await claimDue(db, 100);
    expect(heads.map(state)).toEqual([
      [f.code, NATIONAL_FEEDBACK_STATUS.RECEIVED],
      [g.code, NATIONAL_FEEDBACK_STATUS.RECEIVED],
    ]);
    for (const m of heads) await markFailed(db, { id: m.id, error: 'HTTP 422: refused', retryInMs: 0, dead: true });
    expect(await claimDue(db, 100)).toEqual([]);
    expect((await outboxCounts(db)).dead).toBe(2);

    // F's only: one dead letter back in the queue, then F's three messages in order; G stays dead.
    const kicked = jest.spyOn(t.hub.services, 'outboxWritten');
    expect(await runAs(t, admin, requeueDeadLetters, { code: f.code })).toBe(1);
    expect(kicked).toHaveBeenCalledTimes(1);
    const resent = await deliverAll();
    expect(resent.map(state)).toEqual([
      [f.code, NATIONAL_FEEDBACK_STATUS.RECEIVED],
      [f.code, NATIONAL_FEEDBACK_STATUS.PROCESSING],
      [f.code, NATIONAL_FEEDBACK_STATUS.ANSWERED],
    ]);
    expect(resent[0].attempts).toBe(0); // re-queued as new
    expect((await outboxCounts(db)).dead).toBe(1);

    // Nothing dead for F any more: nothing to do, and no kick.
    kicked.mockClear();
    expect(await runAs(t, admin, requeueDeadLetters, { code: f.code })).toBe(0);
    expect(kicked).not.toHaveBeenCalled();

    // All: G's message goes, through the real dispatcher, to the national simulator.
    expect(await runAs(t, admin, requeueDeadLetters, { code: null })).toBe(1);
    await t.hub.services.runJob('outbox-dispatch');
    expect(t.sims.national.feedback(g.code)?.record).toMatchObject({ MaPAKN: g.code, TrangThai: NATIONAL_FEEDBACK_STATUS.RECEIVED });
    expect(await outboxCounts(db)).toMatchObject({ pending: 0, dead: 0 });
  });
});
