import { isBlank } from './text';
import { badInput, msg } from './errors';

/**
 * The papers of a dossier (thành phần hồ sơ), as pure rules: what a component input may name, how
 * it becomes a stored component, and how an online supplement adds or replaces components, each
 * keeping its versions. The commands load the files and documents named; nothing here does I/O.
 */

/** What a client sends for one component: exactly one of fileId, citizenDocumentId, url (+ metadata). */
export interface ComponentInputData {
  componentCode: string;
  /** A stored file's id (the uploader's own upload), already decoded from its global id. */
  fileId?: string | null;
  /** A document of the applicant's store, already decoded from its global id. */
  citizenDocumentId?: string | null;
  fileName?: string | null;
  mimeType?: string | null;
  sizeBytes?: number | null;
  sha256?: string | null;
  url?: string | null;
}

/** One component as the dossier keeps it (dossier.components, JSON). */
export interface StoredComponent {
  componentCode: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  /** The bare URL a staff member or sector system gave; null for a stored file. */
  url: string | null;
  /** The stored file (uploaded, or the file of the reused document); null for a url-only component. */
  fileId: string | null;
  /** The store document it was reused from. */
  reusedFrom: string | null;
  /** An electronic certified copy (bản sao điện tử có chứng thực). */
  certified: boolean;
  /** 1 when submitted; +1 each time a SUPPLEMENT replaces the component. */
  version: number;
}

/** A stored file as the rules need it. */
export interface FileFacts {
  id: string;
  uploadedBy: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
}

/** A store document as the rules need it. */
export interface DocumentFacts {
  id: string;
  ownerIdentityNumber: string;
  certified: boolean;
  file: FileFacts;
}

/** Who gives the components, and for whom. */
export interface ComponentGiver {
  subject: string;
  /** Staff and sector systems may give a bare url (a paper digitised elsewhere). */
  mayGiveUrls: boolean;
  /** The dossier's applicant: store documents must be theirs. */
  applicantIdentityNumber: string;
}

export const SHA256_RE = /^[0-9a-f]{64}$/i;
/** A url-only component's declared size limit (the upload limit's default). */
export const MAX_URL_COMPONENT_BYTES = 50 * 1024 * 1024;

/** Component inputs' stored-file and document ids (to load before the rules run). */
export function referencedIds(inputs: readonly ComponentInputData[]): { fileIds: string[]; documentIds: string[] } {
  return {
    fileIds: [...new Set(inputs.flatMap((c) => (c.fileId ? [c.fileId] : [])))],
    documentIds: [...new Set(inputs.flatMap((c) => (c.citizenDocumentId ? [c.citizenDocumentId] : [])))],
  };
}

/**
 * Turns component inputs into stored components (version 1), or refuses the first wrong one with
 * BAD_USER_INPUT naming `components[i]…`. A file must be the giver's own upload; a document must
 * be in the applicant's store; a url only from staff or a sector system, with its metadata.
 * Unknown ids and someone else's files are refused alike (nothing is revealed).
 */
