import { badInput, msg, type DomainError } from './errors';

/**
 * What a ZIP upload may hold (domain.md "Documents": "ZIP of those", the allow-list types). Pure
 * rules; src/documents/zip-contents.ts reads the archive (central directory, then each entry's
 * first bytes, streamed, never extracted) and asks these.
 *
 * Choices:
 * - One level only: the entries of an uploaded ZIP are PDF, JPEG, PNG, DOC/DOCX, XLS/XLSX, ODT or
 *   XML; a ZIP inside the ZIP is refused (ZIP_NESTED). DOCX/XLSX/ODT are ZIP containers but are
 *   detected as their own types (by their part names), so they are accepted, inside a ZIP and
 *   alone; their parts are not inspected (they are documents, not archives to unpack).
 * - Bombs: the sum of the entries' uncompressed sizes (as the central directory declares them;
 *   each allowed entry is then read through, and one whose bytes run past its declared size is
 *   refused as damaged) must stay within
 *   `maxUncompressedBytes` (default 4 × FILE_MAX_BYTES), and an entry larger than
 *   `ratioFloorBytes` (1 MiB) may not expand more than `maxRatio` (100) times its compressed size.
 *   Deflate expands at most ~1032 ×; real documents (already compressed PDF, JPEG, PNG, DOCX)
 *   stay near 1 ×, XML text near 5–20 ×.
 * - Names: an absolute path (`/x`, `C:x`, `\x`) or a `..` segment refuses the archive (names never
 *   reach the disk here, but whoever unpacks it later must not be led outside their folder), and
 *   so does a control character in a name.
 * - Encrypted entries and compression methods other than stored/deflate are refused: their type
 *   cannot be read.
 * - The files an operating system adds when it zips a folder are let through, by name and by
 *   their own first bytes both (never by name alone): macOS's AppleDouble `__MACOSX/…/._name` and
 *   Finder's `.DS_Store`. A citizen zipping a folder on a Mac gets them without asking; anything
 *   else under such a name is typed like every entry.
 */
export interface ZipLimits {
  maxEntries: number;
  maxUncompressedBytes: number;
  maxRatio: number;
  ratioFloorBytes: number;
}

export const ZIP_DEFAULTS = { maxEntries: 1000, uncompressedFactor: 4, maxRatio: 100, ratioFloorBytes: 1024 * 1024 } as const;

export function zipLimits(fileMaxBytes: number, overrides: Partial<ZipLimits> = {}): ZipLimits {
  return {
    maxEntries: overrides.maxEntries ?? ZIP_DEFAULTS.maxEntries,
    maxUncompressedBytes: overrides.maxUncompressedBytes ?? fileMaxBytes * ZIP_DEFAULTS.uncompressedFactor,
    maxRatio: overrides.maxRatio ?? ZIP_DEFAULTS.maxRatio,
    ratioFloorBytes: overrides.ratioFloorBytes ?? ZIP_DEFAULTS.ratioFloorBytes,
  };
}

export type ZipRefusal =
  | { reason: 'ZIP_UNREADABLE'; detail: string }
  | { reason: 'ZIP_TOO_MANY_ENTRIES'; entries: number; limit: number }
  | { reason: 'ZIP_UNSAFE_NAME'; name: string; problem: EntryNameProblem }
  | { reason: 'ZIP_BOMB'; name: string; uncompressedBytes: number; limit: number; kind: 'total' | 'ratio' }
  | { reason: 'ZIP_ENTRY_UNREADABLE'; name: string; why: 'encrypted' | 'method' }
  | { reason: 'ZIP_NESTED'; name: string }
  | { reason: 'ZIP_ENTRY_TYPE_NOT_ALLOWED'; name: string; detected: string | null };

export type EntryNameProblem = 'absolute' | 'traversal' | 'control';

/** What is wrong with an entry's name (backslashes already read as `/`), or null. */
export function entryNameProblem(name: string): EntryNameProblem | null {
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'control';
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/') || /^[a-zA-Z]:/.test(n)) return 'absolute';
  if (n.split('/').includes('..')) return 'traversal';
  return null;
}

/** Operating-system metadata a ZIP of a folder carries: its name and the magic its bytes start with. */
const OS_METADATA: { name: RegExp; magic: readonly number[] }[] = [
  // AppleDouble (resource fork and extended attributes), under __MACOSX/ at any depth.
  { name: /^__MACOSX\/(?:[^/]+\/)*\._[^/]+$/, magic: [0x00, 0x05, 0x16, 0x07] },
  // Finder's folder view settings ("Bud1" store).
  { name: /(?:^|\/)\.DS_Store$/, magic: [0x00, 0x00, 0x00, 0x01, 0x42, 0x75, 0x64, 0x31] },
];

