/**
 * What the national portal is told about a dossier, built from the hub's own facts. Pure: the
 * message is built when the change happens and stored in the outbox with it, so the portal
 * receives each state in the order the hub went through them, whatever happens in between.
 */
import {
  toFlag,
  toNationalChannel,
  toNationalDate,
  toNationalDateOrNull,
  NATIONAL_APPLICANT_KIND,
  NATIONAL_FEE_KIND,
  NATIONAL_FEEDBACK_STATUS,
  type NationalDossierRecord,
  type NationalFeedbackRecord,
  type NationalProgressLine,
  type NationalStatusCode,
} from '../connectors/national-formats';
import type { StoredComponent } from '../domain/components';
import type { FeeData, SubmissionChannel } from '../domain/catalogue';
import type { ApplicantKind, IdentityVerification } from '../domain/dossier';
import { nationalStatusCode, type DossierAction, type DossierStatus, type Role } from '../domain/dossier-machine';
import type { FeedbackRow } from '../stores/feedback.store';

/** Outbox topics: a dossier's record (and progress line), and a PAKN record. */
export const DOSSIER_SYNC = 'DOSSIER_SYNC';
export const FEEDBACK_FORWARD = 'FEEDBACK_FORWARD';

/** One outbox message about a dossier: the record as it now is, and the step that made it so. */
export interface DossierSyncPayload {
  record: NationalDossierRecord;
  /** Absent for the creation (the record itself says "mới đăng ký"). */
  progress: NationalProgressLine | null;
}

export interface DossierFacts {
  code: string;
  channel: SubmissionChannel;
  status: DossierStatus;
  applicantKind: ApplicantKind;
  applicantFullName: string;
  applicantIdentityNumber: string;
  applicantVerification: IdentityVerification;
  submittedAt: Date;
  receivedAt?: Date | null;
  dueAt?: Date | null;
  completedAt?: Date | null;
  deliveredAt?: Date | null;
  /** As stored (components from before stored files lack fileId, reusedFrom and certified). */
  components: readonly (Pick<StoredComponent, 'componentCode' | 'fileName' | 'url'> & Partial<Pick<StoredComponent, 'fileId' | 'reusedFrom' | 'certified'>>)[];
  fees: FeeData[];
  paidAmount: number;
  /** VND paid through the online payment platform (issue 5); 0 until then. */
  paidOnline?: number;
  procedureCode: string;
  procedureName: string;
  sectorCode: string;
  agencyCode: string;
  /** Where it is handled now (liên thông); default agencyCode. The record's DonViXuLy. */
  handlingAgencyCode?: string;
}

/** The national record of a dossier (create-or-update, keyed by MaHoSo). */
export function nationalRecord(f: DossierFacts, justReceived = false): NationalDossierRecord {
  const totalFees = f.fees.reduce((a, x) => a + x.amount, 0);
  const paid = totalFees > 0 && f.paidAmount >= totalFees;
  return {
    MaHoSo: f.code,
    MaTTHC: f.procedureCode,
    TenTTHC: f.procedureName,
    MaLinhVuc: f.sectorCode,
    KenhThucHien: toNationalChannel(f.channel),
    ChuHoSo: f.applicantFullName,
    SoGiayToChuHoSo: f.applicantIdentityNumber,
    LoaiDoiTuong: NATIONAL_APPLICANT_KIND[f.applicantKind],
    NgayNopHoSo: toNationalDate(f.submittedAt),
    NgayTiepNhan: toNationalDateOrNull(f.receivedAt),
    NgayHenTra: toNationalDateOrNull(f.dueAt),
    TrangThaiHoSo: nationalStatusCode(f.status, justReceived) as NationalStatusCode,
    NgayKetThucXuLy: toNationalDateOrNull(f.completedAt),
    NgayTra: toNationalDateOrNull(f.deliveredAt),
    DonViXuLy: f.handlingAgencyCode ?? f.agencyCode,
    // A stored file is digitised (số hóa) and kept by the hub (its download URLs are short-lived,
    // so none is sent); a bare url is a paper digitised elsewhere only by what its giver says.
    TaiLieuNop: f.components.map((c) => ({
      MaThanhPhanHoSo: c.componentCode,
      TenTaiLieu: c.fileName,
      DuongDanTaiLieu: c.fileId ? null : (c.url ?? null),
      DuocSoHoa: toFlag(!!c.fileId),
      LaBanSaoDienTu: toFlag(!!c.certified),
      DuocTaiSuDung: toFlag(!!c.reusedFrom),
    })),
    DanhSachLePhi: f.fees.map((x) => ({
      LoaiPhiLePhi: NATIONAL_FEE_KIND[x.kind],
      TenPhiLePhi: x.description ?? (x.kind === 'FEE' ? 'Phí' : 'Lệ phí'),
      SoTien: x.amount,
      DaThanhToan: toFlag(paid),
    })),
    DuocThanhToanTrucTuyen: toFlag(paid && (f.paidOnline ?? 0) >= totalFees),
    // Online dossiers come from portal accounts; the flag says the applicant was matched in the
    // population database (VNeID accounts are), which the hub knows from its own verification.
    TaiKhoanDuocXacThucVoiVNeID: toFlag(f.channel === 'ONLINE' && f.applicantVerification === 'VERIFIED'),
  };
}

