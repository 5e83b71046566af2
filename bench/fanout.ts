import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { execSync } from 'node:child_process';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signDevToken } from '../src/auth/tokens';
import { machine } from './support';
import {
  BENCH_SECRET, SUBMIT, TRANSITION, childMemory, demoAgencies, demoCitizens, demoProcedures, gql, mib, pct, pool, post, round, staffToken, startBenchHub, submitInput,
} from './dossier-support';

const SUBSCRIPTION = `subscription($a: String) { dossierStatusChanged(agencyCode: $a) { code agencyCode action status dueAt } }`;

interface Arrival {
  expected: number;
  n: number;
  last: number;
}

/**
 * npm run bench -- fanout: `subscribers` graphql-ws clients (in this process) on one hub
 * process, each following one agency's stream (dossierStatusChanged(agencyCode:) with a staff
 * token of that agency), spread evenly over the 22 demo agencies. Then EXTEND transitions are
 * fired and, per event, the time from the mutation's HTTP response to the moment the last
 * subscriber of that agency has the event is measured:
 *  - single: `events` events one after the other (agencies in turn, ~subscribers/22 receivers each);
 *  - burst:  `bursts` rounds of one transition per agency at once (every subscriber gets one event per round).
 * The hub's RSS is asked over IPC before the subscribers connect, once they are all subscribed, and at the end.
 */