/** Whether an entry is operating-system metadata: a known name (backslashes read as `/`) and that metadata's first bytes. */
export function isOsMetadataEntry(name: string, head: Uint8Array): boolean {
  const n = name.replace(/\\/g, '/');
  return OS_METADATA.some((m) => m.name.test(n) && head.length >= m.magic.length && m.magic.every((b, i) => head[i] === b));
}

/** An entry is a directory when its name ends with `/` (it has no bytes to check). */
export const isDirectoryEntry = (name: string) => name.replace(/\\/g, '/').endsWith('/');

/**
 * The size rules for one more entry, given the uncompressed bytes of the entries before it:
 * null when within the limits.
 */
export function entrySizeRefusal(
  entry: { name: string; compressedSize: number; uncompressedSize: number },
  uncompressedBefore: number,
  limits: ZipLimits,
): ZipRefusal | null {
  const total = uncompressedBefore + entry.uncompressedSize;
  if (total > limits.maxUncompressedBytes) return { reason: 'ZIP_BOMB', name: entry.name, uncompressedBytes: total, limit: limits.maxUncompressedBytes, kind: 'total' };
  if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize > entry.compressedSize * limits.maxRatio) {
    return { reason: 'ZIP_BOMB', name: entry.name, uncompressedBytes: entry.uncompressedSize, limit: limits.maxRatio, kind: 'ratio' };
  }
  return null;
}

/** A name as shown in a message: at most 120 characters. */
const shown = (name: string) => (name.length > 120 ? `${name.slice(0, 117)}…` : name);

/** The client-visible error of a refusal (field `mimeType`: the file is not a ZIP of accepted types). */
export function zipRefusalError(r: ZipRefusal): DomainError {
  const m = (() => {
    switch (r.reason) {
      case 'ZIP_UNREADABLE':
        return msg('Tệp ZIP bị hỏng hoặc không đọc được', 'The ZIP file is damaged or cannot be read');
      case 'ZIP_TOO_MANY_ENTRIES':
        return msg(`Tệp ZIP có ${r.entries} mục, quá mức cho phép (${r.limit})`, `The ZIP file has ${r.entries} entries, more than the limit (${r.limit})`);
      case 'ZIP_UNSAFE_NAME':
        return r.problem === 'control'
          ? msg(`Tệp ZIP có tên mục chứa ký tự điều khiển (${shown(JSON.stringify(r.name))})`, `The ZIP file has an entry name with control characters (${shown(JSON.stringify(r.name))})`)
          : msg(
              `Tệp ZIP có mục mang đường dẫn ${r.problem === 'absolute' ? 'tuyệt đối' : 'ra ngoài thư mục (..)'}: "${shown(r.name)}"`,
              `The ZIP file has an entry with ${r.problem === 'absolute' ? 'an absolute path' : 'a path leading out of its folder (..)'}: "${shown(r.name)}"`,
            );
      case 'ZIP_BOMB':
        return r.kind === 'total'
          ? msg(`Nội dung giải nén của tệp ZIP vượt quá ${r.limit} byte`, `The ZIP file unpacks to more than ${r.limit} bytes`)
          : msg(`Mục "${shown(r.name)}" trong tệp ZIP nén quá ${r.limit} lần (nghi là bom ZIP)`, `The entry "${shown(r.name)}" is compressed more than ${r.limit} times (a suspected ZIP bomb)`);
      case 'ZIP_ENTRY_UNREADABLE':
        return r.why === 'encrypted'
          ? msg(`Mục "${shown(r.name)}" trong tệp ZIP được mã hóa; không thể kiểm tra`, `The entry "${shown(r.name)}" is encrypted and cannot be checked`)
          : msg(`Mục "${shown(r.name)}" trong tệp ZIP dùng cách nén không hỗ trợ`, `The entry "${shown(r.name)}" uses an unsupported compression method`);
      case 'ZIP_NESTED':
        return msg(`Tệp ZIP chứa tệp ZIP khác ("${shown(r.name)}"); chỉ chấp nhận một cấp`, `The ZIP file contains another ZIP ("${shown(r.name)}"); only one level is accepted`);
      case 'ZIP_ENTRY_TYPE_NOT_ALLOWED':
        return msg(
          `Mục "${shown(r.name)}" trong tệp ZIP không thuộc loại được chấp nhận (${r.detected ?? 'không xác định'})`,
          `The entry "${shown(r.name)}" is not of an accepted type (${r.detected ?? 'unknown'})`,
        );
    }
  })();
  return badInput('mimeType', m, r.reason);
}
