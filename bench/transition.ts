import 'reflect-metadata';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { childCpu, machine } from './support';
import {
  KHAI_SINH, SUBMIT, TRANSITION, citizenToken, closedLoop, demoCitizens, gql, pool, round, staffToken, startBenchHub, submitInput, type LoopResult, type LoopStep,
  uploadPaper,
  withPaper,
} from './dossier-support';
import { busySince } from './submit';
import { signDevToken } from '../src/auth/tokens';
import { BENCH_SECRET } from './dossier-support';
import { demoSectors, type DemoProcedure } from '../src/seed/demo-data';

/**
 * Issue 14: a copy of the birth registration with a four-step internal process (quy trình nội
 * bộ), upserted through the API before the set-up; a share of the dossiers (BENCH_FLOW_SHARE,
 * default 0.5) is submitted on it, so they carry steps (started at RECEIVE, moved by the pauses
 * of the supplement phase).
 */
const KHAI_SINH_FLOW: DemoProcedure = {
  ...KHAI_SINH,
  code: '9.990099.000.00.00.H22',
  name: 'Đăng ký khai sinh (quy trình nội bộ 4 bước, bench)',
  workflow: [
    { name: 'Bộ phận Một cửa kiểm tra, chuyển xử lý', role: 'RECEPTION_OFFICER', agencyCode: null, share: 0.1 },
    { name: 'Công chức tư pháp - hộ tịch thẩm định', role: 'SPECIALIST', agencyCode: null, share: 0.5 },
    { name: 'Ý kiến công chức phụ trách', role: 'SPECIALIST', agencyCode: null, share: 0.2 },
    { name: 'Lãnh đạo xem xét', role: 'LEADER', agencyCode: null, share: 0.1 },
  ],
};
const UPSERT = `mutation($input: ProcedureInput!) { upsertProcedure(input: $input) { procedure { code workflow { order } } } }`;

/**
 * npm run bench -- transition: latency of transitionDossier under `connections` clients.
 * Each client owns `perClient` dossiers (submitted and received through the API beforehand)
 * and moves them in turn, so no two clients ever touch the same row:
 *  - extend:     EXTEND by the agency's reception officer, each time with a later newDueAt and
 *                an apology letter (status stays PROCESSING);
 *  - supplement: REQUEST_SUPPLEMENT (officer, with note and apology letter) and SUPPLEMENT (the
 *                applicant citizen) in alternation;
 *  - oneClient:   extend by a single client for 5 s (service time without queueing or lock waits);
 *  - paced:      extend again, each client limited to a fixed rate (half the extend throughput in
 *                total), to see the service time without the queueing of a saturated closed loop.
 */
