import { randomUUID } from 'node:crypto';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { runAs, viewerOf } from '../helpers/commands';
import { uploadPdfAs } from '../helpers/uploads';
import { citizen, KHAI_SINH, submitInput } from '../helpers/dossier-fixtures';
import { Viewer } from '../../src/auth/viewer';
import { Db, sql } from '../../src/db/sql';
import { runCommand, type Command } from '../../src/commands/command-context';
import type { HubServices } from '../../src/context';
import { submitDossier, type SubmitDossierInput } from '../../src/commands/submit-dossier.command';
import { transitionDossier } from '../../src/commands/transition-dossier.command';
import { recordIdentityAnswer } from '../../src/commands/record-identity-answer.command';
import { sweepSla } from '../../src/commands/sweep-sla.command';
import { readDossierForChange, writeDossierChange } from '../../src/stores/dossier.store';
import { DOSSIER_SYNC } from '../../src/outbox/national-messages';
import { dossierAccess } from '../../src/auth/access';
import { findDossiers } from '../../src/queries/dossier.queries';

/**
 * The dossier's commands against the real database, without HTTP: what each writes (the change,
 * its log line, its outbox message, in one statement), who may run it, and what it does after
 * the commit.
 */

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
  paper = await uploadPdfAs(t, asCitizen);
});
afterAll(async () => {
  await t?.stop();
});

const AGENCY = KHAI_SINH.agencyCodes[0];
const OTHER_AGENCY = KHAI_SINH.agencyCodes[1];
const IDN = citizen().identityNumber;

const asCitizen = viewerOf({ sub: `citizen-${IDN}`, roles: ['CITIZEN'], idn: IDN });
const reception = viewerOf({ sub: `reception@${AGENCY}`, roles: ['RECEPTION_OFFICER'], agencies: [AGENCY] });
const specialist = viewerOf({ sub: `specialist@${AGENCY}`, roles: ['SPECIALIST'], agencies: [AGENCY] });
const otherReception = viewerOf({ sub: `reception@${OTHER_AGENCY}`, roles: ['RECEPTION_OFFICER'], agencies: [OTHER_AGENCY] });

/** The citizen's uploaded paper (every component names it); staff at the counter give urls instead. */
let paper: string;

function input(opts: Parameters<typeof submitInput>[1] = {}, file: string | null = paper): SubmitDossierInput {
  const i = submitInput(KHAI_SINH, opts);
  const components = file ? i.components.map((c) => ({ componentCode: c.componentCode, fileId: file })) : i.components;
  return { ...i, components, delivery: 'ONLINE', applicant: { ...i.applicant, kind: 'CITIZEN' } } as SubmitDossierInput;
}

/** The hub's services with recorded effects (and, for submissions, no population check: PENDING). */
function recording(over: Partial<HubServices> = {}) {
  const kicks = { outbox: 0 };
  const published: unknown[] = [];
  const base = t.hub.services;
  const services: HubServices = {
    ...base,
    outboxWritten: () => void kicks.outbox++,
    pubSub: { ...base.pubSub, publish: ((...args: unknown[]) => void published.push(args)) as never, subscribe: base.pubSub.subscribe.bind(base.pubSub) },
    ...over,
  };
  return { services, kicks, published };
}

function run<I, O>(services: HubServices, viewer: Viewer, command: Command<I, O>, i: I): Promise<O> {
  return runCommand({ services, viewer }, command, i);
}

const db = () => new Db(t.orm.em.fork());
const rows = (code: string) => ({
  dossier: async () => (await db().one(sql`select * from dossier where code = ${code}`))!,
  events: () => db().all(sql`select e.* from dossier_event e join dossier d on d.id = e.dossier_id where d.code = ${code} order by e.seq`),
  outbox: () => db().all(sql`select topic, payload from outbox where aggregate_code = ${code} order by id`),
});

/** SQL statements sent while `fn` runs. */
async function statementsOf<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const from = t.sql.length;
  const result = await fn();
  return { result, statements: t.sql.slice(from) };
}

