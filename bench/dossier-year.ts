import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { gql, startBenchHub, type BenchHub } from './dossier-support';

/**
 * The scorecard bench's data (issue 5), shared with the statistics bench (issue 15): `dossiers`
 * dossiers over 200 agencies (178 bench communes added to the demo's) and the year 2026, with
 * payments, evaluations and feedback in proportion, written straight into the database in
 * receipt order (as a running hub appends them; the triggers keep dossier_fact and
 * dossier_stat as they would).
 */
export async function buildDossierYear(pg: Client, dossiers: number): Promise<void> {
  // 178 more communes, spread over the four demo districts: 200 agencies in all.
  await pg.query(`
    insert into agency (id, code, name, level, parent_id)
    select gen_random_uuid(), format('000.%s.%s.H22', 40 + (i % 4), lpad((40 + i)::text, 3, '0')), format('UBND xã số %s (bench)', i), 'COMMUNE',
           (select id from agency where level = 'DISTRICT' order by code offset (i % 4) limit 1)
      from generate_series(1, 178) i`);
  await pg.query(`insert into procedure_agency (procedure_id, agency_id)
    select p.id, a.id from procedure p cross join agency a where a.name like '%(bench)' and p.level = 'COMMUNE' on conflict do nothing`);
  // Dossiers: a random agency and procedure each, received at a random instant of 2026.
  await pg.query(`
    with a as (select array_agg(id order by code) ids from agency),
         p as (select array_agg(id order by code) ids, array_agg(fees order by code) fees, array_agg(service_level order by code) lv from procedure)
    insert into dossier (id, code, procedure_id, agency_id, channel, status, version, applicant_kind, applicant_full_name,
                         applicant_identity_number, applicant_verification, components, fees, total_fees, components_count, paid_amount, delivery,
                         submitted_at, received_at, due_at, completed_at, delivered_at, supplement_requests, result, submitted_by, created_at, updated_at)
    select gen_random_uuid(), format('BENCH-%s', i), p.ids[pi], a.ids[ai],
           case when r1 < 0.7 then 'ONLINE' else 'COUNTER' end,
           case when r2 < 0.75 then 'DELIVERED' when r2 < 0.8 then 'REJECTED' else 'PROCESSING' end, 3,
           case when r3 < 0.9 then 'CITIZEN' else 'BUSINESS' end, 'Công dân thử nghiệm', lpad((i % 1000000000000)::text, 12, '0'),
           case when r3 < 0.8 then 'VERIFIED' when r3 < 0.85 then 'MISMATCH' else 'PENDING' end,
           '[]'::jsonb, p.fees[pi], coalesce((select sum((f->>'amount')::int) from jsonb_array_elements(p.fees[pi]) f), 0), 2,
           0, 'ONLINE', recv - interval '1 hour', recv, recv + interval '5 days',
           case when r2 < 0.8 then recv + (case when r4 < 0.9 then interval '3 days' else interval '7 days' end) end,
           case when r2 < 0.75 then recv + interval '4 days' end,
           case when r4 < 0.05 then 2 else 0 end,
           case when r2 < 0.75 then jsonb_build_object('documentNumber', 'KQ', 'fileUrl', case when r1 < 0.85 then 'https://f/kq.pdf' else '' end, 'sha256', repeat('a', 64)) end,
           'bench', recv, recv
      from generate_series(1, $1::int) i, a, p,
           lateral (select 1 + floor(random() * array_length(a.ids, 1))::int as ai, 1 + floor(random() * array_length(p.ids, 1))::int as pi,
                           random() r1, random() r2, random() r3, random() r4,
                           timestamptz '2026-01-01 00:00+07' + random() * interval '365 days' as recv
                      where i > 0) x
     order by recv`, // "where i > 0" ties the lateral to each row (fresh random values per dossier); rows are written in
                     // receipt order, as a live hub appends them
    [dossiers],
  );
  // Online payments for 60 % of the dossiers with fees, poor evaluations for 3 %, feedback on 0.5 %.
  await pg.query(`insert into payment (id, dossier_id, reference, amount, status, channel, requested_by, created_at, paid_at, updated_at)
    select gen_random_uuid(), id, 'B' || code, total_fees, 'PAID', 'NATIONAL_PLATFORM', 'bench', received_at, received_at, received_at
      from dossier where total_fees > 0 and random() < 0.6`);
  await pg.query(`insert into evaluation (id, dossier_id, scores, mean, satisfied, evaluated_by, created_at)
    select gen_random_uuid(), id, '[]'::jsonb, case when random() < 0.1 then 2 else 4 end, random() >= 0.1, 'bench', received_at from dossier where random() < 0.3`);
  await pg.query(`insert into feedback (id, code, title, content, status, agency_id, dossier_code, contact_full_name, contact_phone, is_public, submitted_at,
                                        due_at, clock_started_at, answer_due_at, answered_at, answered_on_time, updated_at)
    select gen_random_uuid(), format('PAKN.B.%s', row_number() over ()), 'Phản ánh', 'Nội dung', 'ANSWERED', agency_id, code, 'A', '0912345678', false,
           received_at, received_at + interval '2 days', received_at, received_at + interval '21 days', received_at + interval '10 days', random() < 0.9, received_at
      from dossier where random() < 0.005`);
  await pg.query('vacuum analyze');
}

/**
 * A bench hub (jobs off) on a scratch database holding the year of `dossiers` dossiers; `fn` gets
 * the hub, a client on its database and how long building the data took. Both closed after.
 */
export async function onDossierYear<T>(serverUrl: string, dossiers: number, fn: (y: { hub: BenchHub; pg: Client; generateSeconds: number }) => Promise<T>): Promise<T> {
  const hub = await startBenchHub(serverUrl, { JOBS_ENABLED: 'false' });
  const pg = new Client({ connectionString: hub.db.url });
  await pg.connect();
  try {
    const t0 = performance.now();
    await buildDossierYear(pg, dossiers);
    return await fn({ hub, pg, generateSeconds: Math.round((performance.now() - t0) / 100) / 10 });
  } finally {
    await pg.end();
    await hub.stop();
  }
}

const tenth = (x: number) => Math.round(x * 10) / 10;

/** `runs` timed GraphQL requests after 3 warm-up ones: p50, p90 and max in ms, and the last answer. */
export async function timedQuery(url: string, query: string, vars: Record<string, unknown>, token: string, runs: number): Promise<{ p50: number; p90: number; max: number; last: any }> {
  let last: any;
  for (let i = 0; i < 3; i++) last = await gql(url, query, vars, token);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    last = await gql(url, query, vars, token);
    ms.push(performance.now() - s);
  }
  ms.sort((x, y) => x - y);
  return { p50: tenth(ms[Math.floor(ms.length / 2)]!), p90: tenth(ms[Math.floor(ms.length * 0.9)]!), max: tenth(ms[ms.length - 1]!), last };
}
