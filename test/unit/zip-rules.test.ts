import { entryNameProblem, entrySizeRefusal, isDirectoryEntry, isOsMetadataEntry, zipLimits, zipRefusalError } from '../../src/domain/zip-rules';
import { looksLikePdf } from '../../src/documents/file-types';

describe('ZIP rules (issue 12, "ZIP of those")', () => {
  it('refuses absolute names, .. segments and control characters; plain and Vietnamese names pass', () => {
    expect(entryNameProblem('giay-to/Giấy khai sinh.pdf')).toBeNull();
    expect(entryNameProblem('a..b/..c.pdf')).toBeNull();
    expect(entryNameProblem('thư mục/')).toBeNull();
    expect(entryNameProblem('/etc/passwd')).toBe('absolute');
    expect(entryNameProblem('\\Windows\\x.pdf')).toBe('absolute');
    expect(entryNameProblem('C:/x.pdf')).toBe('absolute');
    expect(entryNameProblem('c:x.pdf')).toBe('absolute');
    expect(entryNameProblem('../x.pdf')).toBe('traversal');
    expect(entryNameProblem('a/../../x.pdf')).toBe('traversal');
    expect(entryNameProblem('a\\..\\x.pdf')).toBe('traversal');
    expect(entryNameProblem('..')).toBe('traversal');
    expect(entryNameProblem('a\u0000.pdf')).toBe('control');
    expect(entryNameProblem('a\n.pdf')).toBe('control');
    expect(isDirectoryEntry('a/b/')).toBe(true);
    expect(isDirectoryEntry('a/b.pdf')).toBe(false);
  });

  it('limits the total unpacked size to 4 × FILE_MAX_BYTES and the ratio of a large entry to 100', () => {
    const limits = zipLimits(1000 * 1024);
    expect(limits).toEqual({ maxEntries: 1000, maxUncompressedBytes: 4000 * 1024, maxRatio: 100, ratioFloorBytes: 1024 * 1024 });
    expect(zipLimits(10, { maxEntries: 5, maxUncompressedBytes: undefined }).maxUncompressedBytes).toBe(40);
    const e = (uncompressedSize: number, compressedSize: number) => ({ name: 'a.pdf', uncompressedSize, compressedSize });
    expect(entrySizeRefusal(e(3000 * 1024, 2900 * 1024), 0, limits)).toBeNull();
    expect(entrySizeRefusal(e(1000 * 1024, 1000 * 1024), 3000 * 1024, limits)).toBeNull(); // exactly the limit
    expect(entrySizeRefusal(e(1000 * 1024 + 1, 1000 * 1024), 3000 * 1024, limits)).toMatchObject({ reason: 'ZIP_BOMB', kind: 'total' });
    // Ratio: only entries over 1 MiB; 100 × is still fine, more is not.
    expect(entrySizeRefusal(e(1024 * 1024, 10), 0, limits)).toBeNull();
    expect(entrySizeRefusal(e(2_000_000, 20_000), 0, limits)).toBeNull();
    expect(entrySizeRefusal(e(2_000_000, 19_999), 0, limits)).toMatchObject({ reason: 'ZIP_BOMB', kind: 'ratio', limit: 100 });
    // An entry declaring more than 4 GiB (zip64) against a small file.
    expect(entrySizeRefusal(e(2 ** 40, 5_000_000), 0, limits)).toMatchObject({ reason: 'ZIP_BOMB', kind: 'total' });
  });

  it('every refusal is a BAD_USER_INPUT on mimeType with its reason and both languages', () => {
    const err = zipRefusalError({ reason: 'ZIP_UNSAFE_NAME', name: '../../x.pdf', problem: 'traversal' });
    expect(err.code).toBe('BAD_USER_INPUT');
    expect(err.details).toMatchObject({ field: 'mimeType', reason: 'ZIP_UNSAFE_NAME' });
    expect(err.messageIn('vi')).toContain('"../../x.pdf"');
    expect(err.messageIn('en')).toContain('a path leading out of its folder');
    const long = zipRefusalError({ reason: 'ZIP_NESTED', name: 'a'.repeat(500) });
    expect(long.messageIn('en').length).toBeLessThan(250);
  });

  it('lets through the folder metadata of a Mac only by its name and its own first bytes together', () => {
    const appleDouble = Buffer.from([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00]);
    const dsStore = Buffer.from([0x00, 0x00, 0x00, 0x01, 0x42, 0x75, 0x64, 0x31, 0x00]);
    expect(isOsMetadataEntry('__MACOSX/._ho-so.pdf', appleDouble)).toBe(true);
    expect(isOsMetadataEntry('__MACOSX/giay-to/._CCCD mặt trước.pdf', appleDouble)).toBe(true);
    expect(isOsMetadataEntry('.DS_Store', dsStore)).toBe(true);
    expect(isOsMetadataEntry('giay-to/.DS_Store', dsStore)).toBe(true);
    expect(isOsMetadataEntry('giay-to\\.DS_Store', dsStore)).toBe(true);
    // A name alone is not enough, nor are the bytes alone.
    expect(isOsMetadataEntry('__MACOSX/._setup.exe', Buffer.from('MZ\x90\x00'))).toBe(false);
    expect(isOsMetadataEntry('.DS_Store', appleDouble)).toBe(false);
    expect(isOsMetadataEntry('ho-so.pdf', appleDouble)).toBe(false);
    expect(isOsMetadataEntry('giay-to/__MACOSX/._a.pdf', appleDouble)).toBe(false); // only at the top, where macOS puts it
    expect(isOsMetadataEntry('__MACOSX/ho-so.pdf', appleDouble)).toBe(false);
    expect(isOsMetadataEntry('__MACOSX/._a', appleDouble.subarray(0, 3))).toBe(false);
  });

  it('a PDF is known by its first bytes', () => {
    expect(looksLikePdf(Buffer.from('%PDF-1.7\n'))).toBe(true);
    expect(looksLikePdf(Buffer.from(' %PDF-1.7'))).toBe(false);
    expect(looksLikePdf(Buffer.from('%PD'))).toBe(false);
  });
});
