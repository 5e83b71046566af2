import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import * as strtok3 from 'strtok3';
import { fromTokenizer } from 'file-type/core';
import { entryNameProblem, entrySizeRefusal, isDirectoryEntry, isOsMetadataEntry, type ZipLimits, type ZipRefusal } from '../domain/zip-rules';
import { looksLikePdf, looksLikeXml } from './file-types';

export interface ZipInspection {
  entries: number;
  uncompressedBytes: number;
}

/**
 * Looks inside a received ZIP (a temporary file on local disk) without extracting it: the central
 * directory gives the entries, their names and declared sizes, checked first (count, names,
 * sizes: src/domain/zip-rules.ts); then each file entry is opened as a stream (inflated on the
 * fly), typed from its first bytes, and read through to its end without being kept (so that a
 * size the header understates is caught; the declared sizes are bounded first, so the work is
 * too). Memory holds one entry's read-ahead at a time; nothing is written to disk.
 * Returns the refusal, or what was seen.
 */
export async function inspectZip(path: string, limits: ZipLimits, allowedEntryTypes: ReadonlySet<string>): Promise<ZipInspection | ZipRefusal> {
  let zip: yauzl.ZipFile;
  try {
    // decodeStrings off: names are checked here (clear refusals) instead of by yauzl's own
    // validation, which would end the listing with a bare error.
    zip = await yauzl.openPromise(path, { autoClose: false, decodeStrings: false, validateEntrySizes: true, lazyEntries: true });
  } catch (e) {
    return { reason: 'ZIP_UNREADABLE', detail: (e as Error).message };
  }
  try {
    if (zip.entryCount > limits.maxEntries) return { reason: 'ZIP_TOO_MANY_ENTRIES', entries: zip.entryCount, limit: limits.maxEntries };
    let uncompressed = 0;
    let entries = 0;
    const iterator = zip.eachEntry();
    for (;;) {
      let next: IteratorResult<yauzl.Entry>;
      try {
        next = await iterator.next();
      } catch (e) {
        return { reason: 'ZIP_UNREADABLE', detail: (e as Error).message };
      }
      if (next.done) break;
      const entry = next.value;
      entries++;
      const name = entryName(entry);
      const problem = entryNameProblem(name);
      if (problem) return { reason: 'ZIP_UNSAFE_NAME', name, problem };
      const sizes = entrySizeRefusal({ name, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize }, uncompressed, limits);
      if (sizes) return sizes;
      uncompressed += entry.uncompressedSize;
      if (isDirectoryEntry(name) && entry.uncompressedSize === 0) continue;
      if (entry.isEncrypted()) return { reason: 'ZIP_ENTRY_UNREADABLE', name, why: 'encrypted' };
      if (!entry.canDecodeFileData()) return { reason: 'ZIP_ENTRY_UNREADABLE', name, why: 'method' };
      let detected: string | null;
      try {
        // The local header (what an unpacking tool reads) must name a safe path too.
        const local = await zip.readLocalFileHeaderPromise(entry);
        const localName = yauzl.getFileNameLowLevel(local.generalPurposeBitFlag, local.fileName, yauzl.parseExtraFields(local.extraField), false);
        const localProblem = entryNameProblem(localName);
        if (localProblem) return { reason: 'ZIP_UNSAFE_NAME', name: localName, problem: localProblem };
        detected = await detectEntryType(await zip.openReadStreamPromise(entry), name, entry.uncompressedSize, (t) => t === OS_METADATA || allowedEntryTypes.has(t));
      } catch (e) {
        // A damaged deflate stream, or bytes running past the declared size (validateEntrySizes).
        return { reason: 'ZIP_UNREADABLE', detail: `${name}: ${(e as Error).message}` };
      }
      if (detected === OS_METADATA) continue;
      if (detected === 'application/zip') return { reason: 'ZIP_NESTED', name };
      if (!detected || !allowedEntryTypes.has(detected)) return { reason: 'ZIP_ENTRY_TYPE_NOT_ALLOWED', name, detected };
    }
    return { entries, uncompressedBytes: uncompressed };
  } finally {
    zip.close();
  }
}

/** The entry's name as yauzl decodes it (UTF-8 flag, Info-ZIP Unicode path field; backslashes read as `/`). */
function entryName(entry: yauzl.Entry): string {
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
}

/** What detectEntryType answers for an operating system's metadata entry (zip-rules isOsMetadataEntry): let through. */
const OS_METADATA = 'os-metadata';

/**
 * The type an entry's bytes show: file-type over a tokenizer on the inflating stream, told the
 * entry's size (so that it walks an inner DOCX/XLSX/ODT's local headers as it does for a file),
 * PDF and XML by their first bytes. When `accept` takes the type, the rest of the entry is read
 * through and dropped (chunk by chunk), so that yauzl checks its real size against the declared
 * one (validateEntrySizes): an entry unpacking to more than it declares (a bomb hiding behind its
 * header) throws here. Refused types stop at once.
 */
async function detectEntryType(stream: Readable, name: string, size: number, accept: (type: string) => boolean): Promise<string | null> {
  try {
    if (size === 0) return null;
    const tokenizer = await strtok3.fromStream(stream, { size });
    const head = Buffer.alloc(Math.min(64, size));
    const n = await tokenizer.peekBuffer(head, { mayBeLess: true });
    let type: string | null;
    if (isOsMetadataEntry(name, head.subarray(0, n))) type = OS_METADATA;
    else if (looksLikePdf(head.subarray(0, n))) type = 'application/pdf'; // not through file-type: see looksLikePdf
    else type = (await fromTokenizer(tokenizer))?.mime ?? (looksLikeXml(head.subarray(0, n)) ? 'application/xml' : null);
    if (type && accept(type)) {
      // What the tokenizer took is behind us; the rest streams past (errors, e.g. a wrong size, throw).
      for await (const _chunk of stream) void _chunk;
    }
    return type;
  } finally {
    stream.destroy();
  }
}
