import { applySupplement, componentFacts, componentsFromInputs, normalizeStored, supplementNote, type FileFacts, type StoredComponent } from '../../src/domain/components';

const file = (id: string, by = 'citizen-1'): FileFacts => ({ id, uploadedBy: by, fileName: `${id}.pdf`, mimeType: 'application/pdf', sizeBytes: 10, sha256: id.padEnd(64, '0') });
const files = new Map([['f1', file('f1')], ['f2', file('f2')], ['g1', file('g1', 'someone-else')]]);
const documents = new Map([['d1', { id: 'd1', ownerIdentityNumber: '001090000001', certified: true, file: file('h1', 'clerk') }]]);
const citizen = { subject: 'citizen-1', mayGiveUrls: false, applicantIdentityNumber: '001090000001' };
const staff = { ...citizen, subject: 'reception', mayGiveUrls: true };
const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { details?: { field?: string } }).details?.field;
  }
  return 'accepted';
};

describe('components from inputs (src/domain/components.ts)', () => {
  it('takes the giver’s own upload and a document of the applicant’s store, recording reuse and certification', () => {
    const out = componentsFromInputs([{ componentCode: 'A', fileId: 'f1' }, { componentCode: 'B', citizenDocumentId: 'd1' }], citizen, files, documents);
    expect(out).toEqual([
      { componentCode: 'A', fileName: 'f1.pdf', mimeType: 'application/pdf', sizeBytes: 10, sha256: 'f1'.padEnd(64, '0'), url: null, fileId: 'f1', reusedFrom: null, certified: false, version: 1 },
      { componentCode: 'B', fileName: 'h1.pdf', mimeType: 'application/pdf', sizeBytes: 10, sha256: 'h1'.padEnd(64, '0'), url: null, fileId: 'h1', reusedFrom: 'd1', certified: true, version: 1 },
    ]);
    expect(componentFacts(out)).toEqual({ reused: 1, certified: 1, digitised: 2 });
  });

  it('refuses, naming the field: none or two sources, a file not the giver’s, a document not the applicant’s, a citizen’s url, a url without metadata', () => {
    const run = (c: object, giver = citizen) => fieldOf(() => componentsFromInputs([{ componentCode: 'A', ...c }], giver, files, documents));
    expect(run({})).toBe('components[0]');
    expect(run({ fileId: 'f1', url: 'https://x/a.pdf' })).toBe('components[0]');
    expect(run({ fileId: 'g1' })).toBe('components[0].fileId');
    expect(run({ fileId: 'nope' })).toBe('components[0].fileId');
    expect(run({ fileId: 'f1', sha256: 'b'.repeat(64) })).toBe('components[0].sha256');
    expect(run({ citizenDocumentId: 'd1' }, { ...citizen, applicantIdentityNumber: '001090000002' })).toBe('components[0].citizenDocumentId');
    expect(run({ url: 'https://x/a.pdf', fileName: 'a.pdf', mimeType: 'application/pdf', sizeBytes: 1, sha256: 'a'.repeat(64) })).toBe('components[0].url');
    expect(run({ url: 'https://x/a.pdf', fileName: 'a.pdf', mimeType: 'application/pdf', sizeBytes: 1, sha256: 'a'.repeat(64) }, staff)).toBe('accepted');
    expect(run({ url: 'https://x/a.pdf', fileName: 'a.pdf', mimeType: 'application/pdf', sha256: 'a'.repeat(64) }, staff)).toBe('components[0].sizeBytes');
    expect(run({ url: 'ftp://x/a.pdf', fileName: 'a.pdf', mimeType: 'application/pdf', sizeBytes: 1, sha256: 'a'.repeat(64) }, staff)).toBe('components[0].url');
  });
});

describe('online supplement (applySupplement)', () => {
  const v1 = (code: string, id: string): StoredComponent => ({ ...normalizeStored({ componentCode: code }), fileId: id, sha256: id, version: 1 });
  const current = [v1('A', 'a1'), v1('A', 'a2'), v1('B', 'b1')];

  it('replaces every file of a given code with the next version, adds a new code at version 1, keeps the rest', () => {
    const given = [{ ...v1('A', 'a3') }, { ...v1('C', 'c1') }];
    const { components, changes } = applySupplement(current, given, ['A']);
    expect(components.map((c) => [c.componentCode, c.fileId, c.version])).toEqual([
      ['B', 'b1', 1],
      ['A', 'a3', 2],
      ['C', 'c1', 1],
    ]);
    expect(changes).toEqual([
      { componentCode: 'A', version: 2, replaced: [{ version: 1, fileId: 'a1', sha256: 'a1' }, { version: 1, fileId: 'a2', sha256: 'a2' }] },
      { componentCode: 'C', version: 1, replaced: [] },
    ]);
    expect(supplementNote(changes)).toBe('Bổ sung thành phần hồ sơ: A (thay thế, bản 2); C (mới)');
    // a third time: version 3
    expect(applySupplement(components, [v1('A', 'a4')], null).components.find((c) => c.componentCode === 'A')!.version).toBe(3);
  });

  it('refuses a supplement without every paper the request asked for', () => {
    expect(fieldOf(() => applySupplement(current, [v1('B', 'b2')], ['A', 'B']))).toBe('components');
  });

  it('reads components stored before versions as version 1 without a file', () => {
    expect(normalizeStored({ componentCode: 'A', fileName: 'a.pdf', url: 'https://x/a.pdf' } as never)).toMatchObject({ version: 1, fileId: null, reusedFrom: null, certified: false });
  });
});
