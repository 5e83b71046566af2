import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { openSubscription, startTestHub, TEST_SECRET, type TestHub } from '../helpers/test-hub';
import { actors, KHAI_SINH, SUBMIT, submitInput, TRANSITION, submitAs } from '../helpers/dossier-fixtures';
import type { Client } from 'graphql-ws';

/**
 * Two hub processes on one database and one Redis: an event raised on one reaches a
 * subscriber on the other. Needs REDIS_URL and a PostgreSQL server (DATABASE_URL); CI sets both.
 */
const REDIS_URL = process.env.REDIS_URL;
const enabled = !!REDIS_URL && !!process.env.DATABASE_URL;
if (!enabled) {
  // eslint-disable-next-line no-console
  console.warn('redis-pubsub.test.ts skipped: set REDIS_URL and DATABASE_URL to run it (CI does)');
}

(enabled ? describe : describe.skip)('subscriptions across two hub processes (Redis pub/sub)', () => {
  let a: TestHub;
  let child: ChildProcess;
  let childUrl: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    a = await startTestHub({ env: { REDIS_URL: REDIS_URL! } });
    // The second hub is a separate Node process built from dist/ (npm test builds first).
    child = fork(resolve(__dirname, '../../dist/bench/hub-server.js'), [], {
      env: { ...process.env, DATABASE_URL: a.db.url, REDIS_URL: REDIS_URL!, AUTH_JWT_SECRET: TEST_SECRET, NODE_ENV: 'test', JOBS_ENABLED: 'false' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    childUrl = await new Promise<string>((ok, fail) => {
      child.once('message', (m: { ready?: string }) => (m.ready ? ok(m.ready) : fail(new Error('no url'))));
      child.once('exit', (code) => fail(new Error(`second hub exited with ${code}`)));
    });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    child?.kill();
    await a?.stop();
  });

  it('a transition on hub A reaches a subscriber on hub B, and the other way round', async () => {
    const who = await actors(a, KHAI_SINH.agencyCodes[0]);
    const d = (await submitAs(a, { input: submitInput(KHAI_SINH) }, who.citizen)).data.submitDossier.dossier;

    const onB = await openSubscription(childUrl, clients, `subscription($c: String) { dossierStatusChanged(code: $c) { code status action } }`, { c: d.code });
    const onA = await a.subscribe(`subscription($g: String) { dossierStatusChanged(agencyCode: $g) { code status } }`, { g: KHAI_SINH.agencyCodes[0] }, who.reception);

    const r1 = await a.gql(TRANSITION, { input: { code: d.code, action: 'RECEIVE' } }, who.reception);
    expect(r1.errors).toBeUndefined();
    expect(await onB.next()).toEqual({ dossierStatusChanged: { code: d.code, status: 'PROCESSING', action: 'RECEIVE' } });
    expect(await onA.next()).toEqual({ dossierStatusChanged: { code: d.code, status: 'PROCESSING' } });

    // Through hub B this time: A's agency subscriber hears it.
    const res = await fetch(`${childUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${who.specialist}` },
      body: JSON.stringify({ query: TRANSITION, variables: { input: { code: d.code, action: 'SUBMIT_FOR_APPROVAL' } } }),
    });
    expect(((await res.json()) as any).errors).toBeUndefined();
    expect(await onA.next()).toEqual({ dossierStatusChanged: { code: d.code, status: 'AWAITING_APPROVAL' } });
    expect(await onB.next()).toEqual({ dossierStatusChanged: { code: d.code, status: 'AWAITING_APPROVAL', action: 'SUBMIT_FOR_APPROVAL' } });
    await onA.close();
    await onB.close();
  });
});
