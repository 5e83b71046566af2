import { Client } from 'pg';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { mulberry32 } from '../helpers/prng';
import { Db } from '../../src/db/sql';
import { processingStatistics } from '../../src/queries/statistics.queries';
import { countDossiers, endingOf, statisticsWindow, type Channel, type DossierStatFact } from '../../src/domain/statistics';

/**
 * The SQL of src/stores/statistics.store.ts counts what the pure rule of src/domain/statistics.ts
 * says, over random dossiers written straight into the database (the trigger keeps dossier_stat),
 * for several windows, instants and groupings.
 */
let t: TestHub;
let pg: Client;
beforeAll(async () => {
  t = await startTestHub();
  pg = new Client({ connectionString: t.db.url });
  await pg.connect();
});
afterAll(async () => {
  await pg?.end();
  await t?.stop();
});

const STATUSES = ['PROCESSING', 'SUPPLEMENT_REQUESTED', 'AWAITING_APPROVAL', 'RESULT_READY', 'DELIVERED', 'WITHDRAWN', 'REJECTED', 'STOPPED', 'SUBMITTED'];
const CHANNELS: Channel[] = ['ONLINE', 'COUNTER', 'POSTAL'];
const BASE = Date.parse('2026-10-01T00:00:00+07:00');
const DAY = 86400_000;

