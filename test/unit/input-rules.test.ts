import { getNamedType, isInputObjectType, isObjectType, Kind, parseValue, type GraphQLFieldResolver, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import {
  INPUT_RULES,
  isDateInRange,
  isInstantInRange,
  JSON_LIMITS,
  jsonProblem,
  MAX_LIST_ITEMS,
  ruleFor,
  RULES,
  stringProblem,
  type StringRule,
} from '../../src/domain/input-rules';
import { DateScalar, DateTimeScalar, JSONScalar } from '../../src/schema/scalars';
import { buildHubSchema, inputRuleOptions } from '../../src/schema/build';
import { demoAgencies, demoProcedures, demoSectors } from '../../src/seed/demo-data';
import { demoCitizens } from '../../src/seed/demo-citizens';
import { demoSubmission } from '../../src/seed/demo-submission';
import { DomainError } from '../../src/errors';

const PROD = { allowHttp: false };
const DEV = { allowHttp: true };
const reason = (rule: StringRule, s: string, o = PROD) => stringProblem(rule, s, o)?.reason ?? null;

describe('string rules: characters and length', () => {
  const every = Object.entries(RULES) as [string, StringRule][];

  it.each(every)('%s refuses NUL, other control characters and lone surrogates', (_name, rule) => {
    for (const s of ['\u0000', 'a\u0000b', 'a\u0001', 'x\u001b[31m', 'a\u007f', 'a\u0085']) expect(reason(rule, s)).toBe('CONTROL_CHARACTER');
    for (const s of ['\ud800', 'a\ud83db', '\udc00', 'x\ude00']) expect(reason(rule, s)).toBe('LONE_SURROGATE');
  });

  it.each(every)('%s allows exactly its maximum length', (_name, rule) => {
    expect(reason(rule, 'x'.repeat(rule.max + 1))).toBe('TOO_LONG');
    const long = 'x'.repeat(rule.max);
    expect(reason(rule, long)).not.toBe('TOO_LONG');
  });

  it('free text keeps line breaks, tabs and <; one-line fields do not', () => {
    expect(reason(RULES.note, 'Thiếu giấy tờ:\n- bản sao\r\n\tđủ < 3 bản')).toBeNull();
    expect(reason(RULES.letter, '<p>Kính gửi</p>')).toBeNull();
    expect(reason(RULES.default, 'dòng 1\ndòng 2')).toBeNull();
    expect(reason(RULES.personName, 'Nguyễn\nVăn An')).toBe('CONTROL_CHARACTER');
    expect(reason(RULES.label, 'a\tb')).toBe('CONTROL_CHARACTER');
  });

  it('names, addresses, phones, e-mails and document numbers refuse < and >', () => {
    for (const rule of [RULES.personName, RULES.address, RULES.phone, RULES.email, RULES.documentNumber, RULES.fileName, RULES.identityNumber]) {
      expect(reason(rule, '<script>alert(1)</script>')).toBe(rule.max < 25 ? 'TOO_LONG' : 'ANGLE_BRACKET');
      expect(reason(rule, 'a>b')).toBe('ANGLE_BRACKET');
    }
  });

  it('accepts Vietnamese text, emoji (surrogate pairs) and the empty string', () => {
    expect(reason(RULES.personName, 'Nguyễn Thị Ngọc Ánh')).toBeNull();
    expect(reason(RULES.personName, 'Nguyễn Thị Ngọc Ánh'.normalize('NFD'))).toBeNull();
    expect(reason(RULES.note, 'Cảm ơn 👍🏽')).toBeNull();
    for (const rule of Object.values(RULES)) expect(reason(rule, '')).toBeNull();
  });
});

describe('string rules: formats', () => {
  it.each([
    ['phone', RULES.phone, ['0912345678', '+84 912 345 678', '02193866012', '0219.3866.012'], ['abc', '12', '1e309', '-99999999999999999999', '0912345678 ext 1']],
    ['email', RULES.email, ['an@example.vn', 'nguyen.van.an+pakn@ha-giang.gov.vn'], ['an@', 'an.example.vn', 'a b@x.vn', 'a@b', '"a"@x.vn']],
    ['identityNumber', RULES.identityNumber, ['002085816844', '0101234567', '0101234567-001', '000.00.15.H22', '12345'], ['-1', '12 34', '0123456789-', 'x'.repeat(21), '002085816844!']],
    ['agencyCode', RULES.agencyCode, ['000.00.15.H22', ' 000.00.15.H22 ', 'G22'], ['000 00', 'a;b', 'x'.repeat(41)]],
    ['procedureCode', RULES.procedureCode, ['1.001193.000.00.00.H22'], ['1.001193 000', 'x'.repeat(61)]],
    ['dossierCode', RULES.dossierCode, ['000.00.15.H22-261123-0007'], ['000.00.15.H22-261123-0007;', 'a/b']],
    ['sha256', RULES.sha256, ['a'.repeat(64), 'ABCDEF0123456789'.repeat(4)], ['a'.repeat(63), 'g'.repeat(64)]],
    ['mimeType', RULES.mimeType, ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'], ['pdf', 'text/html; charset=utf-8']],
    ['postalTrackingNumber', RULES.postalTrackingNumber, ['EB123456789VN'], ['EB 123', 'EB<1>']],
    ['cursor', RULES.cursor, ['YzpIVA', 'YzpIVA=='], ['not a cursor', 'a+b/c']],
  ] as const)('%s', (_name, rule, good, bad) => {
    for (const s of good) expect([s, reason(rule, s)]).toEqual([s, null]);
    for (const s of bad) expect([s, reason(rule, s)]).toEqual([s, expect.stringMatching(/FORMAT|TOO_LONG|ANGLE_BRACKET/)]);
  });

  it('URLs: https only in production, http too in development and test; never javascript:, data: or credentials', () => {
    expect(reason(RULES.url, 'https://files.example.gov.vn/kq/125.pdf')).toBeNull();
    expect(reason(RULES.url, 'http://files.example.gov.vn/kq/125.pdf')).toBe('FORMAT');
    expect(reason(RULES.url, 'http://127.0.0.1:4103/receipt/1', DEV)).toBeNull();
    for (const s of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://x.vn/a', '//evil.example/x', 'https://', 'https://user:pw@x.vn/', 'https://x.vn/a b', 'files.example.gov.vn/x.pdf']) {
      expect([s, reason(RULES.url, s, DEV)]).toEqual([s, 'FORMAT']);
    }
  });

  it('template URLs may also be a path on the portal', () => {
    expect(reason(RULES.templateUrl, '/mau-don/to-khai-khai-sinh.docx')).toBeNull();
    expect(reason(RULES.templateUrl, 'https://dichvucong.gov.vn/mau/tk.doc')).toBeNull();
    for (const s of ['//evil.example/x', '/\\evil', 'javascript:alert(1)', 'mau-don/x.doc']) expect([s, reason(RULES.templateUrl, s)]).toEqual([s, 'FORMAT']);
  });

  it('NODE_ENV decides http:', () => {
    expect(inputRuleOptions('production')).toEqual({ allowHttp: false });
    expect(inputRuleOptions('test')).toEqual({ allowHttp: true });
    expect(inputRuleOptions('development')).toEqual({ allowHttp: true });
    expect(inputRuleOptions(undefined)).toEqual({ allowHttp: true }); // as src/config.ts: unset is development
  });
});

describe('JSON, dates and instants', () => {
  const nest = (n: number, inner: unknown = 1) => {
    let v: unknown = inner;
    for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
    return v;
  };

  it('refuses JSON nested 50,000 deep quickly and without running out of stack', () => {
    const started = Date.now();
    expect(jsonProblem(nest(50_000))?.reason).toBe('TOO_DEEP');
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('allows exactly the depth limit', () => {
    expect(jsonProblem(nest(JSON_LIMITS.maxDepth))).toBeNull();
    expect(jsonProblem(nest(JSON_LIMITS.maxDepth + 1))?.reason).toBe('TOO_DEEP');
  });

  it('refuses NUL and lone surrogates in strings and keys, and values past the size limit', () => {
    expect(jsonProblem({ a: ['x\u0000'] })?.reason).toBe('CONTROL_CHARACTER');
    expect(jsonProblem({ ['k\u0000']: 1 })?.reason).toBe('CONTROL_CHARACTER');
    expect(jsonProblem({ a: '\ud800' })?.reason).toBe('LONE_SURROGATE');
    expect(jsonProblem({ a: 'x'.repeat(JSON_LIMITS.maxChars) })?.reason).toBe('TOO_LARGE');
    expect(jsonProblem(Array.from({ length: 20_000 }, () => 1))?.reason).toBe('TOO_LARGE');
    expect(jsonProblem({ hoTen: 'Nguyễn Văn An', con: [{ ten: 'Bé', ngaySinh: '2026-11-20' }], ghiChu: '<b>\n', soCon: 1, ok: true, x: null })).toBeNull();
  });

  it('keeps instants and dates within 1900-01-01 … 2100-12-31', () => {
    expect(isInstantInRange(new Date('1900-01-01T00:00:00Z'))).toBe(true);
    expect(isInstantInRange(new Date('2100-12-31T23:59:59.999Z'))).toBe(true);
    expect(isInstantInRange(new Date('1899-12-31T23:59:59.999Z'))).toBe(false);
    expect(isInstantInRange(new Date('2101-01-01T00:00:00Z'))).toBe(false);
    expect(isDateInRange('1900-01-01') && isDateInRange('2100-12-31')).toBe(true);
    expect(isDateInRange('1899-12-31') || isDateInRange('2101-01-01')).toBe(false);
  });
});

describe('scalars refuse out-of-range and unbounded input with BAD_USER_INPUT', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof DomainError ? [e.code, e.extensions.reason] : ['not an DomainError', String(e)];
    }
    return 'accepted';
  };

  it('DateTime', () => {
    for (const s of ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59-12:00', '1899-12-31T23:59:59Z', '2101-01-01T07:00:00+07:00']) {
      expect([s, code(() => DateTimeScalar.parseValue(s))]).toEqual([s, ['BAD_USER_INPUT', expect.stringMatching(/OUT_OF_RANGE|FORMAT/)]]);
    }
    for (const s of ['2026-02-30T10:00:00Z', '2026-11-23T24:00:00Z', '2026-11-23T08:30:00+25:00', '+275760-09-13T00:00:00Z']) {
      expect([s, code(() => DateTimeScalar.parseValue(s))]).toEqual([s, ['BAD_USER_INPUT', 'FORMAT']]);
    }
    expect(code(() => DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: '0000-01-01T00:00:00Z' }))).toEqual(['BAD_USER_INPUT', expect.any(String)]);
    expect(DateTimeScalar.parseValue('2100-12-31T23:59:59Z')).toEqual(new Date('2100-12-31T23:59:59Z'));
    expect(DateTimeScalar.parseValue('1900-01-01T07:00:00+07:00')).toEqual(new Date('1900-01-01T00:00:00Z'));
  });

  it('Date', () => {
    for (const s of ['0000-01-01', '9999-12-31', '1899-12-31', '2101-01-01']) expect([s, code(() => DateScalar.parseValue(s))]).toEqual([s, ['BAD_USER_INPUT', expect.any(String)]]);
    expect(DateScalar.parseValue('1900-01-01')).toBe('1900-01-01');
    expect(DateScalar.serialize('1890-05-01')).toBe('1890-05-01'); // what is stored is shown as it is
  });

  it('JSON: same name and output; bounded input from variables and from literals', () => {
    expect(JSONScalar.name).toBe('JSON');
    expect(JSONScalar.serialize({ a: [1] })).toEqual({ a: [1] });
    expect(JSONScalar.parseValue({ hoTen: 'An', con: [1, 2] })).toEqual({ hoTen: 'An', con: [1, 2] });
    const deep = JSON.parse('['.repeat(50_000) + ']'.repeat(50_000));
    expect(code(() => JSONScalar.parseValue(deep))).toEqual(['BAD_USER_INPUT', 'TOO_DEEP']);
    expect(code(() => JSONScalar.parseValue({ a: 'x\u0000' }))).toEqual(['BAD_USER_INPUT', 'CONTROL_CHARACTER']);
    expect(JSONScalar.parseLiteral(parseValue('{hoTen: "An", con: [1, 2.5, true, null], e: X}'), undefined)).toEqual({ hoTen: 'An', con: [1, 2.5, true, null], e: 'X' });
    expect(JSONScalar.parseLiteral(parseValue('{a: $v}'), { v: [1] })).toEqual({ a: [1] });
    expect(code(() => JSONScalar.parseLiteral(parseValue('['.repeat(500) + ']'.repeat(500)), undefined))).toEqual(['BAD_USER_INPUT', 'TOO_DEEP']);
    expect(code(() => JSONScalar.parseLiteral(parseValue('{a: "\\u0000"}'), undefined))).toEqual(['BAD_USER_INPUT', 'CONTROL_CHARACTER']);
  });
});

