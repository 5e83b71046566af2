import 'reflect-metadata';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { childCpu, machine } from './support';
import {
  KHAI_SINH, SUBMIT, citizenToken, closedLoop, demoCitizens, round, startBenchHub, submitInput, childMemory, mib, type LoopResult,
  uploadPaper,
  withPaper,
} from './dossier-support';

/** Share of the machine's CPU time that was busy since `before` (all cores). */
export function busySince(before: ReturnType<typeof cpus>): number {
  const after = cpus();
  let busy = 0;
  let total = 0;
  after.forEach((c, i) => {
    const b = before[i].times;
    const t = (k: keyof typeof c.times) => c.times[k] - b[k];
    const all = t('user') + t('nice') + t('sys') + t('idle') + t('irq');
    total += all;
    busy += all - t('idle');
  });
  return total ? round(busy / total, 2) : NaN;
}

/**
 * npm run bench -- submit: submitDossier per second under `connections` closed-loop clients.
 * Citizens submit 'Đăng ký khai sinh' online to the ten commune agencies in turn, every request
 * with its own idempotency key. Only 200 answers whose body has a dossier code and no `errors`
 * count. Afterwards the database must hold exactly as many dossiers as successes, codes unique.
 */
export async function benchSubmit(opts: { seconds: number; rounds: number; connections: number; serverUrl: string }) {
  const hub = await startBenchHub(opts.serverUrl);
  try {
    const tokens = await Promise.all(demoCitizens.map(citizenToken));
    const papers = await Promise.all(tokens.map((tk) => uploadPaper(hub.url, tk)));
    const agencies = KHAI_SINH.agencyCodes;
    const url = `${hub.url}/graphql`;
    const codes = new Set<string>();
    let duplicatesSeen = 0;
    let n = 0;
    const step = () => {
      const i = n++;
      const c = i % demoCitizens.length;
      const input = withPaper(submitInput(KHAI_SINH, agencies[i % agencies.length], demoCitizens[c], { key: `bench-submit-${i}` }), papers[c]);
      return {
        body: JSON.stringify({ query: SUBMIT, variables: { input } }),
        token: tokens[c],
        check: (b: any) => {
          const d = b?.data?.submitDossier?.dossier;
          if (!d?.code || d.status !== 'SUBMITTED') return `unexpected answer ${JSON.stringify(b).slice(0, 200)}`;
          if (codes.has(d.code)) duplicatesSeen++;
          codes.add(d.code);
          return null;
        },
      };
    };
    const run = (seconds: number) => closedLoop({ url, clients: opts.connections, seconds, step });

    const warm = await run(3);
    const rounds: (LoopResult & { cpuMsPerRequest: number; machineBusy: number })[] = [];
    for (let r = 0; r < opts.rounds; r++) {
      const cpu0 = await childCpu(hub.child);
      const m0 = cpus();
      const res = await run(opts.seconds);
      const machineBusy = busySince(m0);
      const cpu = (await childCpu(hub.child)) - cpu0;
      rounds.push({ ...res, cpuMsPerRequest: round(cpu / 1000 / Math.max(1, res.ok), 2), machineBusy });
    }
    const mem = await childMemory(hub.child);

    // What the database holds must match what the clients were told.
    const all = [warm, ...rounds];
    const successes = all.reduce((a, x) => a + x.ok, 0);
    const pg = new Client({ connectionString: hub.db.url });
    await pg.connect();
    const db = (
      await pg.query(
        `select count(*)::int as dossiers, count(distinct code)::int as codes, count(distinct idempotency_key)::int as keys,
                (select count(*)::int from dossier_event) as events from dossier`,
      )
    ).rows[0];
    const perAgency = (await pg.query(`select agency_code, last from dossier_sequence order by agency_code`)).rows;
    await pg.end();

    const mean = (k: keyof LoopResult | 'cpuMsPerRequest' | 'machineBusy') => round(rounds.reduce((a, x) => a + Number(x[k]), 0) / rounds.length, 1);
    const dossiersPerSec = mean('perSec');
    const consistent = db.dossiers === successes && db.codes === successes && db.keys === successes && db.events === successes && codes.size === successes && duplicatesSeen === 0;
    return {
      bench: 'submit',
      machine: machine(),
      date: new Date().toISOString(),
      database: hub.db.kind,
      connections: opts.connections,
      seconds: opts.seconds,
      rounds: opts.rounds,
      dossiersPerSec,
      p50: mean('p50'),
      p99: mean('p99'),
      cpuMsPerDossier: mean('cpuMsPerRequest'),
      machineBusy: mean('machineBusy'),
      errors: rounds.reduce((a, x) => a + x.gqlErrors + x.non2xx + x.networkErrors, 0),
      errorSamples: all.flatMap((x) => x.samples).slice(0, 5),
      perRound: rounds.map((x) => ({ perSec: x.perSec, p50: x.p50, p99: x.p99, ok: x.ok, errors: x.gqlErrors + x.non2xx + x.networkErrors, cpuMsPerRequest: x.cpuMsPerRequest, machineBusy: x.machineBusy })),
      hubRssMiB: mib(mem.rss),
      check: { successes, ...db, distinctCodesSeenByClients: codes.size, duplicatesSeen, consistent, lastSequencePerAgency: perAgency.map((r) => r.last) },
      target: '≥ 300 dossiers/s with 50 clients',
      met: consistent && dossiersPerSec >= 300,
    };
  } finally {
    await hub.stop();
  }
}
