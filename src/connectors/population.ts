/**
 * Client of the national population database (Cơ sở dữ liệu quốc gia về dân cư): checks an
 * applicant's identity number against name and birth date.
 *
 * Wire API (also served by ./simulators/population.ts):
 *   POST /api/dancu/tracuu  { SoDinhDanh, HoVaTen, NgayThangNamSinh: "yyyyMMdd" }
 *   → { error_code: "0", message, KetQua: 1 | 2 | 3, TruongKhongKhop?: string[], CongDan? }
 *     KetQua 1 = khớp (VERIFIED, CongDan present), 2 = không khớp (MISMATCH: the number
 *     exists but the name or birth date differ; TruongKhongKhop names which, and no personal
 *     data is returned), 3 = không tìm thấy (NOT_FOUND).
 *   Malformed request → HTTP 400 { error_code: "1", message }.
 *
 * The database compares names diacritic-sensitively but ignoring case and spacing (NFC):
 * see sameVietnameseName in ./national-formats.ts.
 */
import { ResilientJsonClient, type BreakerState, type ResilienceOptions } from './resilience';
import {
  fromNationalDay,
  fromNationalGender,
  toNationalDay,
  type Gender,
  type NationalDay,
  type NationalGenderCode,
  type NationalReply,
} from './national-formats';
import { UpstreamError } from './upstream-error';

export const POPULATION_PATHS = { lookup: '/api/dancu/tracuu' } as const;
export const POPULATION_SYSTEM = 'population';

// ------------------------------------------------------------------ wire format

export interface NationalAddress {
  /** Province code, 2 digits. */
  MaTinh: string;
  /** District code, 3 digits. */
  MaHuyen: string;
  /** Ward / commune code, 5 digits. */
  MaXa: string;
  /** House number, street, hamlet … */
  ChiTiet: string;
}

export interface NationalCitizen {
  SoDinhDanh: string;
  HoVaTen: string;
  Ho: string;
  TenDem: string;
  Ten: string;
  NgayThangNamSinh: NationalDay;
  GioiTinh: NationalGenderCode;
  /** Nơi thường trú. */
  NoiThuongTru: NationalAddress;
  /** Nơi ở hiện tại. */
  NoiOHienTai: NationalAddress;
}

export interface PopulationLookupRequest {
  SoDinhDanh: string;
  HoVaTen: string;
  NgayThangNamSinh: NationalDay;
}

export type PopulationMatchCode = 1 | 2 | 3;
export const POPULATION_MATCH: Readonly<Record<PopulationLookupStatus, PopulationMatchCode>> = {
  VERIFIED: 1,
  MISMATCH: 2,
  NOT_FOUND: 3,
};

export interface PopulationLookupReply extends NationalReply {
  KetQua?: PopulationMatchCode;
  /** For KetQua 2: "HoVaTen" and/or "NgayThangNamSinh". */
  TruongKhongKhop?: string[];
  CongDan?: NationalCitizen;
}

// ------------------------------------------------------------------ hub side

export interface CitizenAddress {
  provinceCode: string;
  districtCode: string;
  wardCode: string;
  detail: string;
}

export interface PopulationCitizen {
  identityNumber: string;
  fullName: string;
  lastName: string;
  middleName: string;
  firstName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: Gender;
  permanentAddress: CitizenAddress;
  currentAddress: CitizenAddress;
}

export type PopulationLookupStatus = 'VERIFIED' | 'MISMATCH' | 'NOT_FOUND';

export interface PopulationLookupInput {
  /** 12 digits. */
  identityNumber: string;
  fullName: string;
  /** YYYY-MM-DD */
  birthDate: string;
}

export interface PopulationLookupResult {
  status: PopulationLookupStatus;
  /** Present for VERIFIED only. */
  citizen?: PopulationCitizen;
  /** For MISMATCH: which of the given fields differ. */
  mismatchedFields?: ('fullName' | 'birthDate')[];
}

