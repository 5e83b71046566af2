import { effectiveGrant, needsDirectory, directoryProblems, type DirectoryEntry } from '../../src/domain/staff';
import { auditHash, firstBreak, GENESIS, type AuditContent } from '../../src/domain/audit-chain';
import { AuditTrail } from '../../src/auth/audit-trail';
import { createLogger } from '../../src/logger';

const entry = (over: Partial<DirectoryEntry> = {}): DirectoryEntry => ({ subject: 's', fullName: 'S', roles: ['SPECIALIST', 'LEADER'], agencyCodes: ['A', 'B'], active: true, ...over });

describe('effective grant = token claims ∩ directory', () => {
  it('claims narrow, never widen', () => {
    expect(effectiveGrant({ roles: ['SPECIALIST', 'ADMIN'], agencyCodes: ['A', 'C'] }, entry())).toEqual({ roles: ['SPECIALIST'], agencyCodes: ['A'] });
    expect(effectiveGrant({ roles: ['LEADER'], agencyCodes: [] }, entry())).toEqual({ roles: ['LEADER'], agencyCodes: [] });
  });
  it('no roles or agencies claim: the directory grants its own', () => {
    expect(effectiveGrant({ roles: undefined, agencyCodes: undefined }, entry())).toEqual({ roles: ['SPECIALIST', 'LEADER'], agencyCodes: ['A', 'B'] });
  });
  it('deactivated or unknown staff: refused; unknown citizen: the citizen role stands', () => {
    expect(effectiveGrant({ roles: ['SPECIALIST'], agencyCodes: ['A'] }, entry({ active: false }))).toBeNull();
    expect(effectiveGrant({ roles: ['SPECIALIST'], agencyCodes: ['A'] }, null)).toBeNull();
    expect(effectiveGrant({ roles: ['CITIZEN'], agencyCodes: [] }, null)).toEqual({ roles: ['CITIZEN'], agencyCodes: [] });
    expect(effectiveGrant({ roles: undefined, agencyCodes: undefined }, null)).toEqual({ roles: [], agencyCodes: [] });
  });
  it('who needs the directory: any role but CITIZEN, or no roles claim', () => {
    expect(needsDirectory({ roles: ['CITIZEN'], agencyCodes: undefined })).toBe(false);
    expect(needsDirectory({ roles: ['CITIZEN', 'OBSERVER'], agencyCodes: undefined })).toBe(true);
    expect(needsDirectory({ roles: undefined, agencyCodes: undefined })).toBe(true);
  });
  it('the directory grants staff roles only, agency staff with an agency', () => {
    expect(directoryProblems({ roles: ['CITIZEN'], agencyCodes: [] }).map((p) => p.field)).toContain('roles');
    expect(directoryProblems({ roles: ['CLERK'], agencyCodes: [] }).map((p) => p.field)).toEqual(['agencyCodes']);
    expect(directoryProblems({ roles: ['ADMIN'], agencyCodes: [] })).toEqual([]);
  });
});

describe('the audit chain', () => {
  const row = (seq: number): AuditContent => ({ day: '2026-12-04', seq, at: new Date(Date.UTC(2026, 11, 4, 3, seq)), subject: 'x', roles: ['ADMIN'], serviceAccountId: null, kind: 'READ', operation: 'Dossier.applicant', dossierId: null, dossierCode: 'D', documentId: null, target: null, ip: '127.0.0.1', requestId: `r${seq}`, outcome: 'OK' });
  const chain = () => {
    let prev = GENESIS;
    return [1, 2, 3, 4].map((seq) => {
      const r = row(seq);
      const hash = auditHash(prev, r);
      const out = { ...r, prevHash: prev, hash };
      prev = hash;
      return out;
    });
  };
  it('an intact chain has no break', () => expect(firstBreak(chain())).toBeNull());
  it('an edited row, a removed row and a re-hashed row are each found at the first broken link', () => {
    const edited = chain();
    edited[2] = { ...edited[2]!, outcome: 'FORBIDDEN' };
    expect(firstBreak(edited)).toEqual({ day: '2026-12-04', seq: 3, reason: 'HASH_MISMATCH' });
    const removed = chain();
    removed.splice(1, 1);
    expect(firstBreak(removed)).toEqual({ day: '2026-12-04', seq: 3, reason: 'SEQUENCE_GAP' });
    const rehashed = chain();
    rehashed[1] = { ...rehashed[1]!, outcome: 'X', hash: auditHash(rehashed[1]!.prevHash, { ...rehashed[1]!, outcome: 'X' }) };
    expect(firstBreak(rehashed)).toEqual({ day: '2026-12-04', seq: 3, reason: 'PREVIOUS_HASH_MISMATCH' });
  });
});

describe('the audit writer never fails the request', () => {
  it('a database that refuses every batch: record() never throws, the batch is tried 3 times, then counted as lost', async () => {
    let attempts = 0;
    const em = { getConnection: () => ({ transactional: async () => { attempts++; throw new Error('database down'); } }) };
    const trail = new AuditTrail({ forkEm: () => em as never, log: createLogger('silent') }, { flushMs: 60_000, batch: 100, maxQueue: 3, enabled: true });
    let counted = 0;
    trail.onLost = (n) => (counted += n);
    const e = { at: new Date(), subject: 's', roles: [], serviceAccountId: null, kind: 'READ' as const, operation: 'x', dossierId: null, dossierCode: null, documentId: null, target: null, ip: null, requestId: null, outcome: 'OK' };
    expect(() => [1, 2, 3, 4].forEach(() => trail.record(e))).not.toThrow(); // the 4th: the queue is full
    await trail.drain();
    expect(attempts).toBe(3);
    expect(trail.lost).toBe(4);
    expect(counted).toBe(4);
  });
});
