import { startTestHub, type TestHub } from '../helpers/test-hub';
import { demoAgencies, demoProcedures } from '../../src/seed/demo-data';

const CATALOGUE_QUERY = /* GraphQL */ `
  query Catalogue($first: Int, $after: String, $filter: ProcedureFilter) {
    procedures(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id code name level serviceLevel processingWorkingDays channels steps targetSubjects
          resultDescription requirements location publishedAt updatedAt
          sector { code name }
          agencies { id code name level parent { code } }
          fees { kind amount description }
          components { code name required copies templateUrl }
          legalBases { number title issuedOn }
        }
      }
    }
  }
`;

let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});

describe('catalogue over HTTP', () => {
  it('pages through every procedure with cursors, nothing repeated or lost', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let i = 0; i < 20; i++) {
      const r: any = await t.gql(CATALOGUE_QUERY, { first: 7, after });
      expect(r.errors).toBeUndefined();
      const c = r.data.procedures;
      total = c.totalCount;
      seen.push(...c.edges.map((e: any) => e.node.code));
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(total).toBe(demoProcedures.length);
    expect(seen).toHaveLength(demoProcedures.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(demoProcedures.map((p) => p.code).sort());
  });

  it('returns every published field of a procedure', async () => {
    const demo = demoProcedures.find((p) => p.fees.length > 0 && p.components.length > 1)!;
    const r = await t.gql(
      `query($code: String!) { procedure(code: $code) { code name level serviceLevel channels steps processingWorkingDays
         targetSubjects resultDescription requirements location publishedAt
         sector { code } agencies { code } fees { kind amount } components { code required } legalBases { number issuedOn } } }`,
      { code: demo.code },
    );
    expect(r.errors).toBeUndefined();
    const p = r.data.procedure;
    expect(p).toMatchObject({
      code: demo.code,
      name: demo.name,
      level: demo.level,
      serviceLevel: demo.serviceLevel,
      channels: demo.channels,
      steps: demo.steps,
      processingWorkingDays: demo.processingWorkingDays,
      targetSubjects: demo.targetSubjects,
      resultDescription: demo.resultDescription,
      sector: { code: demo.sectorCode },
    });
    expect(p.agencies.map((a: any) => a.code).sort()).toEqual([...demo.agencyCodes].sort());
    expect(p.fees).toEqual(demo.fees.map((f) => ({ kind: f.kind, amount: f.amount })));
    expect(p.components.map((c: any) => c.code)).toEqual(demo.components.map((c) => c.code));
    expect(p.legalBases.map((l: any) => l.number)).toEqual(demo.legalBases.map((l) => l.number));
  });

  it('finds procedures case- and diacritic-insensitively', async () => {
    for (const text of ['dang ky khai sinh', 'Khai Sinh', 'ĐĂNG KÝ   khai SINH', 'dang ky khai sinh ']) {
      const r = await t.gql(CATALOGUE_QUERY, { filter: { text }, first: 50 });
      expect(r.errors).toBeUndefined();
      const names = r.data.procedures.edges.map((e: any) => e.node.name);
      expect(names).toContain('Đăng ký khai sinh');
      expect(r.data.procedures.totalCount).toBe(names.length);
    }
    const byCode = demoProcedures[3].code;
    const r = await t.gql(CATALOGUE_QUERY, { filter: { text: byCode } });
    expect(r.data.procedures.edges.map((e: any) => e.node.code)).toEqual([byCode]);
    // % and _ are no LIKE wildcards: they fold to spaces like any punctuation (and a text that
    // is like no name finds nothing, not even by the typo tier).
    const none = await t.gql(CATALOGUE_QUERY, { filter: { text: 'qxz%wvk_jyq' } });
    expect(none.errors).toBeUndefined();
    expect(none.data.procedures.totalCount).toBe(0);
    const wild = await t.gql(CATALOGUE_QUERY, { filter: { text: 'khai%sinh_xyz' } });
    const spaced = await t.gql(CATALOGUE_QUERY, { filter: { text: 'khai sinh xyz' } });
    expect(wild.errors).toBeUndefined();
    expect(wild.data.procedures.edges.map((e: any) => e.node.code)).toEqual(spaced.data.procedures.edges.map((e: any) => e.node.code));
    const words = await t.gql(CATALOGUE_QUERY, { filter: { text: 'khai sinh dang ky' } });
    expect(words.data.procedures.edges.map((e: any) => e.node.name)).toContain('Đăng ký khai sinh');
  });

  it('filters by sector, agency, level and service level', async () => {
    const demo = demoProcedures.find((p) => p.level === 'COMMUNE')!;
    const filters = [
      { filter: { sectorCode: demo.sectorCode }, expected: demoProcedures.filter((p) => p.sectorCode === demo.sectorCode) },
      { filter: { agencyCode: demo.agencyCodes[0] }, expected: demoProcedures.filter((p) => p.agencyCodes.includes(demo.agencyCodes[0])) },
      { filter: { level: 'DISTRICT' }, expected: demoProcedures.filter((p) => p.level === 'DISTRICT') },
      { filter: { serviceLevel: 'FULL_ONLINE', level: 'COMMUNE' }, expected: demoProcedures.filter((p) => p.serviceLevel === 'FULL_ONLINE' && p.level === 'COMMUNE') },
    ];
    for (const { filter, expected } of filters) {
      const r = await t.gql(CATALOGUE_QUERY, { filter, first: 100 });
      expect(r.errors).toBeUndefined();
      expect(r.data.procedures.edges.map((e: any) => e.node.code).sort()).toEqual(expected.map((p) => p.code).sort());
      expect(r.data.procedures.totalCount).toBe(expected.length);
    }
  });

  it('lists agencies by level and parent, with parents', async () => {
    const r = await t.gql(`{ agencies { code level parent { code } } }`);
    expect(r.data.agencies).toHaveLength(demoAgencies.length);
    const child = demoAgencies.find((a) => a.level === 'COMMUNE')!;
    const byParent = await t.gql(`query($p: String) { agencies(parentCode: $p) { code parent { code } } }`, { p: child.parentCode });
    const expected = demoAgencies.filter((a) => a.parentCode === child.parentCode).map((a) => a.code).sort();
    expect(byParent.data.agencies.map((a: any) => a.code).sort()).toEqual(expected);
    expect(byParent.data.agencies.every((a: any) => a.parent.code === child.parentCode)).toBe(true);
    const communes = await t.gql(`{ agencies(level: COMMUNE) { level } }`);
    expect(communes.data.agencies.length).toBe(demoAgencies.filter((a) => a.level === 'COMMUNE').length);
  });

  it('resolves node(id) for procedures and agencies, null for unknown ids', async () => {
    const r = await t.gql(`{ procedures(first: 1) { edges { node { id code agencies { id code } } } } }`);
    const p = r.data.procedures.edges[0].node;
    const n = await t.gql(
      `query($a: ID!, $b: ID!) { a: node(id: $a) { __typename id ... on Procedure { code } } b: node(id: $b) { __typename ... on Agency { code } } }`,
      { a: p.id, b: p.agencies[0].id },
    );
    expect(n.errors).toBeUndefined();
    expect(n.data.a).toEqual({ __typename: 'Procedure', id: p.id, code: p.code });
    expect(n.data.b).toEqual({ __typename: 'Agency', code: p.agencies[0].code });
    const bad = await t.gql(`{ x: node(id: "nonsense") { id } y: node(id: "UHJvY2VkdXJlOjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA") { id } }`);
    expect(bad.errors).toBeUndefined();
    expect(bad.data).toEqual({ x: null, y: null });
  });

  it('loads relations in a fixed number of SQL statements whatever the page size', async () => {
    // Commune procedures: every agency on them has a parent, so every loader runs on every page.
    const communeProcedures = demoProcedures.filter((p) => p.level === 'COMMUNE').length;
    expect(communeProcedures).toBeGreaterThanOrEqual(5);
    const counts: number[] = [];
    for (const first of [1, 5, communeProcedures]) {
      t.sql.length = 0;
      const r = await t.gql(CATALOGUE_QUERY, { first, filter: { level: 'COMMUNE' } });
      expect(r.errors).toBeUndefined();
      expect(r.data.procedures.edges).toHaveLength(first);
      counts.push(t.sql.length);
    }
    expect(counts[0]).toBe(counts[2]);
    expect(counts[1]).toBe(counts[2]);
    // page with sectors and total, agencies, agency parents
    expect(counts[2]).toBe(3);
  });

  it('answers a narrow selection (through fragments) with the same values as the full one', async () => {
    // The page statement reads only the columns the selection needs, and agencies only the
    // properties asked for: every field must still come back right however it is selected.
    const full = await t.gql(CATALOGUE_QUERY, { first: 30 });
    expect(full.errors).toBeUndefined();
    const narrow = await t.gql(
      `fragment P on Procedure { code ... on Procedure { legalBases { number } } agencies { ...A } }
       fragment A on Agency { code oneStopPhone parent { code } }
       query($first: Int) { procedures(first: $first) { edges { node { ...P updatedAt ... on Procedure { fees { amount } } } } } }`,
      { first: 30 },
    );
    expect(narrow.errors).toBeUndefined();
    const agencyPhones = new Map(demoAgencies.map((a) => [a.code, a.oneStopPhone ?? null]));
    const expected = full.data.procedures.edges.map((e: any) => ({
      code: e.node.code,
      legalBases: e.node.legalBases.map((l: any) => ({ number: l.number })),
      agencies: e.node.agencies.map((a: any) => ({ code: a.code, oneStopPhone: agencyPhones.get(a.code), parent: a.parent })),
      updatedAt: e.node.updatedAt,
      fees: e.node.fees.map((f: any) => ({ amount: f.amount })),
    }));
    expect(narrow.data.procedures.edges.map((e: any) => e.node)).toEqual(expected);
    const ids = await t.gql(`{ procedures(first: 3) { totalCount edges { node { id } } } }`);
    expect(ids.data.procedures.totalCount).toBe(demoProcedures.length);
    expect(ids.data.procedures.edges.map((e: any) => e.node.id)).toEqual(full.data.procedures.edges.slice(0, 3).map((e: any) => e.node.id));
  });

  it('rejects a page larger than the limit and a foreign cursor with BAD_USER_INPUT', async () => {
    const big = await t.gql(CATALOGUE_QUERY, { first: 5000 });
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const cur = await t.gql(CATALOGUE_QUERY, { after: 'bm90LWEtY3Vyc29y' });
    expect(cur.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('upsertProcedure', () => {
  const input = () => ({
    code: '9.999001.000.00.00.H22',
    name: 'Cấp giấy xác nhận thử nghiệm',
    sectorCode: 'TEST',
    sectorName: 'Lĩnh vực thử nghiệm',
    level: 'PROVINCE',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: [demoAgencies.find((a) => a.level === 'PROVINCE')!.code],
    steps: ['Nộp hồ sơ', 'Trả kết quả'],
    channels: ['COUNTER', 'ONLINE'],
    components: [{ code: 'TK', name: 'Tờ khai', required: true, copies: 1 }],
    processingWorkingDays: 3,
    targetSubjects: ['Công dân Việt Nam'],
    resultDescription: 'Giấy xác nhận',
    fees: [{ kind: 'FEE', amount: 50000, description: 'Phí thẩm định' }],
    legalBases: [{ number: '01/2026/TT-TEST', title: 'Thông tư thử nghiệm', issuedOn: '2026-01-15' }],
    publishedAt: '2026-02-01',
  });
  const UPSERT = `mutation($input: ProcedureInput!) { upsertProcedure(input: $input) { procedure { id code name fees { amount } components { code } sector { name } updatedAt } } }`;

  it('needs a token (UNAUTHENTICATED) and the ADMIN role (FORBIDDEN)', async () => {
    const anon = await t.gql(UPSERT, { input: input() });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const bad = await t.gql(UPSERT, { input: input() }, 'not.a.token');
    expect(bad.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const citizen = await t.token({ roles: ['CITIZEN'], idn: '022090001234' });
    const r = await t.gql(UPSERT, { input: input() }, citizen);
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(`query($c: String!) { procedure(code: $c) { code } }`, { c: input().code })).data.procedure).toBeNull();
  });

  it('creates, then updates, and the search finds it', async () => {
    const admin = await t.token({ roles: ['ADMIN'] });
    const created = await t.gql(UPSERT, { input: input() }, admin);
    expect(created.errors).toBeUndefined();
    expect(created.data.upsertProcedure.procedure).toMatchObject({ code: input().code, fees: [{ amount: 50000 }], components: [{ code: 'TK' }] });
    const updated = await t.gql(
      UPSERT,
      { input: { ...input(), name: 'Cấp giấy xác nhận thử nghiệm (sửa đổi)', fees: [], components: [{ code: 'A', name: 'A', required: false }, { code: 'B', name: 'B', required: true }] } },
      admin,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data.upsertProcedure.procedure).toMatchObject({ id: created.data.upsertProcedure.procedure.id, fees: [], components: [{ code: 'A' }, { code: 'B' }] });
    const found = await t.gql(CATALOGUE_QUERY, { filter: { text: 'xac nhan thu nghiem sua doi' } });
    expect(found.data.procedures.edges.map((e: any) => e.node.code)).toEqual([input().code]);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and changes nothing', async () => {
    const admin = await t.token({ roles: ['ADMIN'] });
    const cases: [Record<string, unknown>, string][] = [
      [{ agencyCodes: ['000.00.99.XXX'] }, 'agencyCodes'],
      [{ agencyCodes: [] }, 'agencyCodes'],
      [{ channels: [] }, 'channels'],
      [{ processingWorkingDays: -1 }, 'processingWorkingDays'],
      [{ fees: [{ kind: 'FEE', amount: -5 }] }, 'fees'],
      [{ name: '  ' }, 'name'],
      [{ components: [{ code: 'X', name: 'x', required: true }, { code: 'X', name: 'y', required: true }] }, 'components'],
    ];
    for (const [patch, field] of cases) {
      const r = await t.gql(UPSERT, { input: { ...input(), code: '9.999002.000.00.00.H22', ...patch } }, admin);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const r = await t.gql(UPSERT, { input: { ...input(), publishedAt: '2026-02-30' } }, admin);
    expect(r.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await t.gql(`{ procedure(code: "9.999002.000.00.00.H22") { code } }`)).data.procedure).toBeNull();
  });
});

describe('viewer and errors', () => {
  it('me: null when anonymous, the claims with a token, UNAUTHENTICATED with a bad one', async () => {
    expect((await t.gql(`{ me { subject } }`)).data).toEqual({ me: null });
    const tok = await t.token({ sub: 'officer-7', roles: ['RECEPTION_OFFICER'], agencies: ['000.00.15.H22'] });
    expect((await t.gql(`{ me { subject roles agencyCodes identityNumber } }`, {}, tok)).data.me).toEqual({
      subject: 'officer-7', roles: ['RECEPTION_OFFICER'], agencyCodes: ['000.00.15.H22'], identityNumber: null,
    });
    const forged = tok.slice(0, -4) + (tok.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const r = await t.gql(`{ me { subject } }`, {}, forged);
    expect(r.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses over-deep, over-aliased and over-long queries with QUERY_TOO_COMPLEX', async () => {
    const deep = `{ agencies { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } }`;
    const r1 = await t.gql(deep);
    expect(r1.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const aliases = `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: me { subject }`).join(' ')} }`;
    const r2 = await t.gql(aliases);
    expect(r2.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(r2.data).toBeUndefined();
  });

  it('gives graphql validation errors without stack traces and no field suggestions', async () => {
    const r = await t.gql(`{ procedurs { totalCount } }`);
    expect(r.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(r.errors)).not.toMatch(/Did you mean|stacktrace/);
  });

  it('serves /healthz and /readyz', async () => {
    const h = await fetch(`${t.hub.url}/healthz`);
    expect(h.status).toBe(200);
    const ready = await fetch(`${t.hub.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });
});
