import { formatDossierCode, identityNumberProblem, isOverdue, vnDateStamp, DOSSIER_CODE_RE } from '../../src/domain/dossier';

describe('dossier code', () => {
  it('uses the Vietnam date and a 4-digit daily sequence', () => {
    expect(formatDossierCode('000.00.15.H22', new Date('2026-11-23T02:00:00Z'), 7)).toBe('000.00.15.H22-261123-0007');
    // 23:30 UTC on the 22nd is already the 23rd in Hà Nội
    expect(vnDateStamp(new Date('2026-11-22T17:30:00Z'))).toBe('261123');
    expect(vnDateStamp(new Date('2026-11-22T16:59:59Z'))).toBe('261122');
    expect(DOSSIER_CODE_RE.test('000.31.30.H22-270101-9999')).toBe(true);
  });

  it('grows a fifth (and sixth) digit past 9,999 and refuses what no day can give', () => {
    const at = new Date('2026-11-23T02:00:00Z');
    expect(formatDossierCode('000.00.15.H22', at, 9999)).toBe('000.00.15.H22-261123-9999');
    expect(formatDossierCode('000.00.15.H22', at, 10000)).toBe('000.00.15.H22-261123-10000');
    expect(formatDossierCode('000.00.15.H22', at, 999999)).toBe('000.00.15.H22-261123-999999');
    expect(DOSSIER_CODE_RE.test('000.31.30.H22-270101-10000')).toBe(true);
    for (const bad of ['000.31.30.H22-270101-00001', '000.31.30.H22-270101-999', '000.31.30.H22-270101-1000000']) expect(DOSSIER_CODE_RE.test(bad)).toBe(false);
    expect(() => formatDossierCode('X', new Date(), 0)).toThrow(RangeError);
    expect(() => formatDossierCode('X', new Date(), 1_000_000)).toThrow(RangeError);
    expect(() => formatDossierCode('X', new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('identity numbers', () => {
  it.each([
    ['CITIZEN', '022090001234', null],
    ['CITIZEN', '02209000123', 'digits'],
    ['CITIZEN', '0220900012345', 'digits'],
    ['CITIZEN', '02209000123a', 'digits'],
    ['BUSINESS', '5700100256', null],
    ['BUSINESS', '5700100256-001', null],
    ['BUSINESS', '57001002', 'tax code'],
    ['ORGANIZATION', '5700100256', null],
    ['AGENCY', '000.00.15.H22', null],
    ['AGENCY', '??', 'tax code'],
  ] as const)('%s %s', (kind, value, problem) => {
    const p = identityNumberProblem(kind, value);
    if (problem === null) expect(p).toBeNull();
    else expect(p?.en).toContain(problem);
  });
});

describe('overdue', () => {
  const due = new Date('2026-11-25T10:00:00Z');
  it('compares now, completion or pause with the due date', () => {
    expect(isOverdue({ dueAt: null }, new Date('2030-01-01'))).toBe(false);
    expect(isOverdue({ dueAt: due }, new Date('2026-11-25T09:59:59Z'))).toBe(false);
    expect(isOverdue({ dueAt: due }, new Date('2026-11-25T10:00:01Z'))).toBe(true);
    expect(isOverdue({ dueAt: due, completedAt: new Date('2026-11-24T00:00:00Z') }, new Date('2027-01-01'))).toBe(false);
    expect(isOverdue({ dueAt: due, completedAt: new Date('2026-11-26T00:00:00Z') }, new Date('2026-11-20'))).toBe(true);
    // paused before the due date: waiting for the applicant does not make it late
    expect(isOverdue({ dueAt: due, pausedAt: new Date('2026-11-24T00:00:00Z') }, new Date('2027-01-01'))).toBe(false);
  });
});