const ROLE_TITLES: Record<Role, string> = {
  CITIZEN: 'Công dân',
  RECEPTION_OFFICER: 'Cán bộ tiếp nhận (Bộ phận một cửa)',
  SPECIALIST: 'Chuyên viên xử lý',
  LEADER: 'Lãnh đạo',
  CLERK: 'Văn thư',
  SECTOR_SYSTEM: 'Hệ thống chuyên ngành',
  ADMIN: 'Quản trị hệ thống',
  OBSERVER: 'Giám sát',
};

const ACTION_WORDS: Record<DossierAction, string> = {
  RECEIVE: 'Tiếp nhận hồ sơ',
  REJECT: 'Từ chối hồ sơ',
  REQUEST_SUPPLEMENT: 'Yêu cầu bổ sung hồ sơ',
  SUPPLEMENT: 'Công dân bổ sung hồ sơ',
  REQUEST_PAYMENT: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  SUBMIT_FOR_APPROVAL: 'Trình lãnh đạo phê duyệt',
  RETURN_FOR_REVISION: 'Trả lại để xử lý lại',
  APPROVE: 'Lãnh đạo phê duyệt',
  ISSUE_RESULT: 'Ban hành kết quả',
  DELIVER: 'Trả kết quả',
  WITHDRAW: 'Công dân rút hồ sơ',
  STOP: 'Dừng xử lý',
  EXTEND: 'Gia hạn thời gian giải quyết',
  TRANSFER: 'Chuyển xử lý liên thông',
  COMPLETE_STEP: 'Hoàn thành bước xử lý',
};

export interface StepFacts {
  code: string;
  action: DossierAction | 'PAYMENT_SETTLED';
  actor: string;
  role: Role;
  at: Date;
  agencyName: string;
  note?: string | null;
  status: DossierStatus;
  justReceived?: boolean;
}

/** One progress line (tiến độ xử lý). */
export function progressLine(s: StepFacts): NationalProgressLine {
  const words = s.action === 'PAYMENT_SETTLED' ? 'Đã thực hiện nghĩa vụ tài chính' : ACTION_WORDS[s.action];
  return {
    MaHoSo: s.code,
    NguoiXuLy: s.actor,
    ChucDanh: ROLE_TITLES[s.role] ?? s.role,
    ThoiDiemXuLy: toNationalDate(s.at),
    PhongBanXuLy: s.agencyName,
    NoiDungXuLy: s.note ? `${words}: ${s.note}` : words,
    TrangThai: nationalStatusCode(s.status, s.justReceived) as NationalStatusCode,
  };
}

/** The message of every feedback change (topic FEEDBACK_FORWARD): the PAKN record as it now is. */
export interface FeedbackForwardPayload {
  record: NationalFeedbackRecord;
}

/** The record the national portal's PAKN system receives (create-or-update by MaPAKN). */
export function nationalFeedbackRecord(f: FeedbackRow): NationalFeedbackRecord {
  return {
    MaPAKN: f.code,
    TieuDe: f.title,
    NoiDung: f.content,
    HoTenNguoiGui: f.contactFullName,
    SoDienThoai: f.contactPhone,
    Email: f.contactEmail,
    SoDinhDanh: f.contactIdentityNumber,
    NgayGui: toNationalDate(f.submittedAt),
    DonViTiepNhan: f.agencyCode,
    MaTTHC: f.procedureCode,
    MaHoSo: f.dossierCode,
    TrangThai: NATIONAL_FEEDBACK_STATUS[f.status],
    HanXuLy: toNationalDateOrNull(f.dueAt),
    NoiDungTraLoi: f.answer,
    NgayTraLoi: toNationalDateOrNull(f.answeredAt),
    CongKhai: toFlag(f.isPublic),
  };
}
