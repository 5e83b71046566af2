import 'reflect-metadata';
import { benchCatalogue } from './catalogue';
import { benchSubmit } from './submit';
import { benchTransition } from './transition';
import { benchFanout } from './fanout';
import { benchOutbox } from './outbox';
import { benchScorecard } from './scorecard';
import { benchLetters } from './letters';
import { benchUpload } from './upload';
import { benchReceiveLetters } from './receive-letters';
import { benchNotify } from './notify';
import { benchStatistics } from './statistics';
import { benchList } from './list';

/**
 * npm run bench -- <name> …   (names: catalogue, submit, transition, fanout, outbox, scorecard, letters, upload, receive-letters, notify, statistics, list)
 * BENCH_SECONDS per round (default 10), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 20), BENCH_DATABASE_URL
 * (default postgres://postgres@127.0.0.1:5432/postgres: a scratch database is created there).
 * submit, transition, fanout (issue 3): BENCH_CONNECTIONS defaults to 50 for submit and transition;
 * BENCH_SUBSCRIBERS (5000), BENCH_EVENTS (50) and BENCH_BURSTS (20) for fanout.
 * scorecard (issue 5): BENCH_DOSSIERS (1000000), BENCH_RUNS (20).
 * statistics (issue 15): BENCH_DOSSIERS (1000000), BENCH_RUNS (20); CHROMIUM_PATH (/usr/bin/chromium) for the dashboard's first paint.
 * list: BENCH_DOSSIERS (1000000), BENCH_RUNS (20): the dossiers list of a desk officer and of ADMIN.
 * letters (issue 12): BENCH_SECONDS (default 10) per round, BENCH_ROUNDS (3); no database.
 * upload (issue 12): BENCH_CONNECTIONS (50) clients, BENCH_UPLOADS (500) 1 MiB PDFs per round, BENCH_ROUNDS (3), BENCH_BIG_MB (200).
 * receive-letters (issue 12): BENCH_SECONDS (10) per mode, BENCH_CONNECTIONS (10) clients, BENCH_RATE (50) RECEIVE/s in total;
 *   BENCH_BASELINE_HUB: the hub-server.js of a build without letters, measured first.
 * notify (issue 13): BENCH_CHANGES (10000) dossier changes with e-mail + SMS + webhook each, BENCH_PER_DOSSIER (4), BENCH_PAIRS (300) transitions with and without; NOTIFY_BATCH, NOTIFY_CONCURRENCY.
 * outbox (issue 4): BENCH_MESSAGES (10000) queued, BENCH_PER_DOSSIER (4: creation + 3 changes); OUTBOX_BATCH, OUTBOX_CONCURRENCY.
 */
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const benches: Record<string, () => Promise<unknown>> = {
  catalogue: () =>
    benchCatalogue({
      seconds: num('BENCH_SECONDS', 10),
      rounds: num('BENCH_ROUNDS', 3),
      connections: num('BENCH_CONNECTIONS', 20),
      serverUrl,
    }),
  submit: () =>
    benchSubmit({
      seconds: num('BENCH_SECONDS', 10),
      rounds: num('BENCH_ROUNDS', 3),
      connections: num('BENCH_CONNECTIONS', 50),
      serverUrl,
    }),
  transition: () =>
    benchTransition({
      seconds: num('BENCH_SECONDS', 15),
      connections: num('BENCH_CONNECTIONS', 50),
      perClient: 10,
      serverUrl,
    }),
  fanout: () =>
    benchFanout({
      subscribers: num('BENCH_SUBSCRIBERS', 5000),
      events: num('BENCH_EVENTS', 50),
      bursts: num('BENCH_BURSTS', 20),
      serverUrl,
    }),
  outbox: () =>
    benchOutbox({
      messages: num('BENCH_MESSAGES', 10_000),
      perDossier: num('BENCH_PER_DOSSIER', 4),
      serverUrl,
      env: Object.fromEntries(['OUTBOX_BATCH', 'OUTBOX_CONCURRENCY'].filter((k) => process.env[k]).map((k) => [k, process.env[k]!])),
    }),
  scorecard: () => benchScorecard({ dossiers: num('BENCH_DOSSIERS', 1_000_000), runs: num('BENCH_RUNS', 20), serverUrl }),
  statistics: () => benchStatistics({ dossiers: num('BENCH_DOSSIERS', 1_000_000), runs: num('BENCH_RUNS', 20), serverUrl }),
  list: () => benchList({ dossiers: num('BENCH_DOSSIERS', 1_000_000), runs: num('BENCH_RUNS', 20), serverUrl }),
  letters: () => benchLetters({ seconds: num('BENCH_SECONDS', 10), rounds: num('BENCH_ROUNDS', 3) }),
  upload: () =>
    benchUpload({
      clients: num('BENCH_CONNECTIONS', 50),
      uploads: num('BENCH_UPLOADS', 500),
      rounds: num('BENCH_ROUNDS', 3),
      bigMb: num('BENCH_BIG_MB', 200),
      serverUrl,
    }),
  'receive-letters': () =>
    benchReceiveLetters({
      seconds: num('BENCH_SECONDS', 10),
      clients: num('BENCH_CONNECTIONS', 10),
      rate: num('BENCH_RATE', 50),
      serverUrl,
      baselineHub: process.env.BENCH_BASELINE_HUB,
    }),
  notify: () =>
    benchNotify({
      changes: num('BENCH_CHANGES', 10_000),
      perDossier: num('BENCH_PER_DOSSIER', 4),
      latencyPairs: num('BENCH_PAIRS', 300),
      serverUrl,
      env: Object.fromEntries(['NOTIFY_BATCH', 'NOTIFY_CONCURRENCY'].filter((k) => process.env[k]).map((k) => [k, process.env[k]!])),
    }),
};

async function main() {
  const names = process.argv.slice(2);
  if (names.length === 0 || names.some((n) => !benches[n])) {
    process.stderr.write(`usage: npm run bench -- <${Object.keys(benches).join('|')}> …\n`);
    process.exit(2);
  }
  for (const n of names) process.stdout.write(`${JSON.stringify(await benches[n](), null, 2)}\n`);
}
main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