describe('statistics: the SQL agrees with the pure classification', () => {
  it('over 600 random dossiers, per channel and in total, for windows in the past, present and future', async () => {
    const rnd = mulberry32(15);
    const agencies = (await pg.query(`select id from agency order by code limit 6`)).rows.map((r) => r.id as string);
    const procedure = (await pg.query(`select id, fees from procedure order by code limit 1`)).rows[0];
    const facts: DossierStatFact[] = [];
    for (let i = 0; i < 600; i++) {
      const status = STATUSES[Math.floor(rnd() * STATUSES.length)]!;
      const channel = CHANNELS[Math.floor(rnd() * 3)]!;
      const received = status === 'SUBMITTED' ? null : new Date(BASE + Math.floor(rnd() * 90 * DAY));
      const due = received && rnd() < 0.9 ? new Date(received.getTime() + Math.floor(rnd() * 12 * DAY)) : null;
      const ending = endingOf(status);
      const completed = received && ending ? new Date(received.getTime() + Math.floor(rnd() * 15 * DAY)) : null;
      const paused = received && !completed && rnd() < 0.3 ? new Date(received.getTime() + Math.floor(rnd() * 20 * DAY)) : null;
      await pg.query(
        `insert into dossier (id, code, procedure_id, agency_id, channel, status, applicant_kind, applicant_full_name, applicant_identity_number,
                              components, fees, delivery, submitted_at, received_at, due_at, completed_at, paused_at, submitted_by)
         values (gen_random_uuid(), $1, $2, $3, $4, $5, 'CITIZEN', 'Thử', '001090000001', '[]', $6, 'COUNTER', $7, $8, $9, $10, $11, 'test')`,
        [`RAND-${i}`, procedure.id, agencies[i % agencies.length], channel, status, JSON.stringify(procedure.fees), received ?? new Date(BASE), received, due, completed, paused],
      );
      if (received) facts.push({ channel, receivedAt: received, dueAt: due, completedAt: completed, pausedAt: paused, ending });
    }
    // An update that changes nothing the statistics read, and one that does: the trigger keeps up.
    await pg.query(`update dossier set applicant_phone = '0912345678' where code like 'RAND-%'`);
    const finished = (
      await pg.query(
        `update dossier set status = 'DELIVERED', completed_at = received_at + interval '1 day', paused_at = null
          where code like 'RAND-%' and status = 'PROCESSING' and (substring(code from 6))::int % 2 = 0 returning code`,
      )
    ).rows.map((r) => Number(String(r.code).slice(5)));
    expect(finished.length).toBeGreaterThan(5);
    // facts[] holds the received dossiers in code order
    let k = 0;
    const byCode = new Map<number, DossierStatFact>();
    for (const row of (await pg.query(`select code, received_at from dossier where code like 'RAND-%' and received_at is not null order by (substring(code from 6))::int`)).rows) {
      byCode.set(Number(String(row.code).slice(5)), facts[k++]!);
    }
    for (const n of finished) {
      const f = byCode.get(n)!;
      f.ending = 'RESOLVED';
      f.completedAt = new Date(f.receivedAt.getTime() + DAY);
      f.pausedAt = null;
    }
    expect((await pg.query(`select count(*)::int n from dossier_stat s join dossier d on d.id = s.dossier_id where d.code like 'RAND-%'`)).rows[0].n).toBe(facts.length);

    const db = new Db(t.hub.services.forkEm());
    const windows: [string, string, string][] = [
      ['2026-10-15', '2026-11-14', '2027-03-01T00:00:00+07:00'], // past, judged at its end
      ['2026-11-15', '2026-12-14', '2026-12-01T10:00:00+07:00'], // current, judged now
      ['2026-09-01', '2027-01-31', '2026-11-20T15:30:00+07:00'], // long, partly in the future
      ['2026-12-20', '2027-02-14', '2026-12-01T10:00:00+07:00'], // wholly in the future
      ['2026-11-28', '2026-12-10', new Date().toISOString()], // around today, at the real now
    ];
    const compare = async () => {
      for (const [from, to, nowIso] of windows) {
        const now = new Date(nowIso);
        const w = statisticsWindow(from, to, now);
        const total = countDossiers(facts, w);
        // Row by row and from the summed closed days: only the random dossiers (their agencies).
        for (const rowByRow of [true, false]) {
          const rows = await processingStatistics(db, { agencyCode: null, from, to, groupBy: 'CHANNEL', agencyIds: agencies, rowByRow }, now, 14);
          for (const c of CHANNELS) {
            const expected = countDossiers(facts.filter((f) => f.channel === c), w);
            const got = rows.find((r) => r.key === c)!;
            expect({ window: `${from}..${to}`, rowByRow, channel: c, ...pick(got) }).toEqual({ window: `${from}..${to}`, rowByRow, channel: c, ...expected });
          }
          expect(pick(rows.at(-1)!)).toEqual(total);
          // Months, days and agencies add up to the same total; both ways give the same rows.
          for (const g of ['MONTH', 'DAY', 'AGENCY'] as const) {
            if (g === 'DAY' && (Date.parse(to) - Date.parse(from)) / DAY > 92) continue;
            const r = await processingStatistics(db, { agencyCode: null, from, to, groupBy: g, agencyIds: agencies, rowByRow }, now, 14);
            expect(pick(r.at(-1)!)).toEqual(total);
            if (!rowByRow) {
              const slow = await processingStatistics(db, { agencyCode: null, from, to, groupBy: g, agencyIds: agencies, rowByRow: true }, now, 14);
              expect({ g, from, rows: r.map(pick) }).toEqual({ g, from, rows: slow.map(pick) });
            }
          }
        }
      }
    };
    await compare();
    // The closed days are summed now; a back-dated change (a correction of a November dossier) drops
    // them from that day on, and they are summed again.
    const filled = (await pg.query(`select filled_through::text f from dossier_stat_fill`)).rows[0].f;
    expect(filled).not.toBeNull();
    const corrected = facts.find((f) => f.completedAt && f.ending === 'RESOLVED' && f.completedAt < new Date('2026-11-20T00:00:00+07:00'))!;
    const code = (await pg.query(`select code from dossier where received_at = $1 and completed_at = $2 limit 1`, [corrected.receivedAt, corrected.completedAt])).rows[0].code;
    await pg.query(`update dossier set status = 'WITHDRAWN' where code = $1`, [code]);
    corrected.ending = 'WITHDRAWN';
    expect((await pg.query(`select filled_through::text f from dossier_stat_fill`)).rows[0].f < filled).toBe(true);
    await compare();
  });
});

function pick(r: object) {
  const keys = ['carriedOver', 'receivedOnline', 'receivedCounter', 'receivedPostal', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate', 'inProgressOnTime', 'inProgressOverdue', 'withdrawn', 'rejected'];
  return Object.fromEntries(keys.map((k) => [k, (r as Record<string, unknown>)[k]]));
}
