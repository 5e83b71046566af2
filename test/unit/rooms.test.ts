import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The rooms of src/ (shared/architecture.md): every SQL statement lives in src/stores/ (or
 * src/db/, or a migration), written with named values; nothing else talks to the database.
 */
const SRC = join(__dirname, '../../src');
const ALLOWED = [/^stores\//, /^db\//];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** String and template literals of a file, comments removed first. */
function literals(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:\\])\/\/.*$/gm, '$1');
  return code.match(/`(?:\\[\s\S]|[^`\\])*`|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"/g) ?? [];
}

const SQL_STATEMENT = /\b(select\s[\s\S]*?\bfrom\b|insert\s+into\b|update\s+[a-z_]+\s+set\b|delete\s+from\b|on\s+conflict\b)/i;
const DATABASE_API = /\b(em\.(find|findOne|count|persist|flush|nativeUpdate|nativeDelete)\b|createQueryBuilder\(|getKnex\(|getConnection\(\)\.execute)/;

describe('rooms', () => {
  it('no SQL text and no database API outside src/stores and src/db', () => {
    const offenders: string[] = [];
    for (const f of files(SRC)) {
      const rel = relative(SRC, f).split('\\').join('/');
      if (ALLOWED.some((re) => re.test(rel))) continue;
      const text = readFileSync(f, 'utf8');
      const sqlLiteral = literals(text).find((l) => SQL_STATEMENT.test(l));
      if (sqlLiteral) offenders.push(`${rel}: SQL ${sqlLiteral.slice(0, 60).replace(/\s+/g, ' ')}…`);
      const api = DATABASE_API.exec(text);
      if (api) offenders.push(`${rel}: ${api[0]}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the check sees SQL in a literal and a database call (it can fail)', () => {
    expect(literals('const q = `select id from dossier where code = ?`;').some((l) => SQL_STATEMENT.test(l))).toBe(true);
    expect(literals('// select a from b\nconst x = 1;').some((l) => SQL_STATEMENT.test(l))).toBe(false);
    expect(DATABASE_API.test('await em.findOne(Dossier, { code })')).toBe(true);
  });
});