export interface PopulationRegistry {
  /**
   * Looks the number up with name and birth date. Throws RangeError (before any request)
   * when the identity number is not 12 digits or the birth date not YYYY-MM-DD, and
   * UpstreamError when the database cannot answer.
   */
  lookup(input: PopulationLookupInput): Promise<PopulationLookupResult>;
  breakerState(): BreakerState;
}

export type PopulationRegistryOptions = Omit<ResilienceOptions, 'name'>;

export class HttpPopulationRegistry implements PopulationRegistry {
  readonly http: ResilientJsonClient;

  constructor(opts: PopulationRegistryOptions) {
    this.http = new ResilientJsonClient({ ...opts, name: POPULATION_SYSTEM });
  }

  breakerState(): BreakerState {
    return this.http.state();
  }

  async lookup(input: PopulationLookupInput): Promise<PopulationLookupResult> {
    if (!/^\d{12}$/.test(input.identityNumber)) throw new RangeError('identityNumber must be 12 digits');
    const request: PopulationLookupRequest = {
      SoDinhDanh: input.identityNumber,
      HoVaTen: input.fullName.normalize('NFC').trim(),
      NgayThangNamSinh: toNationalDay(input.birthDate),
    };
    const { body } = await this.http.post<PopulationLookupReply>(POPULATION_PATHS.lookup, request, {
      check: (b) => checkReply(b, input.identityNumber),
    });
    switch (body.KetQua) {
      case 1:
        return { status: 'VERIFIED', citizen: toCitizen(body.CongDan!) };
      case 2:
        return {
          status: 'MISMATCH',
          mismatchedFields: (body.TruongKhongKhop ?? []).flatMap((f) =>
            f === 'HoVaTen' ? ['fullName' as const] : f === 'NgayThangNamSinh' ? ['birthDate' as const] : [],
          ),
        };
      default:
        return { status: 'NOT_FOUND' };
    }
  }
}

function bad(message: string, retryable = true): UpstreamError {
  return new UpstreamError(`population: ${message}`, { system: POPULATION_SYSTEM, reason: 'bad-response', retryable });
}

/** Refusals and replies that do not hold together fail the attempt. */
function checkReply(body: unknown, identityNumber: string): void {
  if (!body || typeof body !== 'object' || !('error_code' in body)) throw bad('reply without error_code');
  const r = body as PopulationLookupReply;
  if (String(r.error_code) !== '0') {
    throw new UpstreamError(`population database refused the lookup (error_code ${r.error_code}): ${r.message ?? ''}`.trim(), {
      system: POPULATION_SYSTEM,
      reason: 'rejected',
      retryable: false,
      upstreamCode: String(r.error_code),
    });
  }
  if (r.KetQua !== 1 && r.KetQua !== 2 && r.KetQua !== 3) throw bad(`unknown KetQua ${JSON.stringify(r.KetQua)}`);
  if (r.KetQua === 1) {
    const c = r.CongDan;
    if (!c || typeof c !== 'object') throw bad('KetQua 1 without CongDan');
    // Never accept another person's data for the number asked about.
    if (c.SoDinhDanh !== identityNumber) throw bad('CongDan is not the person asked about', false);
    try {
      fromNationalDay(c.NgayThangNamSinh);
    } catch {
      throw bad('CongDan.NgayThangNamSinh is not yyyyMMdd');
    }
    if (!c.NoiThuongTru || !c.NoiOHienTai) throw bad('CongDan without addresses');
  }
}

function toAddress(a: NationalAddress): CitizenAddress {
  return { provinceCode: a.MaTinh, districtCode: a.MaHuyen, wardCode: a.MaXa, detail: a.ChiTiet };
}

function toCitizen(c: NationalCitizen): PopulationCitizen {
  return {
    identityNumber: c.SoDinhDanh,
    fullName: c.HoVaTen,
    lastName: c.Ho,
    middleName: c.TenDem,
    firstName: c.Ten,
    birthDate: fromNationalDay(c.NgayThangNamSinh),
    gender: fromNationalGender(c.GioiTinh),
    permanentAddress: toAddress(c.NoiThuongTru),
    currentAddress: toAddress(c.NoiOHienTai),
  };
}