describe('submitDossier', () => {
  it('writes the dossier, its SUBMIT line and the national message in one statement (after one read of the files it names), then kicks the outbox', async () => {
    const { services, kicks } = recording();
    await run(services, asCitizen, submitDossier, input()); // the catalogue is read (and cached) once
    const { result: d, statements } = await statementsOf(() => run(services, asCitizen, submitDossier, input()));
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/from stored_file/);
    // papers given as urls (staff at the counter) need no read at all
    expect((await statementsOf(() => run(services, reception, submitDossier, input({}, null)))).statements).toHaveLength(1);
    expect(d).toMatchObject({ status: 'SUBMITTED', version: 1, applicantIdentityNumber: IDN, submittedBy: `citizen-${IDN}` });
    const r = rows(d.code);
    expect((await r.events()).map((e) => [e.seq, e.action, e.from_status, e.to_status, e.actor, e.actor_role])).toEqual([
      [1, 'SUBMIT', null, 'SUBMITTED', `citizen-${IDN}`, 'CITIZEN'],
    ]);
    const [message] = await r.outbox();
    expect(message.topic).toBe(DOSSIER_SYNC);
    expect(message.payload).toMatchObject({ record: { MaHoSo: d.code, TrangThaiHoSo: 1 }, progress: null });
    expect(kicks.outbox).toBe(3);
  });

  it('is idempotent per submitter and key, also when retries race', async () => {
    const { services } = recording();
    const key = `key-${Date.now()}`;
    const first = await run(services, asCitizen, submitDossier, input({ key }));
    const again = await run(services, asCitizen, submitDossier, input({ key }));
    expect(again.code).toBe(first.code);
    const raced = await Promise.all(Array.from({ length: 6 }, () => run(services, asCitizen, submitDossier, input({ key: `${key}-race` }))));
    expect(new Set(raced.map((d) => d.code)).size).toBe(1);
    const n = await db().one<{ n: number }>(sql`select count(*)::int as n from dossier where submitted_by = ${`citizen-${IDN}`} and idempotency_key in (${key}, ${`${key}-race`})`);
    expect(n?.n).toBe(2);
    expect(await rows(raced[0].code).events()).toHaveLength(1);
    // Another submitter's same key is another dossier.
    const officer = viewerOf({ sub: `reception@${AGENCY}`, roles: ['RECEPTION_OFFICER'], agencies: [AGENCY] });
    expect((await run(services, officer, submitDossier, input({ key }, null))).code).not.toBe(first.code);
  });

  it('authorizes first: anonymous, someone else’s identity, another agency’s desk, the province', async () => {
    const { services, kicks } = recording();
    const other = { ...input(), applicant: { ...input().applicant, identityNumber: citizen(1).identityNumber, fullName: citizen(1).fullName } };
    await expect(run(services, Viewer.anonymous(), submitDossier, input())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(run(services, asCitizen, submitDossier, other)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(run(services, otherReception, submitDossier, input())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(run(services, viewerOf({ roles: ['ADMIN'], agencies: [AGENCY] }), submitDossier, input())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Refused before anything is read: even a procedure that does not exist is FORBIDDEN, not BAD_USER_INPUT.
    await expect(run(services, otherReception, submitDossier, { ...input(), procedureCode: 'NO-SUCH' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(kicks.outbox).toBe(0);
  });

  it('refuses bad input with the field, writing nothing', async () => {
    const { services } = recording();
    const before = await db().one<{ n: number }>(sql`select count(*)::int as n from dossier`);
    const bad = async (i: SubmitDossierInput, field: string) =>
      expect(run(services, asCitizen, submitDossier, i)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field });
    await bad({ ...input(), procedureCode: 'NO-SUCH-PROCEDURE' }, 'procedureCode');
    await bad({ ...input(), agencyCode: 'NO.SUCH.AGENCY' }, 'agencyCode');
    await bad({ ...input(), components: [] }, 'components');
    await bad({ ...input(), channel: 'COUNTER' }, 'channel');
    await bad({ ...input(), idempotencyKey: 'k'.repeat(201) }, 'idempotencyKey');
    await bad({ ...input(), delivery: 'POSTAL', deliveryAddress: ' ' }, 'deliveryAddress');
    await bad({ ...input(), applicant: { ...input().applicant, birthDate: '2026-02-30' } }, 'applicant.birthDate');
    expect(await db().one(sql`select count(*)::int as n from dossier`)).toEqual(before);
  });
});

describe('transitionDossier', () => {
  const submitted = async () => runAs(t, asCitizen, submitDossier, input());

  it('writes the change, its log line and the national message (one read, one write), then publishes and kicks', async () => {
    const d = await submitted();
    const { services, kicks, published } = recording();
    const { result, statements } = await statementsOf(() => run(services, reception, transitionDossier, { code: d.code, action: 'RECEIVE', expectedVersion: 1 }));
    expect(statements).toHaveLength(2);
    expect(result).toMatchObject({ status: 'PROCESSING', version: 2 });
    expect(result.dueAt).toBeInstanceOf(Date);
    const r = rows(d.code);
    const events = await r.events();
    expect(events.map((e) => [e.seq, e.action, e.from_status, e.to_status, e.actor_role])).toEqual([
      [1, 'SUBMIT', null, 'SUBMITTED', 'CITIZEN'],
      [2, 'RECEIVE', 'SUBMITTED', 'PROCESSING', 'RECEPTION_OFFICER'],
    ]);
    expect(events[1].data).toEqual({ nationalStatusCode: 2 });
    const messages = await r.outbox();
    expect(messages).toHaveLength(2);
    expect(messages[1].payload).toMatchObject({ record: { MaHoSo: d.code, TrangThaiHoSo: 2 }, progress: { MaHoSo: d.code, TrangThai: 2 } });
    expect(kicks.outbox).toBe(1);
    // dossierStatusChanged for the code, the agency and 'all'
    expect(published).toEqual(
      ['code', 'agency', 'all'].map((scope) => [
        'DOSSIER_STATUS',
        scope === 'code' ? `code:${d.code}` : scope === 'agency' ? `agency:${AGENCY}` : 'all',
        expect.objectContaining({ code: d.code, action: 'RECEIVE', previousStatus: 'SUBMITTED', status: 'PROCESSING' }),
      ]),
    );
  });

  it('refuses a stale expectedVersion (CONFLICT STALE_VERSION) and writes nothing', async () => {
    const d = await submitted();
    const { services, kicks, published } = recording();
    await expect(run(services, reception, transitionDossier, { code: d.code, action: 'RECEIVE', expectedVersion: 7 })).rejects.toMatchObject({
      code: 'CONFLICT',
      reason: 'STALE_VERSION',
    });
    expect((await rows(d.code).dossier()).version).toBe(1);
    expect(await rows(d.code).events()).toHaveLength(1);
    expect(await rows(d.code).outbox()).toHaveLength(1);
    expect([kicks.outbox, published.length]).toEqual([0, 0]);
  });

  it('is FORBIDDEN for another agency’s staff (before the version check) and UNAUTHENTICATED without a token', async () => {
    const d = await submitted();
    await expect(runAs(t, otherReception, transitionDossier, { code: d.code, action: 'RECEIVE', expectedVersion: 99 })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      reason: 'AGENCY_NOT_ALLOWED',
    });
    await expect(runAs(t, Viewer.anonymous(), transitionDossier, { code: d.code, action: 'RECEIVE' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(runAs(t, reception, transitionDossier, { code: 'NO-SUCH-CODE', action: 'RECEIVE' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await rows(d.code).dossier()).version).toBe(1);
  });

  it('the write is a compare-and-set: a change committed since the read makes it miss, writing nothing', async () => {
    const d = await submitted();
    const h = db();
    const read = (await readDossierForChange(h, d.code, { lock: false }))!;
    await runAs(t, reception, transitionDossier, { code: d.code, action: 'RECEIVE' }); // commits version 2
    const stale = await writeDossierChange(h, {
      id: read.dossier.id,
      expectedVersion: read.dossier.version,
      set: {
        status: 'REJECTED', version: 2, receivedAt: null, dueAt: null, pausedAt: null, pausedFrom: null, completedAt: new Date(), deliveredAt: null,
        postalTrackingNumber: null, result: null, supplementRequests: 0, applicantVerification: 'PENDING', requestedComponents: null, updatedAt: new Date(),
      },
      paidDelta: 0,
      log: { id: randomUUID(), at: new Date(), action: 'REJECT', fromStatus: 'SUBMITTED', actor: 'x', actorRole: 'RECEPTION_OFFICER', note: 'late', data: null },
      outbox: { messageId: randomUUID(), topic: DOSSIER_SYNC, payload: {} },
    });
    expect(stale).toBeUndefined();
    expect(await rows(d.code).dossier()).toMatchObject({ status: 'PROCESSING', version: 2 });
    expect((await rows(d.code).events()).map((e) => e.action)).toEqual(['SUBMIT', 'RECEIVE']);
    expect(await rows(d.code).outbox()).toHaveLength(2);
  });

  it('concurrent transitions of one dossier: each lands once, decided again on fresh data, versions and log lines consecutive', async () => {
    const d = await submitted();
    const received = await runAs(t, reception, transitionDossier, { code: d.code, action: 'RECEIVE' });
    const base = received.dueAt!.getTime();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        runAs(t, specialist, transitionDossier, { code: d.code, action: 'EXTEND', apologyLetter: 'Xin lỗi', newDueAt: new Date(base + (i + 1) * 86400_000) }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    // A later date lands; one no longer later than what landed meanwhile is refused on the fresh read.
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'NEW_DUE_AT_NOT_LATER' });
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const row = await rows(d.code).dossier();
    expect(row.version).toBe(2 + ok.length);
    const events = await rows(d.code).events();
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: row.version }, (_, i) => i + 1));
    expect(await rows(d.code).outbox()).toHaveLength(row.version);
  });
});

describe('recordIdentityAnswer (the verify-identity job’s write)', () => {
  const system = Viewer.system('verify-identity');
  /** A dossier whose applicant the population database could not answer for at submission. */
  const pending = async () => {
    const { services } = recording({ checkIdentity: async () => 'PENDING' });
    const d = await run(services, asCitizen, submitDossier, input());
    expect(d.applicantVerification).toBe('PENDING');
    return d;
  };

  it('goes through the change path: version, IDENTITY_CHECKED line, national record; kicks the outbox, publishes nothing', async () => {
    const d = await pending();
    const { services, kicks, published } = recording();
    const saved = await run(services, system, recordIdentityAnswer, { code: d.code, answer: 'VERIFIED' });
    expect(saved).toMatchObject({ applicantVerification: 'VERIFIED', version: 2, status: 'SUBMITTED' });
    const events = await rows(d.code).events();
    expect(events.map((e) => [e.seq, e.action, e.from_status, e.to_status, e.actor, e.actor_role, e.note, e.data])).toEqual([
      expect.anything(),
      [2, 'IDENTITY_CHECKED', 'SUBMITTED', 'SUBMITTED', 'system:population-database', 'SECTOR_SYSTEM', 'Đã xác thực với CSDL quốc gia về dân cư', null],
    ]);
    const messages = await rows(d.code).outbox();
    expect(messages).toHaveLength(2);
    expect(messages[1].payload).toMatchObject({ record: { MaHoSo: d.code, TaiKhoanDuocXacThucVoiVNeID: 1, TrangThaiHoSo: 1 }, progress: null });
    expect(kicks.outbox).toBe(1);
    expect(published).toEqual([]);
  });

  it('records nothing when the identity was answered for already', async () => {
    const d = await pending();
    await runAs(t, system, recordIdentityAnswer, { code: d.code, answer: 'MISMATCH' });
    const { services, kicks } = recording();
    expect(await run(services, system, recordIdentityAnswer, { code: d.code, answer: 'VERIFIED' })).toBeNull();
    expect(await rows(d.code).dossier()).toMatchObject({ applicant_verification: 'MISMATCH', version: 2 });
    expect(await rows(d.code).events()).toHaveLength(2);
    expect(kicks.outbox).toBe(0);
  });

  it('is the hub’s own act: FORBIDDEN for any person', async () => {
    const d = await pending();
    await expect(runAs(t, viewerOf({ roles: ['SECTOR_SYSTEM'], agencies: [AGENCY] }), recordIdentityAnswer, { code: d.code, answer: 'VERIFIED' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(runAs(t, viewerOf({ roles: ['ADMIN'] }), sweepSla, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await rows(d.code).dossier()).version).toBe(1);
  });
});

describe('dossierAccess (src/auth/access.ts): one query for a set of ids, the same rule as the list', () => {
  it('staff of the agency, the applicant and the province (ADMIN, OBSERVER: issue 15) read; others and anonymous do not', async () => {
    const mine = await runAs(t, asCitizen, submitDossier, input());
    const other = citizen(1);
    const c1 = viewerOf({ sub: 'c1', roles: ['CITIZEN'], idn: other.identityNumber });
    const theirs = await runAs(t, c1, submitDossier, input({ idn: other.identityNumber }, await uploadPdfAs(t, c1)));
    const ids = [mine.id, theirs.id, '00000000-0000-4000-8000-000000000000'];
    const access = (v: Viewer) => dossierAccess(db(), v, ids);
    expect(await access(asCitizen)).toEqual(new Set([mine.id]));
    expect(await access(reception)).toEqual(new Set([mine.id, theirs.id]));
    expect(await access(otherReception)).toEqual(new Set());
    expect(await access(viewerOf({ roles: ['ADMIN'] }))).toEqual(new Set([mine.id, theirs.id]));
    expect(await access(viewerOf({ roles: ['OBSERVER'] }))).toEqual(new Set([mine.id, theirs.id]));
    expect(await access(Viewer.anonymous())).toEqual(new Set());
    // Staff who are also citizens read both ways.
    const both = viewerOf({ sub: 'both', roles: ['CITIZEN', 'RECEPTION_OFFICER'], agencies: [OTHER_AGENCY], idn: IDN });
    expect(await access(both)).toEqual(new Set([mine.id]));

    const { statements } = await statementsOf(() => dossierAccess(db(), reception, ids));
    expect(statements).toHaveLength(1);
    // The list answers with the same rule.
    const listed = await findDossiers(db(), asCitizen, null, { first: 100 }, 100, new Date());
    expect(listed.edges.map((e) => e.node.id)).toContain(mine.id);
    expect(listed.edges.map((e) => e.node.id)).not.toContain(theirs.id);
  });
});
