import { startTestHub, type TestHub } from '../helpers/test-hub';
import { runAs, viewerOf } from '../helpers/commands';
import { citizen, KHAI_SINH, submitInput } from '../helpers/dossier-fixtures';
import { uploadPdfAs } from '../helpers/uploads';
import { Db, sql } from '../../src/db/sql';
import { submitDossier, type SubmitDossierInput } from '../../src/commands/submit-dossier.command';
import { submitFeedback, type SubmitFeedbackInput } from '../../src/commands/submit-feedback.command';
import { dossierCodePrefix, vnDate, DOSSIER_CODE_RE } from '../../src/domain/dossier';
import { feedbackCodePrefix, FEEDBACK_CODE_RE, parseFeedbackCode } from '../../src/domain/feedback-machine';
import { DAILY_SEQUENCE_MAX } from '../../src/domain/daily-sequence';

/**
 * Numbering past 9,999: a day's dossier codes (per agency) and PAKN codes grow a fifth digit
 * instead of refusing; only past DAILY_SEQUENCE_MAX is a submission refused (CONFLICT,
 * SEQUENCE_EXHAUSTED). The sequences are set directly (test-only SQL).
 */
let t: TestHub;
let paper: string;
beforeAll(async () => {
  t = await startTestHub();
  paper = await uploadPdfAs(t, asCitizen);
});
afterAll(async () => {
  await t?.stop();
});
afterEach(() => t.setNow(null));

const AGENCY = KHAI_SINH.agencyCodes[0];
const IDN = citizen().identityNumber;
const asCitizen = viewerOf({ sub: `citizen-${IDN}`, roles: ['CITIZEN'], idn: IDN });
const anonymous = viewerOf({ roles: [] });
const db = () => new Db(t.orm.em.fork());

function dossierInput(key: string): SubmitDossierInput {
  const i = submitInput(KHAI_SINH, { key });
  return { ...i, components: i.components.map((c) => ({ componentCode: c.componentCode, fileId: paper })), delivery: 'ONLINE', applicant: { ...i.applicant, kind: 'CITIZEN' } } as SubmitDossierInput;
}
const feedbackInput = (): SubmitFeedbackInput => ({
  title: 'Góp ý về thời gian trả kết quả',
  content: 'Đề nghị rút ngắn thời gian trả kết quả khai sinh.',
  agencyCode: AGENCY,
  contact: { fullName: citizen().fullName, phone: '0912345678' },
  isPublic: false,
});

async function setDossierSequence(day: string, last: number) {
  await db().all(sql`insert into dossier_sequence (agency_code, day, last) values (${AGENCY}, ${day}::date, ${last})
                     on conflict (agency_code, day) do update set last = excluded.last`);
}
async function setFeedbackSequence(day: string, last: number) {
  await db().all(sql`insert into feedback_sequence (day, last) values (${day}::date, ${last}) on conflict (day) do update set last = excluded.last`);
}

describe('daily numbering past 9,999', () => {
  it('dossier codes go on with a fifth digit: …-9999 is followed by …-10000, …-10001', async () => {
    const now = new Date('2026-12-08T09:00:00+07:00');
    t.setNow(now);
    await setDossierSequence(vnDate(now), 9998);
    const last4 = await runAs(t, asCitizen, submitDossier, dossierInput('seq-9999'));
    const fifth = await runAs(t, asCitizen, submitDossier, dossierInput('seq-10000'));
    const next = await runAs(t, asCitizen, submitDossier, dossierInput('seq-10001'));
    const prefix = dossierCodePrefix(AGENCY, now);
    expect([last4.code, fifth.code, next.code]).toEqual([`${prefix}9999`, `${prefix}10000`, `${prefix}10001`]);
    for (const code of [last4.code, fifth.code, next.code]) expect(DOSSIER_CODE_RE.test(code)).toBe(true);
    // The national message carries the drawn code.
    const msg = await db().one<{ payload: { record: { MaHoSo: string } } }>(sql`select payload from outbox where aggregate_code = ${fifth.code}`);
    expect(msg!.payload.record.MaHoSo).toBe(fifth.code);
    // A retry with the same key still returns the first dossier, without drawing a number.
    expect((await runAs(t, asCitizen, submitDossier, dossierInput('seq-10000'))).code).toBe(fifth.code);
    expect((await runAs(t, asCitizen, submitDossier, dossierInput('seq-10002'))).code).toBe(`${prefix}10002`);
  });

  it('PAKN codes go on with a fifth digit too', async () => {
    const now = new Date('2026-12-08T10:00:00+07:00');
    t.setNow(now);
    await setFeedbackSequence(vnDate(now), 9999);
    const a = await runAs(t, anonymous, submitFeedback, feedbackInput());
    const b = await runAs(t, anonymous, submitFeedback, feedbackInput());
    const prefix = feedbackCodePrefix(now);
    expect([a.code, b.code]).toEqual([`${prefix}10000`, `${prefix}10001`]);
    expect(parseFeedbackCode(b.code)).toEqual({ date: vnDate(now), sequence: 10001 });
    expect(FEEDBACK_CODE_RE.test(a.code)).toBe(true);
  });

  it('refuses only past the last number a day can give (CONFLICT, SEQUENCE_EXHAUSTED), writing nothing', async () => {
    const now = new Date('2026-12-09T09:00:00+07:00');
    t.setNow(now);
    await setDossierSequence(vnDate(now), DAILY_SEQUENCE_MAX - 1);
    const last = await runAs(t, asCitizen, submitDossier, dossierInput('seq-max'));
    expect(last.code).toBe(`${dossierCodePrefix(AGENCY, now)}${DAILY_SEQUENCE_MAX}`);
    await expect(runAs(t, asCitizen, submitDossier, dossierInput('seq-max+1'))).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'SEQUENCE_EXHAUSTED' } });
    await setFeedbackSequence(vnDate(now), DAILY_SEQUENCE_MAX);
    const before = await db().one<{ n: number }>(sql`select count(*)::int as n from feedback`);
    await expect(runAs(t, anonymous, submitFeedback, feedbackInput())).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await db().one<{ n: number }>(sql`select count(*)::int as n from feedback`)).toEqual(before);
  });
});