describe('the rules table and the live schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildHubSchema(undefined, { allowHttp: false });
  });

  /** Every String/ID input field and argument of the schema, as rule keys. */
  function stringKeys(): Set<string> {
    const keys = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      const isStr = (t: GraphQLInputType) => ['String', 'ID'].includes(getNamedType(t).name);
      if (isInputObjectType(type)) for (const f of Object.values(type.getFields())) if (isStr(f.type)) keys.add(`${type.name}.${f.name}`);
      if (isObjectType(type)) for (const f of Object.values(type.getFields())) for (const a of f.args) if (isStr(a.type)) keys.add(`${type.name}.${f.name}(${a.name})`);
    }
    return keys;
  }

  it('names only live fields and arguments (a typo would fall back to the default rule)', () => {
    const live = stringKeys();
    expect(Object.keys(INPUT_RULES).filter((k) => !live.has(k))).toEqual([]);
  });

  it('gives every String input of the current schema a rule of its own', () => {
    expect([...stringKeys()].filter((k) => !(k in INPUT_RULES))).toEqual([]);
  });

  const resolverOf = (type: 'Query' | 'Mutation', field: string) =>
    (type === 'Query' ? schema.getQueryType() : schema.getMutationType())!.getFields()[field].resolve as GraphQLFieldResolver<unknown, unknown>;
  const refusal = (type: 'Query' | 'Mutation', field: string, args: Record<string, unknown>) => {
    try {
      resolverOf(type, field)(null, args, {}, {} as never);
    } catch (e) {
      return e instanceof DomainError ? e.extensions : e;
    }
    return 'not refused';
  };

  it('refuses before the resolver runs, naming the path of the value', () => {
    expect(refusal('Query', 'trackDossier', { code: 'a\u0000' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code', reason: 'CONTROL_CHARACTER' });
    const input = demoSubmission(demoProcedures[0], demoProcedures[0].agencyCodes[0], demoCitizens[0]);
    const bad = { ...input, components: [input.components[0], { ...input.components[0], url: 'javascript:alert(1)' }] };
    expect(refusal('Mutation', 'submitDossier', { input: bad })).toMatchObject({ field: 'input.components[1].url', reason: 'FORMAT' });
    expect(refusal('Mutation', 'submitDossier', { input: { ...input, applicant: { ...input.applicant, phone: '<script>' } } })).toMatchObject({ field: 'input.applicant.phone' });
    expect(refusal('Mutation', 'upsertProcedure', { input: { code: 'X', sectorCode: 'x'.repeat(100_000) } })).toMatchObject({ field: 'input.sectorCode', reason: 'TOO_LONG' });
    expect(refusal('Mutation', 'upsertProcedure', { input: { agencyCodes: Array.from({ length: MAX_LIST_ITEMS + 1 }, () => 'A') } })).toMatchObject({ field: 'input.agencyCodes', reason: 'TOO_MANY_ITEMS' });
  });

  it('leaves fields without arguments alone (no wrapper on a catalogue page)', () => {
    expect(schema.getType('Procedure') && (schema.getType('Procedure') as any).getFields().name.resolve).toBeUndefined();
  });
});

describe('what the hub ships and its tests send is valid', () => {
  const ok = (key: string, value: string | null | undefined) => {
    if (value == null) return;
    expect([key, value, stringProblem(ruleFor(key), value, PROD)]).toEqual([key, value, null]);
  };

  it('the demo catalogue passes the ProcedureInput rules', () => {
    for (const p of demoProcedures) {
      ok('ProcedureInput.code', p.code);
      ok('ProcedureInput.name', p.name);
      ok('ProcedureInput.sectorCode', p.sectorCode);
      p.agencyCodes.forEach((c) => ok('ProcedureInput.agencyCodes', c));
      p.steps.forEach((s) => ok('ProcedureInput.steps', s));
      p.targetSubjects.forEach((s) => ok('ProcedureInput.targetSubjects', s));
      ok('ProcedureInput.resultDescription', p.resultDescription);
      ok('ProcedureInput.requirements', p.requirements);
      ok('ProcedureInput.location', p.location);
      for (const c of p.components) {
        ok('ComponentSpecInput.code', c.code);
        ok('ComponentSpecInput.name', c.name);
        ok('ComponentSpecInput.templateUrl', c.templateUrl);
      }
      p.fees.forEach((f) => ok('FeeInput.description', f.description));
      for (const l of p.legalBases) {
        ok('LegalBasisInput.number', l.number);
        ok('LegalBasisInput.title', l.title);
      }
    }
    demoSectors.forEach((s) => ok('ProcedureInput.sectorName', s.name));
    demoAgencies.forEach((a) => ok('SubmitDossierInput.agencyCode', a.code));
  });

  it('demo citizens and the demo submission pass the SubmitDossierInput rules', () => {
    for (const c of demoCitizens) {
      ok('ApplicantInput.fullName', c.fullName);
      ok('ApplicantInput.identityNumber', c.identityNumber);
      ok('ApplicantInput.address', c.permanentAddress.detail);
    }
    const s = demoSubmission(demoProcedures[0], demoProcedures[0].agencyCodes[0], demoCitizens[0], { key: 'k1' });
    ok('ApplicantInput.phone', s.applicant.phone);
    ok('SubmitDossierInput.idempotencyKey', s.idempotencyKey);
    for (const c of s.components) {
      ok('ComponentInput.componentCode', c.componentCode);
      ok('ComponentInput.fileName', c.fileName);
      ok('ComponentInput.mimeType', c.mimeType);
      ok('ComponentInput.sha256', c.sha256);
      ok('ComponentInput.url', c.url);
    }
  });
});
