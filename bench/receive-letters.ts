import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { childCpu, machine } from './support';
import { KHAI_SINH, SUBMIT, TRANSITION, citizenToken, closedLoop, demoCitizens, gql, pool, round, staffToken, startBenchHub, submitInput, type LoopStep } from './dossier-support';

/**
 * npm run bench -- receive-letters (issue 12): what issuing letters does to RECEIVE.
 *
 * RECEIVE queues its receipt (Mẫu 01) in the statement of the change; the letters worker draws
 * the PDF right after the commit, in the same hub process. Each mode runs RECEIVE paced at
 * `rate` per second in total (clients × rate/clients) for `seconds`, on dossiers submitted
 * beforehand, and reports the latency of RECEIVE:
 *  - baseline:  the hub of BENCH_BASELINE_HUB (a build of the commit before letters), when given;
 *  - queued:    this hub without its letters worker (LETTERS_WORKER=false): the request is written
 *               with the change, no PDF drawn;
 *  - issued:    this hub with its jobs on: the worker draws every receipt right after the commit
 *               (on its drawing thread, LETTERS_RENDER_THREADS=1);
 *  - inline:    (BENCH_MODES=…,inline) the same with the PDFs drawn on the event loop.
 * BENCH_MODES (e.g. queued,issued) picks modes.
 * For `issued` also: how long after RECEIVE each receipt existed (lag p50/p99) and how many were
 * issued. Target (issue 12): p99 added ≤ 20 ms, or generation through the outbox right after the
 * commit — which this design does.
 */
export async function benchReceiveLetters(opts: { seconds: number; clients: number; rate: number; serverUrl: string; baselineHub?: string }) {
  const only = process.env.BENCH_MODES?.split(',');
  const all: { name: string; env: Record<string, string>; script?: string }[] = [
    ...(opts.baselineHub ? [{ name: 'baseline', env: { JOBS_ENABLED: 'true' }, script: opts.baselineHub }] : []),
    { name: 'queued', env: { JOBS_ENABLED: 'true', LETTERS_WORKER: 'false' } },
    { name: 'issued', env: { JOBS_ENABLED: 'true' } },
    // Only when asked for (BENCH_MODES=…,inline): the PDFs drawn on the event loop, as without LETTERS_RENDER_THREADS.
    ...(only?.includes('inline') ? [{ name: 'inline', env: { JOBS_ENABLED: 'true', LETTERS_RENDER_THREADS: '0' } }] : []),
  ];
  const modes = all.filter((m) => !only || only.includes(m.name));
  const results: Record<string, unknown> = {};
  for (const mode of modes) results[mode.name] = await runMode(opts, mode);
  return {
    bench: 'receive-letters',
    machine: machine(),
    date: new Date().toISOString(),
    clients: opts.clients,
    ratePerSec: opts.rate,
    seconds: opts.seconds,
    ...results,
    target: 'RECEIVE p99 added by letters ≤ 20 ms (issued vs queued, and vs baseline when given)',
  };
}