export async function benchTransition(opts: { seconds: number; connections: number; perClient: number; serverUrl: string }) {
  const hub = await startBenchHub(opts.serverUrl);
  try {
    const url = `${hub.url}/graphql`;
    const agencies = KHAI_SINH.agencyCodes;
    const citizenTokens = await Promise.all(demoCitizens.map(citizenToken));
    const papers = await Promise.all(citizenTokens.map((tk) => uploadPaper(hub.url, tk)));
    const reception = Object.fromEntries(await Promise.all(agencies.map(async (a) => [a, await staffToken('RECEPTION_OFFICER', a)] as const)));
    const flowShare = Number(process.env.BENCH_FLOW_SHARE ?? 0.5);
    if (flowShare > 0) {
      const admin = await signDevToken(BENCH_SECRET, { sub: 'bench-admin', roles: ['ADMIN'] });
      const sectorName = demoSectors.find((x) => x.code === KHAI_SINH.sectorCode)!.name;
      const up = await gql(url, UPSERT, { input: { ...KHAI_SINH_FLOW, sectorName } }, admin);
      if (up.upsertProcedure.procedure.workflow.length !== 4) throw new Error('the 4-step procedure was not saved');
    }
    const onFlow = (i: number) => flowShare > 0 && i % Math.round(1 / flowShare) === 0;

    // ---- setup: dossiers submitted by citizens, received by the commune's officer (all through the API)
    const count = opts.connections * opts.perClient;
    const setupStart = Date.now();
    // All submissions first, then all receptions: mixed concurrently they deadlock in PostgreSQL
    // (transitionDossier's SELECT … FOR UPDATE also locks the joined agency and procedure rows,
    // which the dossier insert's foreign-key checks want to share-lock; see RESULTS.md).
    const submitted = await pool(Array.from({ length: count }, (_, i) => i), 20, async (i) => {
      const c = i % demoCitizens.length;
      const agency = agencies[i % agencies.length];
      const proc = onFlow(i) ? KHAI_SINH_FLOW : KHAI_SINH;
      const s = await gql(url, SUBMIT, { input: withPaper(submitInput(proc, agency, demoCitizens[c], { key: `bench-transition-${i}` }), papers[c]) }, citizenTokens[c]);
      return { code: s.submitDossier.dossier.code as string, agency, citizen: c, status: 'SUBMITTED', extends: 0 };
    });
    const dossiers = await pool(submitted, 20, async (d) => {
      const r = await gql(url, TRANSITION, { input: { code: d.code, action: 'RECEIVE' } }, reception[d.agency]);
      return { ...d, status: r.transitionDossier.dossier.status as string };
    });
    const setupSeconds = round((Date.now() - setupStart) / 1000, 1);
    const base = Date.now() + 60 * 86400_000;
    const apologyLetter = 'Mẫu 04: thư xin lỗi và hẹn lại ngày trả kết quả';

    const mine = (client: number, n: number) => dossiers[client * opts.perClient + (n % opts.perClient)];
    const body = (input: Record<string, unknown>) => JSON.stringify({ query: TRANSITION, variables: { input } });
    const expect = (d: (typeof dossiers)[number], status: string) => (b: any) => {
      const got = b?.data?.transitionDossier?.dossier;
      if (!got) return `no dossier in ${JSON.stringify(b).slice(0, 200)}`;
      d.status = got.status;
      return got.status === status ? null : `expected ${status}, got ${got.status}`;
    };
    const extend = (client: number, n: number): LoopStep => {
      const d = mine(client, n);
      const newDueAt = new Date(base + ++d.extends * 60_000).toISOString();
      return { body: body({ code: d.code, action: 'EXTEND', newDueAt, apologyLetter }), token: reception[d.agency], check: expect(d, 'PROCESSING') };
    };
    const supplement = (client: number, n: number): LoopStep => {
      const d = mine(client, n);
      if (d.status === 'PROCESSING') {
        return {
          body: body({ code: d.code, action: 'REQUEST_SUPPLEMENT', note: 'Thiếu giấy chứng sinh bản chính', apologyLetter }),
          token: reception[d.agency],
          check: expect(d, 'SUPPLEMENT_REQUESTED'),
        };
      }
      return { body: body({ code: d.code, action: 'SUPPLEMENT', note: 'Đã bổ sung' }), token: citizenTokens[d.citizen], check: expect(d, 'PROCESSING') };
    };

    const measure = async (step: (c: number, n: number) => LoopStep, perClientRate?: number) => {
      const cpu0 = await childCpu(hub.child);
      const m0 = cpus();
      const res = await closedLoop({ url, clients: opts.connections, seconds: opts.seconds, step, perClientRate });
      const machineBusy = busySince(m0);
      const cpu = (await childCpu(hub.child)) - cpu0;
      return { ...res, cpuMsPerRequest: round(cpu / 1000 / Math.max(1, res.ok), 2), machineBusy };
    };
    const warm = await closedLoop({ url, clients: opts.connections, seconds: 3, step: extend });
    const ext = await measure(extend);
    const rate = Math.max(1, ext.perSec / 2 / opts.connections);
    const paced = await measure(extend, rate);
    // one client alone: the service time with no queue and no lock waits
    const alone = await closedLoop({ url, clients: 1, seconds: 5, step: extend });
    const sup = await measure(supplement);

    // Every successful transition is one version step and one log line, nothing else.
    const phases: LoopResult[] = [warm, ext, paced, alone, sup];
    const successes = phases.reduce((a, x) => a + x.ok, 0);
    const pg = new Client({ connectionString: hub.db.url });
    await pg.connect();
    const db = (
      await pg.query(`select count(*)::int as dossiers, sum(version)::int as versions, (select count(*)::int from dossier_event) as events from dossier`)
    ).rows[0];
    await pg.end();
    // per dossier: version 1 at submission, +1 for RECEIVE, +1 per transition; events likewise
    const consistent = db.dossiers === count && db.versions === 2 * count + successes && db.events === 2 * count + successes;

    const show = (x: LoopResult & { cpuMsPerRequest?: number; machineBusy?: number }) => ({
      perSec: x.perSec, p50: x.p50, p90: x.p90, p99: x.p99, max: x.max, ok: x.ok,
      errors: x.gqlErrors + x.non2xx + x.networkErrors, cpuMsPerRequest: x.cpuMsPerRequest, machineBusy: x.machineBusy,
    });
    return {
      bench: 'transition',
      machine: machine(),
      date: new Date().toISOString(),
      database: hub.db.kind,
      connections: opts.connections,
      dossiers: count,
      dossiersWithSteps: Array.from({ length: count }, (_, i) => i).filter(onFlow).length,
      setupSeconds,
      seconds: opts.seconds,
      extend: show(ext),
      supplement: show(sup),
      paced: { totalRatePerSec: round(rate * opts.connections, 0), ...show(paced) },
      oneClient: show(alone),
      errorSamples: phases.flatMap((x) => x.samples).slice(0, 5),
      check: { successes, ...db, consistent },
      target: 'p99 < 50 ms with 50 clients',
      met: { extend: ext.p99 < 50, supplement: sup.p99 < 50, paced: paced.p99 < 50 },
    };
  } finally {
    await hub.stop();
  }
}
