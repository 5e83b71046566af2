import { startTestHub, type TestHub } from '../helpers/test-hub';
import { demoProcedures } from '../../src/seed/demo-data';
import { foldForSearch } from '../../src/domain/catalogue';

/**
 * The catalogue search that ranks (unaccent + pg_trgm, migration 20261130000001): the code or the
 * whole name first, then names starting with the text, then every-word matches; a typo only
 * when nothing matches by words. Runs on PostgreSQL (DATABASE_URL) and on the embedded PGlite.
 */
let t: TestHub;
beforeAll(async () => {
  t = await startTestHub();
});
afterAll(async () => {
  await t?.stop();
});

const SEARCH = `query($text: String, $first: Int) { procedures(filter: { text: $text }, first: $first) { totalCount edges { node { code name } } } }`;

async function search(text: string): Promise<{ total: number; names: string[]; codes: string[] }> {
  const r = await t.gql(SEARCH, { text, first: 100 });
  expect(r.errors).toBeUndefined();
  const edges = r.data.procedures.edges;
  return { total: r.data.procedures.totalCount, names: edges.map((e: any) => e.node.name), codes: edges.map((e: any) => e.node.code) };
}

/** The demo procedures whose name and code hold every word of `text` (the first tier's rule). */
const byWords = (text: string) => {
  const words = foldForSearch(text).split(' ');
  return demoProcedures.filter((p) => words.every((w) => foldForSearch(`${p.name} ${p.code}`).includes(w)));
};

describe('catalogue search', () => {
  it('folds names in the database as the hub folds them (search_fold = foldForSearch)', async () => {
    const names = demoProcedures.map((p) => p.name).concat(['Đăng Ký  KHAI SINH (mới)', 'Ưu đãi người có công; Ỷ ỹ Ữ ự ẵ ặ ẫ ậ ổ ộ ờ ợ']);
    const rows: { folded: string }[] = await t.orm.em.getConnection().execute(
      'select search_fold(n) as folded from json_array_elements_text(?::json) with ordinality as x(n, i) order by i',
      [JSON.stringify(names)],
    );
    expect(rows.map((r) => r.folded)).toEqual(names.map(foldForSearch));
  });

  it('ranks the whole name first, then names that start with the text, then the other matches', async () => {
    const r = await search('dang ky khai sinh');
    const expected = byWords('dang ky khai sinh');
    expect(r.total).toBe(expected.length);
    expect(r.names[0]).toBe('Đăng ký khai sinh');
    const starts = (n: string) => foldForSearch(n).startsWith('dang ky khai sinh');
    const firstOther = r.names.findIndex((n) => !starts(n));
    expect(firstOther).toBeGreaterThan(1); // at least one name that starts with the text after the exact one
    expect(r.names.slice(firstOther).every((n) => !starts(n))).toBe(true);
    expect(r.names).toContain('Đăng ký lại khai sinh');
    expect(r.names.indexOf('Đăng ký lại khai sinh')).toBeGreaterThanOrEqual(firstOther);
    // Within a tier, by code.
    const others = r.codes.slice(firstOther);
    expect(others).toEqual([...others].sort());
    // Case, diacritics and punctuation do not matter; nor does the order of the words (which then ranks by words only).
    expect((await search('ĐĂNG KÝ khai-sinh')).codes).toEqual(r.codes);
    expect((await search('khai sinh dang ky')).codes.sort()).toEqual([...r.codes].sort());
  });

  it('puts a prefix of a name and an exact code first', async () => {
    const prefix = await search('dang ky k');
    expect(prefix.total).toBe(byWords('dang ky k').length);
    const starts = prefix.names.map((n) => foldForSearch(n).startsWith('dang ky k'));
    expect(starts.indexOf(false)).toBeGreaterThan(0);
    expect(starts.slice(starts.indexOf(false)).some(Boolean)).toBe(false);
    const code = demoProcedures[5].code;
    expect((await search(code)).codes[0]).toBe(code);
  });

  it('tolerates a typo (khai sih finds Đăng ký khai sinh) without a flood', async () => {
    const r = await search('khai sih');
    expect(r.names[0]).toBe('Đăng ký khai sinh');
    expect(r.total).toBe(r.names.length);
    // Only names like the text: each holds "khai sinh" (not "khai tử", not "kết hôn").
    expect(r.total).toBeLessThanOrEqual(byWords('khai sinh').length);
    expect(r.names.every((n) => foldForSearch(n).includes('khai sinh'))).toBe(true);
    // Its pages follow the ranking too.
    const PAGE = `query($after: String) { procedures(filter: { text: "khai sih" }, first: 2, after: $after) { pageInfo { endCursor hasNextPage } edges { node { name } } } }`;
    const p1 = await t.gql(PAGE, {});
    const p2 = await t.gql(PAGE, { after: p1.data.procedures.pageInfo.endCursor });
    expect([...p1.data.procedures.edges, ...p2.data.procedures.edges].map((e: any) => e.node.name)).toEqual(r.names.slice(0, 4));
    const typo2 = await search('dang ky ket hno');
    expect(typo2.names[0]).toBe('Đăng ký kết hôn');
    expect(typo2.total).toBeLessThan(demoProcedures.length / 4);
  });

  it('keeps word matches alone when there are any, and finds nothing for a text like no name', async () => {
    // "khai" alone matches by words: the typo tier (which would add e.g. other "kh…" names) stays out.
    for (const text of ['khai', 'khai sinh', 'ket hon', 'giam ho']) {
      const r = await search(text);
      expect(r.codes.sort()).toEqual(byWords(text).map((p) => p.code).sort());
    }
    for (const text of ['qxz wvk', 'zzzzzz', 'xyz qwerty uiop']) {
      expect((await search(text)).total).toBe(0);
    }
  });
});