export async function benchFanout(opts: { subscribers: number; events: number; bursts: number; serverUrl: string }) {
  const limit = Number(execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim());
  if (limit < opts.subscribers + 200) throw new Error(`ulimit -n is ${limit}: too few file descriptors for ${opts.subscribers} WebSockets (raise it: ulimit -n 20000)`);
  const hub = await startBenchHub(opts.serverUrl, { NODE_OPTIONS: '--expose-gc', BENCH_RECORD_COMMITS: '1' });
  const clients: Client[] = [];
  let stopping = false;
  try {
    const url = `${hub.url}/graphql`;
    const wsUrl = url.replace(/^http/, 'ws');
    const agencies = demoAgencies.map((a) => a.code);

    // ---- one dossier per agency, entered at the counter and received: PROCESSING, so EXTEND is allowed
    const reception = Object.fromEntries(await Promise.all(agencies.map(async (a) => [a, await staffToken('RECEPTION_OFFICER', a)] as const)));
    // one at a time: submissions and transitions running together can deadlock (see the transition bench)
    const dossiers = await pool(agencies, 1, async (agency) => {
      const p = demoProcedures.find((x) => x.agencyCodes.includes(agency) && x.channels.includes('COUNTER'))!;
      const s = await gql(url, SUBMIT, { input: submitInput(p, agency, demoCitizens[0], { channel: 'COUNTER' }) }, reception[agency]);
      const code: string = s.submitDossier.dossier.code;
      await gql(url, TRANSITION, { input: { code, action: 'RECEIVE' } }, reception[agency]);
      return { agency, code, extends: 0 };
    });
    const memBefore = await childMemory(hub.child);

    // ---- subscribers
    const perAgency = new Map<string, number>(agencies.map((a) => [a, 0]));
    const arrivals = new Map<string, Arrival>();
    let unexpected = 0;
    let subscriptionErrors = 0;
    let closedEarly = 0;
    const errorSamples: string[] = [];
    const connectStart = performance.now();
    await pool(
      Array.from({ length: opts.subscribers }, (_, i) => i),
      200,
      async (i) => {
        const agency = agencies[i % agencies.length];
        perAgency.set(agency, perAgency.get(agency)! + 1);
        const token = await signDevToken(BENCH_SECRET, { sub: `specialist@${agency}`, roles: ["SPECIALIST"], agencies: [agency] }); // a subject in the directory (issue 16)
        await new Promise<void>((ok, fail) => {
          const client = createClient({
            url: wsUrl,
            webSocketImpl: WebSocket,
            connectionParams: { authorization: `Bearer ${token}` },
            lazy: false,
            retryAttempts: 0,
            on: {
              connected: () => ok(),
              closed: (e) => {
                if (!stopping) {
                  closedEarly++;
                  fail(new Error(`subscriber ${i} closed: ${(e as { code?: number })?.code}`));
                }
              },
            },
          });
          clients.push(client);
          client.subscribe(
            { query: SUBSCRIPTION, variables: { a: agency } },
            {
              next: (v) => {
                const at = performance.now();
                const e = (v.data as any)?.dossierStatusChanged;
                if (!e || v.errors) {
                  subscriptionErrors++;
                  if (errorSamples.length < 5) errorSamples.push(JSON.stringify(v).slice(0, 300));
                  return;
                }
                const a = arrivals.get(`${e.code}|${Date.parse(e.dueAt)}`); // dueAt comes back in +07:00 form
                if (!a || e.agencyCode !== agency) {
                  unexpected++;
                  return;
                }
                a.n++;
                a.last = at;
              },
              error: (e) => {
                subscriptionErrors++;
                if (errorSamples.length < 5) errorSamples.push(String((e as Error)?.message ?? JSON.stringify(e)).slice(0, 300));
              },
              complete: () => {},
            },
          );
        });
      },
    );
    const connectSeconds = round((performance.now() - connectStart) / 1000, 1);
    await new Promise((r) => setTimeout(r, 2000)); // let the server register the last subscriptions
    const memSubscribed = await childMemory(hub.child);
    const memSubscribedAfterGc = await childMemory(hub.child, true);

    // ---- firing events
    const base = Date.now() + 60 * 86400_000;
    const fire = async (d: (typeof dossiers)[number]) => {
      const newDueAt = new Date(base + ++d.extends * 60_000).toISOString();
      const a: Arrival = { expected: perAgency.get(d.agency)!, n: 0, last: 0 };
      arrivals.set(`${d.code}|${Date.parse(newDueAt)}`, a);
      const body = JSON.stringify({ query: TRANSITION, variables: { input: { code: d.code, action: 'EXTEND', newDueAt, apologyLetter: 'Mẫu 04' } } });
      const t0 = performance.now();
      const r = await post(url, body, reception[d.agency]);
      const b = JSON.parse(r.text);
      if (r.status !== 200 || b.errors) throw new Error(`EXTEND failed: ${r.text.slice(0, 300)}`);
      return { a, t0, end: r.end, key: `${d.code}|${Date.parse(newDueAt)}` };
    };
    /** Waits until every expected subscriber has the events (or 15 s), then summarises. */
    const settle = async (fired: { a: Arrival; t0: number; end: number; key: string }[]) => {
      const deadline = performance.now() + 15_000;
      while (fired.some((f) => f.a.n < f.a.expected) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      return fired.map((f) => ({
        key: f.key,
        last: f.a.last,
        missing: f.a.expected - f.a.n,
        fromResponse: f.a.last - f.end, // may be < 0: the hub publishes right after the commit, before it writes the HTTP answer
        fromRequest: f.a.last - f.t0,
        mutationMs: f.end - f.t0,
      }));
    };

    // warm-up: one round over all agencies, which also proves every subscription is live
    const warm = await settle(await Promise.all(dossiers.map(fire)));
    const warmMissing = warm.reduce((s, x) => s + x.missing, 0);

    const single: Awaited<ReturnType<typeof settle>> = [];
    for (let e = 0; e < opts.events; e++) {
      single.push(...(await settle([await fire(dossiers[e % dossiers.length])])));
      await new Promise((r) => setTimeout(r, 20));
    }
    const burst: { events: Awaited<ReturnType<typeof settle>>; roundMs: number }[] = [];
    for (let r = 0; r < opts.bursts; r++) {
      const fired = await Promise.all(dossiers.map(fire));
      const events = await settle(fired);
      // last delivery of the round, from the last HTTP answer of the round
      const roundMs = Math.max(...fired.map((f) => f.a.last)) - Math.max(...fired.map((f) => f.end));
      burst.push({ events, roundMs });
      await new Promise((r) => setTimeout(r, 100));
    }
    const memEnd = await childMemory(hub.child);
    const memEndGc = await childMemory(hub.child, true);

    const stats = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return { p50: round(pct(s, 50), 1), p99: round(pct(s, 99), 1), max: round(s.at(-1) ?? NaN, 1) };
    };
    const singleResp = stats(single.map((x) => x.fromResponse));
    const burstEvents = burst.flatMap((b) => b.events);
    // commit → last subscriber: the hub child recorded when it published each event (right
    // after the commit) on the same machine clock (performance.timeOrigin + now()).
    const commits = await new Promise<Record<string, number>>((ok) => {
      hub.child.once('message', (m: { commits?: Record<string, number> }) => ok(m.commits ?? {}));
      hub.child.send('commits');
    });
    const fromCommit = (xs: { key: string; last: number }[]) =>
      stats(xs.filter((x) => commits[x.key] !== undefined).map((x) => performance.timeOrigin + x.last - commits[x.key]));
    const singleCommit = fromCommit(single);
    const burstCommit = fromCommit(burstEvents);
    const burstResp = stats(burstEvents.map((x) => x.fromResponse));
    const missing = single.concat(burstEvents).reduce((s, x) => s + x.missing, 0);
    return {
      bench: 'fanout',
      machine: machine(),
      date: new Date().toISOString(),
      database: hub.db.kind,
      ulimitN: limit,
      subscribers: opts.subscribers,
      subscribersIn: 'the bench process (one process, graphql-ws createClient + ws)',
      agencies: agencies.length,
      subscribersPerAgency: [Math.min(...perAgency.values()), Math.max(...perAgency.values())],
      connectSeconds,
      hubRssMiB: { before: mib(memBefore.rss), subscribed: mib(memSubscribed.rss), end: mib(memEnd.rss) },
      hubHeapMiB: { before: mib(memBefore.heapUsed), subscribed: mib(memSubscribed.heapUsed), end: mib(memEnd.heapUsed) },
      afterForcedGc: {
        subscribed: { rssMiB: mib(memSubscribedAfterGc.rss), heapMiB: mib(memSubscribedAfterGc.heapUsed) },
        end: { rssMiB: mib(memEndGc.rss), heapMiB: mib(memEndGc.heapUsed) },
      },
      benchRssMiB: mib(process.memoryUsage().rss),
      warmupMissing: warmMissing,
      single: {
        events: single.length,
        lastSubscriberAfterCommitMs: singleCommit,
        lastSubscriberAfterResponseMs: singleResp,
        lastSubscriberAfterRequestMs: stats(single.map((x) => x.fromRequest)),
        mutationMs: stats(single.map((x) => x.mutationMs)),
      },
      burst: {
        rounds: burst.length,
        eventsPerRound: dossiers.length,
        deliveriesPerRound: opts.subscribers,
        lastSubscriberAfterCommitMs: burstCommit,
        lastSubscriberAfterResponseMs: burstResp,
        lastSubscriberAfterRequestMs: stats(burstEvents.map((x) => x.fromRequest)),
        mutationMs: stats(burstEvents.map((x) => x.mutationMs)),
        roundLastDeliveryAfterLastResponseMs: stats(burst.map((b) => b.roundMs)),
      },
      missingDeliveries: missing,
      unexpected,
      subscriptionErrors,
      closedEarly,
      errorSamples,
      target: 'p99 (commit → last subscriber) < 500 ms; hub RSS < 600 MB',
      met: {
        single: singleCommit.p99 < 500 && missing === 0,
        burst: burstCommit.p99 < 500 && missing === 0,
        rss: memEnd.rss < 600 * 1e6 && memSubscribed.rss < 600 * 1e6,
      },
    };
  } finally {
    stopping = true; // closing sockets now is not a failure
    await pool(clients, 500, async (c) => c.dispose());
    await hub.stop();
  }
}
