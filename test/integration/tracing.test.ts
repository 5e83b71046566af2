import { withUploads } from '../helpers/uploads';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { initTracing, shutdownTracing } from '../../src/http/tracing';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actors, KHAI_SINH, submitInput, submitOk } from '../helpers/dossier-fixtures';

jest.setTimeout(60_000);

describe('traces (OpenTelemetry, in-memory exporter)', () => {
  const exporter = new InMemorySpanExporter();
  let t: TestHub;
  beforeAll(async () => {
    initTracing({ OTEL_EXPORTER_OTLP_ENDPOINT: undefined, OTEL_SERVICE_NAME: 'dvc-hub-test' }, { exporter });
    t = await startTestHub();
  });
  afterAll(async () => {
    await t.stop();
    await shutdownTracing();
  });

  it('makes a span per GraphQL operation, and a child span per connector call', async () => {
    const res = await fetch(`${t.hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'trace-1' }, body: JSON.stringify({ query: 'query Agencies { agencies { code } }' }) });
    await res.json();
    const a = await actors(t, KHAI_SINH.agencyCodes[0]!);
    const input = await withUploads(t, a.citizen, submitInput(KHAI_SINH)); // the papers are uploaded first
    exporter.reset();
    await submitOk(t, a.citizen, input); // checks the citizen with the population database
    await new Promise((r) => setTimeout(r, 100));
    const spans = exporter.getFinishedSpans();
    const op = spans.find((s) => s.name === 'mutation (anonymous)');
    expect(op).toBeDefined();
    expect(op!.attributes['graphql.operation.type']).toBe('mutation');
    expect(op!.attributes['enduser.id']).toMatch(/^citizen-/);
    const call = spans.find((s) => s.name.startsWith('population POST'));
    expect(call).toBeDefined();
    expect(call!.spanContext().traceId).toBe(op!.spanContext().traceId);
    expect(call!.parentSpanContext?.spanId).toBe(op!.spanContext().spanId);
    expect(call!.attributes['peer.service']).toBe('population');
  });

  it('names the span after the operation and keeps the request id', async () => {
    exporter.reset();
    await (await fetch(`${t.hub.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'trace-2' }, body: JSON.stringify({ query: 'query Agencies { agencies { code } }' }) })).json();
    await new Promise((r) => setTimeout(r, 50));
    const op = exporter.getFinishedSpans().find((s) => s.name === 'query Agencies');
    expect(op).toBeDefined();
    expect(op!.attributes).toMatchObject({ 'graphql.operation.name': 'Agencies', 'dvc.request_id': 'trace-2', 'http.response.status_code': 200 });
  });
});