export function componentsFromInputs(
  inputs: readonly ComponentInputData[],
  giver: ComponentGiver,
  files: ReadonlyMap<string, FileFacts>,
  documents: ReadonlyMap<string, DocumentFacts>,
  field = 'components',
): StoredComponent[] {
  return inputs.map((c, i) => {
    const at = `${field}[${i}]`;
    const named = [c.fileId, c.citizenDocumentId, c.url].filter((v) => !isBlank(v ?? null)).length;
    if (named !== 1) {
      throw badInput(
        at,
        msg(
          `Thành phần ${c.componentCode}: cần đúng một trong fileId (tệp đã tải lên), citizenDocumentId (giấy tờ trong kho) hoặc url`,
          `component ${c.componentCode}: give exactly one of fileId (an upload), citizenDocumentId (a document of the store) or url`,
        ),
      );
    }
    if (c.fileId) {
      const f = files.get(c.fileId);
      if (!f || f.uploadedBy !== giver.subject) {
        throw badInput(
          `${at}.fileId`,
          msg(`Thành phần ${c.componentCode}: không có tệp này trong các tệp bạn đã tải lên`, `component ${c.componentCode}: no such file among your uploads`),
        );
      }
      checkDeclaredHash(c, f, at);
      return fromFile(c.componentCode, f, null, false);
    }
    if (c.citizenDocumentId) {
      const d = documents.get(c.citizenDocumentId);
      if (!d || d.ownerIdentityNumber !== giver.applicantIdentityNumber) {
        throw badInput(
          `${at}.citizenDocumentId`,
          msg(
            `Thành phần ${c.componentCode}: không có giấy tờ này trong kho dữ liệu của người nộp hồ sơ`,
            `component ${c.componentCode}: no such document in the applicant's store`,
          ),
        );
      }
      checkDeclaredHash(c, d.file, at);
      return fromFile(c.componentCode, d.file, d.id, d.certified);
    }
    if (!giver.mayGiveUrls) {
      throw badInput(
        `${at}.url`,
        msg(
          `Thành phần ${c.componentCode}: hãy tải tệp lên (createUpload) và gửi fileId; chỉ cán bộ và hệ thống chuyên ngành được gửi đường dẫn url`,
          `component ${c.componentCode}: upload the file (createUpload) and send its fileId; only staff and sector systems may give a url`,
        ),
      );
    }
    return fromUrl(c, at);
  });
}

function checkDeclaredHash(c: ComponentInputData, f: FileFacts, at: string): void {
  if (c.sha256 != null && c.sha256 !== '' && c.sha256.toLowerCase() !== f.sha256) {
    throw badInput(
      `${at}.sha256`,
      msg(`Thành phần ${c.componentCode}: mã sha256 không khớp với tệp đã lưu`, `component ${c.componentCode}: sha256 does not match the stored file`),
    );
  }
}

function fromFile(componentCode: string, f: FileFacts, reusedFrom: string | null, certified: boolean): StoredComponent {
  return {
    componentCode,
    fileName: f.fileName,
    mimeType: f.mimeType,
    sizeBytes: f.sizeBytes,
    sha256: f.sha256,
    url: null,
    fileId: f.id,
    reusedFrom,
    certified,
    version: 1,
  };
}

function fromUrl(c: ComponentInputData, at: string): StoredComponent {
  const code = c.componentCode;
  if (isBlank(c.fileName ?? null) || isBlank(c.mimeType ?? null)) {
    throw badInput(at, msg(`Thành phần ${code} cần có tên tệp và kiểu tệp (MIME)`, `component ${code} needs a file name and a MIME type`));
  }
  const size = c.sizeBytes;
  if (size == null || !Number.isInteger(size) || size <= 0 || size > MAX_URL_COMPONENT_BYTES) {
    throw badInput(
      `${at}.sizeBytes`,
      msg(
        `Thành phần ${code}: dung lượng tệp (sizeBytes) phải từ 1 đến ${MAX_URL_COMPONENT_BYTES} byte`,
        `component ${code}: sizeBytes must be between 1 and ${MAX_URL_COMPONENT_BYTES}`,
      ),
    );
  }
  if (!c.sha256 || !SHA256_RE.test(c.sha256)) {
    throw badInput(`${at}.sha256`, msg(`Thành phần ${code}: mã sha256 phải gồm 64 chữ số thập lục phân`, `component ${code}: sha256 must be 64 hex digits`));
  }
  if (!/^https?:\/\/\S+$/.test(c.url!)) {
    throw badInput(`${at}.url`, msg(`Thành phần ${code}: đường dẫn tệp phải là http(s)`, `component ${code}: url must be http(s)`));
  }
  return {
    componentCode: code,
    fileName: c.fileName!,
    mimeType: c.mimeType!,
    sizeBytes: size,
    sha256: c.sha256.toLowerCase(),
    url: c.url!,
    fileId: null,
    reusedFrom: null,
    certified: false,
    version: 1,
  };
}

