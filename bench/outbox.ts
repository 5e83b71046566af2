import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { BENCH_PRODUCTION_ENV, childCpu, machine, startChild } from './support';
import { startBenchHub } from './dossier-support';
import { DOSSIER_SYNC, nationalRecord, progressLine, type DossierSyncPayload } from '../src/outbox/national-messages';
import { demoProcedures } from '../src/seed/demo-data';

/**
 * npm run bench -- outbox: messages delivered per second to the national simulator with
 * `messages` queued. The queue is written straight into the outbox table (as submissions and
 * transitions would have written it): `messages / perDossier` dossiers, each with its creation
 * and `perDossier − 1` status changes (record + progress line: two HTTP requests). A hub child
 * with its jobs on then drains it; the clock runs from the first request the simulator receives
 * until the last message is marked SENT. Afterwards every dossier must be at the simulator with
 * all its progress lines, in order.
 */
export async function benchOutbox(opts: { messages: number; perDossier: number; serverUrl: string; env?: Record<string, string> }) {
  const dossiers = Math.ceil(opts.messages / opts.perDossier);
  const hub = await startBenchHub(opts.serverUrl, { JOBS_ENABLED: 'false', ...opts.env }); // this one only serves to create the schema
  const dbUrl = hub.db.url;
  const sims = hub.sims;
  await new Promise<void>((ok) => {
    hub.child.once('exit', () => ok());
    hub.child.kill('SIGTERM');
  });
  const pg = new Client({ connectionString: dbUrl });
  await pg.connect();
  try {
    // ---- the queue
    const p = demoProcedures[0];
    const at = new Date('2026-11-23T08:00:00+07:00');
    const facts = {
      channel: 'ONLINE' as const, applicantKind: 'CITIZEN' as const, applicantFullName: 'Nguyễn Văn An', applicantIdentityNumber: '002085816844',
      applicantVerification: 'VERIFIED' as const, submittedAt: at, components: [], fees: p.fees.map((f) => ({ ...f, description: f.description ?? null })), paidAmount: 0,
      procedureCode: p.code, procedureName: p.name, sectorCode: p.sectorCode, agencyCode: p.agencyCodes[0],
    };
    const steps = [['RECEIVE', 'PROCESSING'], ['SUBMIT_FOR_APPROVAL', 'AWAITING_APPROVAL'], ['APPROVE', 'APPROVED'], ['ISSUE_RESULT', 'RESULT_READY'], ['DELIVER', 'DELIVERED']] as const;
    const rows: unknown[][] = [];
    for (let i = 0; i < dossiers; i++) {
      const code = `${p.agencyCodes[0]}-261123-B${String(i).padStart(6, '0')}`;
      const id = randomUUID();
      rows.push([id, code, { record: nationalRecord({ ...facts, code, status: 'SUBMITTED' }), progress: null } satisfies DossierSyncPayload]);
      for (let s = 0; s < opts.perDossier - 1; s++) {
        const [action, status] = steps[s % steps.length];
        const justReceived = action === 'RECEIVE';
        rows.push([id, code, {
          record: nationalRecord({ ...facts, code, status, receivedAt: at }, justReceived),
          progress: progressLine({ code, action, actor: 'bench', role: 'SPECIALIST', at, agencyName: 'UBND', status, justReceived }),
        } satisfies DossierSyncPayload]);
      }
    }
    const queued = rows.slice(0, opts.messages);
    for (let i = 0; i < queued.length; i += 1000) {
      const chunk = queued.slice(i, i + 1000);
      const values = chunk.map((_, j) => `($${j * 4 + 1}, $${j * 4 + 2}, $${j * 4 + 3}, $${j * 4 + 4}::jsonb)`).join(',');
      await pg.query(
        `insert into outbox (message_id, topic, aggregate_id, aggregate_code, payload) select m::uuid, '${DOSSIER_SYNC}', a::uuid, c, p from (values ${values}) v(m, a, c, p)`,
        chunk.flatMap(([id, code, payload]) => [randomUUID(), id, code, JSON.stringify(payload)]),
      );
    }
    const requestsExpected = queued.reduce((n, r) => n + ((r[2] as DossierSyncPayload).progress ? 2 : 1), 0);

    // ---- drain
    const drainer = await startChild('hub-server.js', {
      DATABASE_URL: dbUrl, DB_POOL_MAX: '10', ...BENCH_PRODUCTION_ENV,
      NATIONAL_PORTAL_URL: sims.urls.national, POPULATION_DB_URL: sims.urls.population, PAYMENT_PLATFORM_URL: sims.urls.payment,
      SMTP_URL: sims.urls.mail, SMS_GATEWAY_URL: sims.urls.sms,
      JOBS_ENABLED: 'true', JOB_OUTBOX_SCHEDULE: '* * * * * *', ...opts.env,
    });
    const cpu0 = await childCpu(drainer.child);
    const simCpu0 = process.cpuUsage();
    let first = 0;
    while (sims.national.requests().length === 0) await new Promise((r) => setTimeout(r, 5));
    first = performance.now();
    let last = first;
    for (;;) {
      const { rows: [{ n }] } = await pg.query(`select count(*)::int as n from outbox where status <> 'SENT'`);
      last = performance.now();
      if (n === 0) break;
      if (last - first > 300_000) throw new Error(`${n} messages still queued after 5 minutes`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const cpu1 = await childCpu(drainer.child);
    const simCpu = process.cpuUsage(simCpu0);
    const seconds = (last - first) / 1000;

    // ---- check
    const state = sims.national.state();
    const bad = state.dossiers.filter((d) => {
      const expect = rows.filter((r) => r[1] === d.MaHoSo && (r[2] as DossierSyncPayload).progress).length;
      return d.progress.length !== expect || d.progress.some((x, k) => x.TrangThai !== [2, 4, 4, 9, 10][k % 5]);
    });
    await new Promise<void>((ok) => {
      drainer.child.once('exit', () => ok());
      drainer.child.kill('SIGTERM');
    });
    const perSec = Math.round((queued.length / seconds) * 10) / 10;
    return {
      bench: 'outbox',
      machine: machine(),
      date: new Date().toISOString(),
      messages: queued.length,
      dossiers,
      httpRequests: requestsExpected,
      seconds: Math.round(seconds * 100) / 100,
      messagesPerSec: perSec,
      httpRequestsPerSec: Math.round((requestsExpected / seconds) * 10) / 10,
      hubCpuMsPerMessage: Math.round(((cpu1 - cpu0) / 1000 / queued.length) * 100) / 100,
      hubCpuCores: Math.round(((cpu1 - cpu0) / 1e6 / seconds) * 100) / 100,
      simulatorProcessCpuCores: Math.round(((simCpu.user + simCpu.system) / 1e6 / seconds) * 100) / 100,
      atSimulator: { dossiers: state.dossiers.length, acceptedWrites: state.acceptedWrites, duplicatesIgnored: state.duplicatesIgnored, wrongOrMissing: bad.length },
      settings: { OUTBOX_BATCH: opts.env?.OUTBOX_BATCH ?? '500', OUTBOX_CONCURRENCY: opts.env?.OUTBOX_CONCURRENCY ?? '32' },
      target: '≥ 500 messages/s with 10,000 queued',
      met: perSec >= 500 && bad.length === 0 && state.dossiers.length === dossiers,
    };
  } finally {
    await pg.end();
    await hub.db.drop();
    await sims.close();
  }
}