async function runMode(opts: { seconds: number; clients: number; rate: number; serverUrl: string }, mode: { name: string; env: Record<string, string>; script?: string }) {
  const previous = process.env.BENCH_HUB_SCRIPT;
  if (mode.script) process.env.BENCH_HUB_SCRIPT = mode.script;
  const files = mkdtempSync(join(tmpdir(), 'bench-letters-'));
  const hub = await startBenchHub(opts.serverUrl, { FILE_STORE_DIR: files, ...mode.env });
  if (mode.script) {
    if (previous === undefined) delete process.env.BENCH_HUB_SCRIPT;
    else process.env.BENCH_HUB_SCRIPT = previous;
  }
  try {
    const url = `${hub.url}/graphql`;
    const agencies = KHAI_SINH.agencyCodes;
    const citizenTokens = await Promise.all(demoCitizens.map(citizenToken));
    const reception = Object.fromEntries(await Promise.all(agencies.map(async (a) => [a, await staffToken('RECEPTION_OFFICER', a)] as const)));
    const warmSeconds = 3;
    const count = Math.ceil(opts.rate * (opts.seconds + warmSeconds) * 1.1) + opts.clients;
    const dossiers = await pool(Array.from({ length: count }, (_, i) => i), 20, async (i) => {
      const c = i % demoCitizens.length;
      const agency = agencies[i % agencies.length];
      const s = await gql(url, SUBMIT, { input: submitInput(KHAI_SINH, agency, demoCitizens[c], { key: `bench-receive-${i}` }) }, citizenTokens[c]);
      return { code: s.submitDossier.dossier.code as string, agency };
    });
    let next = 0;
    const receive = (): LoopStep => {
      const d = dossiers[next++ % dossiers.length];
      return {
        body: JSON.stringify({ query: TRANSITION, variables: { input: { code: d.code, action: 'RECEIVE' } } }),
        token: reception[d.agency],
        check: (b: any) => (b?.data?.transitionDossier?.dossier?.status === 'PROCESSING' ? null : `not received: ${JSON.stringify(b).slice(0, 200)}`),
      };
    };
    const perClientRate = opts.rate / opts.clients;
    await closedLoop({ url, clients: opts.clients, seconds: warmSeconds, step: receive, perClientRate });
    const cpu0 = await childCpu(hub.child);
    const r = await closedLoop({ url, clients: opts.clients, seconds: opts.seconds, step: receive, perClientRate });
    const cpu = (await childCpu(hub.child)) - cpu0;

    let letters: Record<string, unknown> | undefined;
    if (mode.name === 'issued' || mode.name === 'inline') {
      const pg = new Client({ connectionString: hub.db.url });
      await pg.connect();
      // Let the worker finish what the loop queued, then see how long after each RECEIVE its receipt existed.
      for (let i = 0; i < 120; i++) {
        const left = (await pg.query(`select count(*)::int as n from letter_request where done_at is null`)).rows[0].n;
        if (left === 0) break;
        await new Promise((ok) => setTimeout(ok, 500));
      }
      const lag = (
        await pg.query(`select count(*)::int as issued,
                 percentile_cont(0.5) within group (order by extract(epoch from f.created_at - l.issued_at) * 1000) as p50,
                 percentile_cont(0.99) within group (order by extract(epoch from f.created_at - l.issued_at) * 1000) as p99,
                 max(extract(epoch from f.created_at - l.issued_at) * 1000) as max,
                 extract(epoch from min(f.created_at) - min(l.issued_at)) * 1000 as first,
                 extract(epoch from max(f.created_at) - min(f.created_at)) as span
            from letter l join stored_file f on f.id = l.file_id`)
      ).rows[0];
      const pending = (await pg.query(`select count(*)::int as n from letter_request where done_at is null`)).rows[0].n;
      await pg.end();
      letters = {
        issued: lag.issued,
        pending,
        /** From RECEIVE (the letter's date) to its letter stored. */
        lagMs: { p50: round(Number(lag.p50), 1), p99: round(Number(lag.p99), 1), max: round(Number(lag.max), 1) },
        firstAfterMs: round(Number(lag.first), 1),
        /** Letters per second from the first to the last stored. */
        perSec: round(lag.issued / Math.max(0.001, Number(lag.span)), 1),
      };
    }
    return {
      receive: { perSec: r.perSec, p50: r.p50, p90: r.p90, p99: r.p99, max: r.max, ok: r.ok, errors: r.gqlErrors + r.non2xx + r.networkErrors },
      cpuMsPerReceive: round(cpu / 1000 / Math.max(1, r.ok), 2),
      ...(letters ? { letters } : {}),
      errorSamples: r.samples.slice(0, 3),
    };
  } finally {
    await hub.stop();
    rmSync(files, { recursive: true, force: true });
  }
}