/** Components stored before versions existed read as version 1 with no file. */
export function normalizeStored(c: Partial<StoredComponent> & { componentCode: string }): StoredComponent {
  return {
    componentCode: c.componentCode,
    fileName: c.fileName ?? '',
    mimeType: c.mimeType ?? '',
    sizeBytes: c.sizeBytes ?? 0,
    sha256: c.sha256 ?? '',
    url: c.url ?? null,
    fileId: c.fileId ?? null,
    reusedFrom: c.reusedFrom ?? null,
    certified: c.certified ?? false,
    version: c.version ?? 1,
  };
}

/** Component codes that are not among the procedure's (refused with the first wrong index). */
export function checkCodesOfProcedure(codes: readonly string[], procedureCodes: ReadonlySet<string>, procedureCode: string, field: string): void {
  const i = codes.findIndex((c) => !procedureCodes.has(c));
  if (i >= 0) {
    throw badInput(
      `${field}[${i}].componentCode`,
      msg(`Thành phần ${codes[i]} không thuộc hồ sơ của thủ tục ${procedureCode}`, `component ${codes[i]} is not part of procedure ${procedureCode}`),
    );
  }
}

/** What one SUPPLEMENT did to one component code, for the log. */
export interface ComponentChange {
  componentCode: string;
  version: number;
  /** The versions replaced (files and hashes), empty when the component is new. */
  replaced: { version: number; fileId: string | null; sha256: string }[];
}

/**
 * An online supplement: each given component code replaces every current file of that code
 * (the new files get the next version) or is added (version 1); the other components stay.
 * Every code the supplement request asked for must be given. Pure.
 */
export function applySupplement(
  current: readonly StoredComponent[],
  given: readonly StoredComponent[],
  requested: readonly string[] | null,
): { components: StoredComponent[]; changes: ComponentChange[] } {
  const givenCodes = [...new Set(given.map((c) => c.componentCode))];
  const missing = (requested ?? []).filter((code) => !givenCodes.includes(code));
  if (missing.length) {
    throw badInput(
      'components',
      msg(
        `Hồ sơ bổ sung còn thiếu thành phần đã được yêu cầu: ${missing.join(', ')}`,
        `The supplement lacks component(s) the request asked for: ${missing.join(', ')}`,
      ),
    );
  }
  const changes: ComponentChange[] = givenCodes.map((code) => {
    const old = current.filter((c) => c.componentCode === code);
    const version = old.length ? Math.max(...old.map((c) => c.version)) + 1 : 1;
    return { componentCode: code, version, replaced: old.map((c) => ({ version: c.version, fileId: c.fileId, sha256: c.sha256 })) };
  });
  const versionOf = new Map(changes.map((c) => [c.componentCode, c.version]));
  return {
    components: [
      ...current.filter((c) => !versionOf.has(c.componentCode)),
      ...given.map((c) => ({ ...c, version: versionOf.get(c.componentCode)! })),
    ],
    changes,
  };
}

/** The log line's note for a supplement's changes, in Vietnamese (e.g. "Bổ sung: TP1 (thay thế, bản 2); TP3 (mới)"). */
export function supplementNote(changes: readonly ComponentChange[]): string {
  return `Bổ sung thành phần hồ sơ: ${changes
    .map((c) => `${c.componentCode} (${c.replaced.length ? `thay thế, bản ${c.version}` : 'mới'})`)
    .join('; ')}`;
}

/** Facts the scorecard counts: components reused from a store, and certified copies among them. */
export function componentFacts(components: readonly StoredComponent[]): { reused: number; certified: number; digitised: number } {
  return {
    reused: components.filter((c) => c.reusedFrom).length,
    certified: components.filter((c) => c.certified).length,
    digitised: components.filter((c) => c.fileId).length,
  };
}
