import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { languageOf } from '../../src/http/language';
import { CLIENT_TEXT } from '../../src/http/format-error';
import { DomainError, msg } from '../../src/domain/errors';

/**
 * Issue 11, "Vietnamese first": every message a client can see is a msg(vi, en) pair. This test
 * reads every msg( call in src and checks that both texts are there, that the Vietnamese one is
 * Vietnamese (diacritics) and not a copy of the English; and that no DomainError is built from a
 * bare string in src.
 */
const SRC = join(__dirname, '../../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });

/** The text of a string or template literal (a template's expressions as «…»), or null for anything else. */
function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((s) => `«…»${s.literal.text}`).join('');
  return null;
}

interface Call {
  where: string;
  vi: string | null;
  en: string | null;
}

const msgCalls: Call[] = [];
const bareStrings: string[] = [];
for (const file of files(SRC)) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const where = (n: ts.Node) => `${relative(SRC, file)}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'msg') {
      msgCalls.push({ where: where(n), vi: n.arguments[0] ? literalText(n.arguments[0]) : null, en: n.arguments[1] ? literalText(n.arguments[1]) : null });
    }
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression)) {
      const at = { DomainError: 1, DossierRuleError: 2, FeedbackRuleError: 2 }[n.expression.text];
      const arg = at === undefined ? undefined : n.arguments?.[at];
      if (arg && literalText(arg) !== null) bareStrings.push(`${where(n)}: new ${n.expression.text}(…, ${arg.getText()})`);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
}

/** Letters only Vietnamese writes (and đ), or the combining marks of a decomposed text. */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

describe('every message a client can see is written in Vietnamese and English', () => {
  it('finds the messages (about 150 pairs)', () => {
    expect(msgCalls.length).toBeGreaterThan(140);
  });

  it('each msg(vi, en) has both texts, literal and non-empty; the Vietnamese is Vietnamese and not the English', () => {
    const bad = msgCalls.filter((c) => !c.vi?.trim() || !c.en?.trim() || !VIETNAMESE.test(c.vi) || c.vi === c.en);
    expect(bad).toEqual([]);
  });

  it('no DomainError or rule error in src is built from a bare string', () => {
    expect(bareStrings).toEqual([]);
  });

  it('the hub’s own texts (HTTP bodies, internal error, limits) are pairs too', () => {
    const texts = Object.values(CLIENT_TEXT).map((t) => (typeof t === 'function' ? t('GET', '/x') : t));
    for (const t of texts) {
      expect(t.vi.trim()).not.toBe('');
      expect(t.en.trim()).not.toBe('');
      expect(t.vi).toMatch(VIETNAMESE);
    }
  });

  it('a DomainError speaks English in logs (message) and either language to a client (messageIn)', () => {
    const e = new DomainError('NOT_FOUND', msg('Không tìm thấy hồ sơ 000.00.15.H22-261123-0007', 'Dossier 000.00.15.H22-261123-0007 not found'));
    expect(e.message).toBe('Dossier 000.00.15.H22-261123-0007 not found');
    expect(e.messageIn('vi')).toBe('Không tìm thấy hồ sơ 000.00.15.H22-261123-0007');
    expect(e.messageIn('en')).toBe(e.message);
  });
});

describe('the language of a request (Accept-Language)', () => {
  it.each([
    [undefined, 'vi'],
    ['', 'vi'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN-gb;q=0.8', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7', 'vi'],
    ['en;q=0.5,vi;q=0.9', 'vi'],
    ['vi;q=0.3,en;q=0.4', 'en'],
    ['fr-FR,fr;q=0.9', 'vi'],
    ['fr-FR,en;q=0.5', 'en'],
    ['en;q=0', 'vi'],
    ['*', 'vi'],
    [['en-US', 'vi;q=0.1'], 'en'],
  ] as const)('%j → %s', (header, lang) => {
    expect(languageOf(header as string | string[] | undefined)).toBe(lang);
  });
});
