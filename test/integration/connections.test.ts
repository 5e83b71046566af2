import { startTestHub, type TestHub } from '../helpers/test-hub';
import { actors, citizen, KHAI_SINH, submitInput, submitOk } from '../helpers/dossier-fixtures';
import { demoProcedures } from '../../src/seed/demo-data';

/**
 * Relay connections over HTTP: first/after forward, last/before backward over procedures,
 * dossiers and feedbacks, in each connection's one order; pageInfo on both ends; bad arguments.
 */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});

const PAGE_INFO = `pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
const queries = {
  procedures: `query($first: Int, $after: String, $last: Int, $before: String, $filter: ProcedureFilter) {
    c: procedures(first: $first, after: $after, last: $last, before: $before, filter: $filter) { totalCount ${PAGE_INFO} edges { cursor node { code } } } }`,
  dossiers: `query($first: Int, $after: String, $last: Int, $before: String) {
    c: dossiers(first: $first, after: $after, last: $last, before: $before) { totalCount ${PAGE_INFO} edges { cursor node { code } } } }`,
  feedbacks: `query($first: Int, $after: String, $last: Int, $before: String) {
    c: feedbacks(first: $first, after: $after, last: $last, before: $before) { totalCount ${PAGE_INFO} edges { cursor node { code } } } }`,
};
type Name = keyof typeof queries;

async function page(name: Name, vars: Record<string, unknown>, token?: string) {
  const r = await t.gql(queries[name], vars, token);
  expect(r.errors).toBeUndefined();
  return r.data.c as {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    edges: { cursor: string; node: { code: string } }[];
  };
}

/**
 * Pages the whole connection forward by `size` and backward by `size`; each walk must give the
 * list of one big page, in the same order, with pageInfo right on every page.
 */
async function walkBothWays(name: Name, size: number, token?: string, extra: Record<string, unknown> = {}) {
  const all = await page(name, { first: 100, ...extra }, token);
  const codes = all.edges.map((e) => e.node.code);
  expect(all.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  expect(codes.length).toBeGreaterThan(size * 2);

  const forward: string[] = [];
  let after: string | null = null;
  for (let i = 0; ; i++) {
    const p = await page(name, { first: size, after, ...extra }, token);
    expect(p.totalCount).toBe(codes.length);
    expect(p.pageInfo.hasPreviousPage).toBe(i > 0);
    expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor ?? null);
    expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? null);
    forward.push(...p.edges.map((e) => e.node.code));
    if (!p.pageInfo.hasNextPage) break;
    expect(p.edges).toHaveLength(size);
    after = p.pageInfo.endCursor;
  }
  expect(forward).toEqual(codes);

  const backward: string[] = [];
  let before: string | null = null;
  for (let i = 0; ; i++) {
    const p = await page(name, { last: size, before, ...extra }, token);
    expect(p.pageInfo.hasNextPage).toBe(i > 0);
    expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor ?? null);
    backward.unshift(...p.edges.map((e) => e.node.code));
    if (!p.pageInfo.hasPreviousPage) break;
    expect(p.edges).toHaveLength(size);
    before = p.pageInfo.startCursor;
  }
  expect(backward).toEqual(codes);

  // The last page read backward is the end of the list; a page between two cursors holds what lies between.
  const tail = await page(name, { last: size, ...extra }, token);
  expect(tail.edges.map((e) => e.node.code)).toEqual(codes.slice(-size));
  const between = await page(name, { first: 100, after: all.edges[1].cursor, before: all.edges[5].cursor, ...extra }, token);
  expect(between.edges.map((e) => e.node.code)).toEqual(codes.slice(2, 5));
  const lastBetween = await page(name, { last: 2, after: all.edges[1].cursor, before: all.edges[5].cursor, ...extra }, token);
  expect(lastBetween.edges.map((e) => e.node.code)).toEqual(codes.slice(3, 5));
  expect(lastBetween.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  return codes;
}

describe('Relay connections', () => {
  it('procedures: forward and backward in code order, with and without a filter', async () => {
    const codes = await walkBothWays('procedures', 4);
    expect(codes).toEqual(demoProcedures.map((p) => p.code).sort());
    await walkBothWays('procedures', 2, undefined, { filter: { text: 'dang ky' } });
  });

  it('dossiers and feedbacks: forward and backward, newest first', async () => {
    const agency = KHAI_SINH.agencyCodes[0];
    const a = await actors(t, agency);
    const base = Date.parse('2026-12-07T08:00:00+07:00');
    for (let i = 0; i < 9; i++) {
      // Two at the same instant: the code breaks the tie.
      t.setNow(new Date(base + Math.floor(i / 2) * 60_000));
      await submitOk(t, a.citizen, submitInput(KHAI_SINH, { key: `conn-${i}` }));
      const f = await t.gql(`mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { feedback { code } } }`, {
        input: {
          title: `Góp ý số ${i}`,
          content: 'Nội dung góp ý về thủ tục khai sinh.',
          agencyCode: agency,
          contact: { fullName: citizen().fullName, phone: '0912345678' },
          isPublic: false,
        },
      });
      expect(f.errors).toBeUndefined();
    }
    t.setNow(null);
    const dossiers = await walkBothWays('dossiers', 2, a.reception);
    expect(dossiers).toHaveLength(9);
    const admin = await t.token({ roles: ['ADMIN'] });
    const feedbacks = await walkBothWays('feedbacks', 3, admin);
    expect(feedbacks).toHaveLength(9);
    // newest first
    expect([...feedbacks].sort().reverse()).toEqual(feedbacks);
  });

  it('refuses first with last, pages past PAGE_MAX and foreign cursors with BAD_USER_INPUT', async () => {
    const staff = await t.token({ roles: ['RECEPTION_OFFICER'], agencies: [KHAI_SINH.agencyCodes[0]] });
    for (const name of Object.keys(queries) as Name[]) {
      const token = name === 'dossiers' ? staff : await t.token({ roles: ['ADMIN'] });
      const both = await t.gql(queries[name], { first: 2, last: 2 }, token);
      expect(both.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
      const big = await t.gql(queries[name], { last: 5000 }, token);
      expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
      const negative = await t.gql(queries[name], { last: -1 }, token);
      expect(negative.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'last' });
      const foreign = await t.gql(queries[name], { last: 2, before: 'bm90LWEtY3Vyc29y' }, token);
      expect(foreign.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'before' });
      const zero = await t.gql(queries[name], { last: 0 }, token);
      expect(zero.errors).toBeUndefined();
      expect(zero.data.c.edges).toEqual([]);
    }
    // A cursor of a plain page is no cursor of a ranked search.
    const plain = await page('procedures', { first: 1 });
    const r = await t.gql(queries.procedures, { first: 1, after: plain.pageInfo.endCursor, filter: { text: 'khai sinh' } });
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
