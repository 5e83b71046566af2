/**
 * Demo catalogue for `npm start` and the tests: one province (Hà Giang, unit-code suffix H22),
 * its agencies at three levels, sectors and administrative procedures (TTHC).
 *
 * DEMO DATA. Procedure names, codes, fees and legal bases are modelled on the published national
 * catalogue as it stood before the 2025 reorganisation (Sở Kế hoạch và Đầu tư, Sở Giao thông vận
 * tải, district People's Committees still exist here), but this is not an official catalogue:
 * codes may differ from the live ones, agency numbering is invented, and provincial fee levels
 * are illustrative. Pure data: no I/O, no imports.
 */

export type Level = 'PROVINCE' | 'DISTRICT' | 'COMMUNE';

export interface DemoAgency {
  code: string;
  name: string;
  level: Level;
  parentCode: string | null;
  oneStopPhone?: string;
}

export interface DemoSector {
  code: string;
  name: string;
}

export interface DemoProcedure {
  code: string;
  name: string;
  sectorCode: string;
  level: Level;
  serviceLevel: 'FULL_ONLINE' | 'PARTIAL_ONLINE' | 'NOT_ONLINE';
  /** Agencies (from demoAgencies) that implement it. */
  agencyCodes: string[];
  /** Trình tự thực hiện. */
  steps: string[];
  channels: ('COUNTER' | 'ONLINE' | 'POSTAL')[];
  components: { code: string; name: string; required: boolean; copies?: number; templateUrl?: string }[];
  /** 0.5 = four working hours allowed. */
  processingWorkingDays: number;
  targetSubjects: string[];
  resultDescription: string;
  requirements?: string;
  /** VND integers; [] when free. */
  fees: { kind: 'FEE' | 'CHARGE'; amount: number; description?: string }[];
  legalBases: { number: string; title: string; issuedOn?: string /* YYYY-MM-DD */ }[];
  location?: string;
  /** YYYY-MM-DD */
  publishedAt?: string;
  /** Internal process (quy trình nội bộ) the province set up; none: the fixed lifecycle. */
  workflow?: DemoStep[];
}

/** A step of an internal process (src/domain/workflow.ts WorkflowStepDef). */
export interface DemoStep {
  name: string;
  role: 'RECEPTION_OFFICER' | 'SPECIALIST' | 'LEADER' | 'CLERK' | 'SECTOR_SYSTEM';
  agencyCode: string | null;
  share: number;
}

export const DEMO_NOTICE =
  'Dữ liệu minh họa (demo data): danh mục cơ quan và thủ tục hành chính của tỉnh Hà Giang trong dvc-hub ' +
  'chỉ dùng để chạy thử và kiểm thử; đây KHÔNG phải danh mục thủ tục hành chính chính thức. ' +
  'Mã, mức phí, lệ phí và thời hạn có thể khác văn bản công bố hiện hành — tra cứu thủ tục chính thức tại ' +
  'Cổng Dịch vụ công quốc gia (dichvucong.gov.vn).';

export const demoProvince: { code: string; name: string } = { code: 'H22', name: 'Tỉnh Hà Giang' };

const SUFFIX = demoProvince.code;
const dept = (n: string) => `000.00.${n}.${SUFFIX}`;
const district = (n: string) => `000.00.${n}.${SUFFIX}`;
const commune = (districtNo: string, n: string) => `000.${districtNo}.${n}.${SUFFIX}`;

// ------------------------------------------------------------------ agencies

export const demoAgencies: DemoAgency[] = [
  // Departments (cấp tỉnh). No provincial People's Committee root: parentCode is null.
  { code: dept('12'), name: 'Sở Kế hoạch và Đầu tư', level: 'PROVINCE', parentCode: null, oneStopPhone: '02193866012' },
  { code: dept('13'), name: 'Sở Giao thông vận tải', level: 'PROVINCE', parentCode: null, oneStopPhone: '02193866013' },
  { code: dept('14'), name: 'Sở Xây dựng', level: 'PROVINCE', parentCode: null, oneStopPhone: '02193866014' },
  { code: dept('15'), name: 'Sở Tư pháp', level: 'PROVINCE', parentCode: null, oneStopPhone: '02193866015' },
  { code: dept('16'), name: 'Sở Y tế', level: 'PROVINCE', parentCode: null, oneStopPhone: '02193866016' },
  { code: dept('17'), name: 'Sở Công Thương', level: 'PROVINCE', parentCode: null, oneStopPhone: '02193866017' },
  { code: dept('18'), name: 'Sở Tài nguyên và Môi trường', level: 'PROVINCE', parentCode: null, oneStopPhone: '02193866018' },
  { code: dept('19'), name: 'Sở Lao động - Thương binh và Xã hội', level: 'PROVINCE', parentCode: null },

  // District People's Committees (cấp huyện).
  { code: district('31'), name: 'Ủy ban nhân dân thành phố Hà Giang', level: 'DISTRICT', parentCode: null, oneStopPhone: '02193862231' },
  { code: district('32'), name: 'Ủy ban nhân dân huyện Vị Xuyên', level: 'DISTRICT', parentCode: null, oneStopPhone: '02193826232' },
  { code: district('33'), name: 'Ủy ban nhân dân huyện Bắc Quang', level: 'DISTRICT', parentCode: null, oneStopPhone: '02193820233' },
  { code: district('34'), name: 'Ủy ban nhân dân huyện Quản Bạ', level: 'DISTRICT', parentCode: null, oneStopPhone: '02193846234' },

  // Commune / ward People's Committees (cấp xã); the code embeds the district's number.
  { code: commune('31', '30'), name: 'Ủy ban nhân dân phường Minh Khai', level: 'COMMUNE', parentCode: district('31'), oneStopPhone: '02193867130' },
  { code: commune('31', '31'), name: 'Ủy ban nhân dân phường Trần Phú', level: 'COMMUNE', parentCode: district('31'), oneStopPhone: '02193867131' },
  { code: commune('31', '32'), name: 'Ủy ban nhân dân xã Phương Thiện', level: 'COMMUNE', parentCode: district('31'), oneStopPhone: '02193867132' },
  { code: commune('32', '30'), name: 'Ủy ban nhân dân thị trấn Vị Xuyên', level: 'COMMUNE', parentCode: district('32'), oneStopPhone: '02193827230' },
  { code: commune('32', '31'), name: 'Ủy ban nhân dân xã Đạo Đức', level: 'COMMUNE', parentCode: district('32'), oneStopPhone: '02193827231' },
  { code: commune('32', '32'), name: 'Ủy ban nhân dân xã Phú Linh', level: 'COMMUNE', parentCode: district('32') },
  { code: commune('33', '30'), name: 'Ủy ban nhân dân thị trấn Việt Quang', level: 'COMMUNE', parentCode: district('33'), oneStopPhone: '02193821330' },
  { code: commune('33', '31'), name: 'Ủy ban nhân dân xã Hùng An', level: 'COMMUNE', parentCode: district('33'), oneStopPhone: '02193821331' },
  { code: commune('34', '30'), name: 'Ủy ban nhân dân thị trấn Tam Sơn', level: 'COMMUNE', parentCode: district('34'), oneStopPhone: '02193846430' },
  { code: commune('34', '31'), name: 'Ủy ban nhân dân xã Quyết Tiến', level: 'COMMUNE', parentCode: district('34') },
];

const codesAt = (level: Level) => demoAgencies.filter((a) => a.level === level).map((a) => a.code);
const ALL_COMMUNES = codesAt('COMMUNE');
const ALL_DISTRICTS = codesAt('DISTRICT');

const SO_KHDT = dept('12');
const SO_GTVT = dept('13');
const SO_XD = dept('14');
const SO_TP = dept('15');
const SO_YT = dept('16');
const SO_CT = dept('17');
const SO_TNMT = dept('18');
const SO_LDTBXH = dept('19');

// ------------------------------------------------------------------ sectors

export const demoSectors: DemoSector[] = [
  { code: 'HT', name: 'Hộ tịch' },
  { code: 'CT', name: 'Chứng thực' },
  { code: 'LLTP', name: 'Lý lịch tư pháp' },
  { code: 'DB', name: 'Đường bộ' },
  { code: 'DKDN', name: 'Thành lập và hoạt động doanh nghiệp' },
  { code: 'HKD', name: 'Thành lập và hoạt động của hộ kinh doanh' },
  { code: 'HDXD', name: 'Hoạt động xây dựng' },
  { code: 'ATTP', name: 'An toàn thực phẩm' },
  { code: 'DUOC', name: 'Dược phẩm' },
  { code: 'LD', name: 'Lao động' },
  { code: 'LTHH', name: 'Lưu thông hàng hóa trong nước' },
  { code: 'XTTM', name: 'Xúc tiến thương mại' },
  { code: 'DD', name: 'Đất đai' },
  { code: 'MT', name: 'Môi trường' },
  { code: 'BTXH', name: 'Bảo trợ xã hội' },
];

// ------------------------------------------------------------------ shared texts

type Legal = DemoProcedure['legalBases'][number];

const L = {
  luatHoTich: { number: '60/2014/QH13', title: 'Luật Hộ tịch', issuedOn: '2014-11-20' },
  nd123: { number: '123/2015/NĐ-CP', title: 'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch', issuedOn: '2015-11-15' },
  tt04: { number: '04/2020/TT-BTP', title: 'Thông tư quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định số 123/2015/NĐ-CP', issuedOn: '2020-05-28' },
  nd87: { number: '87/2020/NĐ-CP', title: 'Nghị định quy định về Cơ sở dữ liệu hộ tịch điện tử, đăng ký hộ tịch trực tuyến', issuedOn: '2020-07-28' },
  tt85: { number: '85/2019/TT-BTC', title: 'Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương', issuedOn: '2019-11-29' },
  tt281: { number: '281/2016/TT-BTC', title: 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch, phí xác nhận có quốc tịch Việt Nam, phí xác nhận là người gốc Việt Nam, lệ phí quốc tịch', issuedOn: '2016-11-14' },
  blds: { number: '91/2015/QH13', title: 'Bộ luật Dân sự', issuedOn: '2015-11-24' },
  nd23: { number: '23/2015/NĐ-CP', title: 'Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch', issuedOn: '2015-02-16' },
  tt01btp: { number: '01/2020/TT-BTP', title: 'Thông tư quy định chi tiết và hướng dẫn thi hành một số điều của Nghị định số 23/2015/NĐ-CP', issuedOn: '2020-03-03' },
  tt226: { number: '226/2016/TT-BTC', title: 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực', issuedOn: '2016-11-11' },
  luatLltp: { number: '28/2009/QH12', title: 'Luật Lý lịch tư pháp', issuedOn: '2009-06-17' },
  nd111: { number: '111/2010/NĐ-CP', title: 'Nghị định quy định chi tiết và hướng dẫn thi hành một số điều của Luật Lý lịch tư pháp', issuedOn: '2010-11-23' },
  tt13btp: { number: '13/2011/TT-BTP', title: 'Thông tư ban hành và hướng dẫn việc sử dụng biểu mẫu và mẫu sổ lý lịch tư pháp', issuedOn: '2011-06-27' },
  tt244: { number: '244/2016/TT-BTC', title: 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp', issuedOn: '2016-11-11' },
  luatGtdb: { number: '23/2008/QH12', title: 'Luật Giao thông đường bộ', issuedOn: '2008-11-13' },
  tt12gplx: { number: '12/2017/TT-BGTVT', title: 'Thông tư quy định về đào tạo, sát hạch, cấp giấy phép lái xe cơ giới đường bộ', issuedOn: '2017-04-15' },
  tt37: { number: '37/2023/TT-BTC', title: 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí sát hạch lái xe; lệ phí cấp bằng, chứng chỉ được hoạt động trên các loại phương tiện và lệ phí đăng ký, cấp biển phương tiện giao thông', issuedOn: '2023-06-07' },
  nd10: { number: '10/2020/NĐ-CP', title: 'Nghị định quy định về kinh doanh và điều kiện kinh doanh vận tải bằng xe ô tô', issuedOn: '2020-01-17' },
  tt12vt: { number: '12/2020/TT-BGTVT', title: 'Thông tư quy định về tổ chức, quản lý hoạt động vận tải bằng xe ô tô và dịch vụ hỗ trợ vận tải đường bộ', issuedOn: '2020-05-29' },
  luatDn: { number: '59/2020/QH14', title: 'Luật Doanh nghiệp', issuedOn: '2020-06-17' },
  nd01: { number: '01/2021/NĐ-CP', title: 'Nghị định về đăng ký doanh nghiệp', issuedOn: '2021-01-04' },
  tt01kh: { number: '01/2021/TT-BKHĐT', title: 'Thông tư hướng dẫn về đăng ký doanh nghiệp', issuedOn: '2021-03-16' },
  tt47: { number: '47/2019/TT-BTC', title: 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin doanh nghiệp, lệ phí đăng ký doanh nghiệp', issuedOn: '2019-08-05' },
  luatXd: { number: '50/2014/QH13', title: 'Luật Xây dựng', issuedOn: '2014-06-18' },
  luat62: { number: '62/2020/QH14', title: 'Luật sửa đổi, bổ sung một số điều của Luật Xây dựng', issuedOn: '2020-06-17' },
  nd15xd: { number: '15/2021/NĐ-CP', title: 'Nghị định quy định chi tiết một số nội dung về quản lý dự án đầu tư xây dựng', issuedOn: '2021-03-03' },
  tt38: { number: '38/2022/TT-BTC', title: 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định cấp giấy phép hoạt động xây dựng, lệ phí cấp chứng chỉ hành nghề hoạt động xây dựng', issuedOn: '2022-06-24' },
  luatAttp: { number: '55/2010/QH12', title: 'Luật An toàn thực phẩm', issuedOn: '2010-06-17' },
  nd15attp: { number: '15/2018/NĐ-CP', title: 'Nghị định quy định chi tiết thi hành một số điều của Luật An toàn thực phẩm', issuedOn: '2018-02-02' },
  nd155: { number: '155/2018/NĐ-CP', title: 'Nghị định sửa đổi, bổ sung một số quy định liên quan đến điều kiện đầu tư kinh doanh thuộc phạm vi quản lý nhà nước của Bộ Y tế', issuedOn: '2018-11-12' },
  tt43: { number: '43/2018/TT-BCT', title: 'Thông tư quy định về quản lý an toàn thực phẩm thuộc trách nhiệm của Bộ Công Thương', issuedOn: '2018-11-15' },
  tt67: { number: '67/2021/TT-BTC', title: 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí trong công tác an toàn thực phẩm', issuedOn: '2021-08-05' },
  nd17: { number: '17/2020/NĐ-CP', title: 'Nghị định sửa đổi, bổ sung một số điều của các Nghị định liên quan đến điều kiện đầu tư kinh doanh thuộc lĩnh vực quản lý nhà nước của Bộ Công Thương', issuedOn: '2020-02-05' },
  luatDuoc: { number: '105/2016/QH13', title: 'Luật Dược', issuedOn: '2016-04-06' },
  nd54: { number: '54/2017/NĐ-CP', title: 'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Dược', issuedOn: '2017-05-08' },
  tt277: { number: '277/2016/TT-BTC', title: 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí trong lĩnh vực dược, mỹ phẩm', issuedOn: '2016-11-14' },
  blld: { number: '45/2019/QH14', title: 'Bộ luật Lao động', issuedOn: '2019-11-20' },
  nd152: { number: '152/2020/NĐ-CP', title: 'Nghị định quy định về người lao động nước ngoài làm việc tại Việt Nam và tuyển dụng, quản lý người lao động Việt Nam làm việc cho tổ chức, cá nhân nước ngoài tại Việt Nam', issuedOn: '2020-12-30' },
  nd70: { number: '70/2023/NĐ-CP', title: 'Nghị định sửa đổi, bổ sung một số điều của Nghị định số 152/2020/NĐ-CP', issuedOn: '2023-09-18' },
  luatTm: { number: '36/2005/QH11', title: 'Luật Thương mại', issuedOn: '2005-06-14' },
  nd81: { number: '81/2018/NĐ-CP', title: 'Nghị định quy định chi tiết Luật Thương mại về hoạt động xúc tiến thương mại', issuedOn: '2018-05-22' },
  nd105: { number: '105/2017/NĐ-CP', title: 'Nghị định về kinh doanh rượu', issuedOn: '2017-09-14' },
  tt168: { number: '168/2016/TT-BTC', title: 'Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định kinh doanh thương mại có điều kiện', issuedOn: '2016-10-26' },
  luatThuocLa: { number: '09/2012/QH13', title: 'Luật Phòng, chống tác hại của thuốc lá', issuedOn: '2012-06-18' },
  nd67: { number: '67/2013/NĐ-CP', title: 'Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Phòng, chống tác hại của thuốc lá về kinh doanh thuốc lá', issuedOn: '2013-06-27' },
  nd106: { number: '106/2017/NĐ-CP', title: 'Nghị định sửa đổi, bổ sung một số điều của Nghị định số 67/2013/NĐ-CP', issuedOn: '2017-09-14' },
  luatDd: { number: '31/2024/QH15', title: 'Luật Đất đai', issuedOn: '2024-01-18' },
  nd102: { number: '102/2024/NĐ-CP', title: 'Nghị định quy định chi tiết thi hành một số điều của Luật Đất đai', issuedOn: '2024-07-30' },
  luatHgcs: { number: '35/2013/QH13', title: 'Luật Hòa giải ở cơ sở', issuedOn: '2013-06-20' },
  luatBvmt: { number: '72/2020/QH14', title: 'Luật Bảo vệ môi trường', issuedOn: '2020-11-17' },
  nd08: { number: '08/2022/NĐ-CP', title: 'Nghị định quy định chi tiết một số điều của Luật Bảo vệ môi trường', issuedOn: '2022-01-10' },
  tt02mt: { number: '02/2022/TT-BTNMT', title: 'Thông tư quy định chi tiết thi hành một số điều của Luật Bảo vệ môi trường', issuedOn: '2022-01-10' },
  nd20: { number: '20/2021/NĐ-CP', title: 'Nghị định quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội', issuedOn: '2021-03-15' },
  luatNct: { number: '39/2009/QH12', title: 'Luật Người cao tuổi', issuedOn: '2009-11-23' },
  luatNkt: { number: '51/2010/QH12', title: 'Luật Người khuyết tật', issuedOn: '2010-06-17' },
} satisfies Record<string, Legal>;

const HOURS = 'sáng từ 07 giờ 00 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ 00 các ngày từ thứ Hai đến thứ Sáu (trừ ngày nghỉ lễ, Tết)';
const ONLINE = 'hoặc nộp trực tuyến tại Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) / Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Hà Giang';
const AT_COMMUNE = `Bộ phận Một cửa Ủy ban nhân dân cấp xã; ${HOURS}`;
const AT_DISTRICT = `Bộ phận Một cửa Ủy ban nhân dân cấp huyện; ${HOURS}`;
const AT_PROVINCE = (dept: string) => `Trung tâm Phục vụ hành chính công tỉnh Hà Giang (quầy ${dept}); ${HOURS}`;

const ALL_CHANNELS: DemoProcedure['channels'] = ['COUNTER', 'ONLINE', 'POSTAL'];
const tthc = (base: string) => `${base}.000.00.00.${SUFFIX}`;
const TEMPLATE = (file: string) => `/mau-don/${file}`;

// ------------------------------------------------------------------ procedures

const procedures: DemoProcedure[] = [
  // ============================================================ COMMUNE — Hộ tịch
  {
    code: tthc('1.001193'),
    name: 'Đăng ký khai sinh',
    sectorCode: 'HT',
    level: 'COMMUNE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      `Người có trách nhiệm đi khai sinh nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp xã nơi cư trú của người cha hoặc người mẹ ${ONLINE}.`,
      'Công chức tư pháp - hộ tịch kiểm tra hồ sơ; hồ sơ chưa đầy đủ thì hướng dẫn bổ sung, hoàn thiện một lần.',
      'Hồ sơ hợp lệ: công chức tư pháp - hộ tịch ghi nội dung khai sinh vào Sổ hộ tịch, cập nhật vào Cơ sở dữ liệu hộ tịch điện tử và cấp số định danh cá nhân.',
      'Chủ tịch Ủy ban nhân dân cấp xã ký Giấy khai sinh (bản chính hoặc bản điện tử).',
      'Trả Giấy khai sinh cho người đi đăng ký; người đi đăng ký cùng công chức tư pháp - hộ tịch ký tên vào Sổ hộ tịch.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'KS-01', name: 'Tờ khai đăng ký khai sinh theo mẫu ban hành kèm theo Thông tư số 04/2020/TT-BTP', required: true, copies: 1, templateUrl: TEMPLATE('to-khai-dang-ky-khai-sinh.docx') },
      { code: 'KS-02', name: 'Giấy chứng sinh (bản chính) hoặc văn bản của người làm chứng xác nhận về việc sinh; trường hợp không có người làm chứng thì giấy cam đoan về việc sinh', required: true, copies: 1 },
      { code: 'KS-03', name: 'Biên bản xác nhận việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập (đối với trẻ bị bỏ rơi)', required: false, copies: 1 },
      { code: 'KS-04', name: 'Văn bản ủy quyền theo quy định của pháp luật (trường hợp ủy quyền đăng ký khai sinh)', required: false, copies: 1 },
    ],
    processingWorkingDays: 0.5,
    targetSubjects: ['Công dân Việt Nam'],
    resultDescription: 'Giấy khai sinh (bản chính, bản điện tử) và số định danh cá nhân của trẻ',
    requirements: 'Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con; trường hợp cha, mẹ không thể đăng ký thì ông, bà hoặc người thân thích khác đăng ký. Hồ sơ nhận sau 15 giờ mà không giải quyết được ngay thì trả kết quả trong ngày làm việc tiếp theo.',
    fees: [],
    legalBases: [L.luatHoTich, L.nd123, L.tt04, L.nd87, L.tt85],
    location: AT_COMMUNE,
    publishedAt: '2023-03-15',
  },
  {
    code: tthc('1.000894'),
    name: 'Đăng ký kết hôn',
    sectorCode: 'HT',
    level: 'COMMUNE',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      `Hai bên nam, nữ nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp xã nơi cư trú của một trong hai bên ${ONLINE}.`,
      'Công chức tư pháp - hộ tịch kiểm tra, xác minh hồ sơ; nếu thấy đủ điều kiện kết hôn theo quy định của Luật Hôn nhân và gia đình thì báo cáo Chủ tịch Ủy ban nhân dân cấp xã.',
      'Chủ tịch Ủy ban nhân dân cấp xã ký Giấy chứng nhận kết hôn.',
      'Hai bên nam, nữ có mặt, cùng ký vào Giấy chứng nhận kết hôn và Sổ hộ tịch; công chức tư pháp - hộ tịch trao Giấy chứng nhận kết hôn cho mỗi bên.',
    ],
    channels: ['COUNTER', 'ONLINE'],
    components: [
      { code: 'KH-01', name: 'Tờ khai đăng ký kết hôn theo mẫu (hai bên có thể khai chung một Tờ khai)', required: true, copies: 1, templateUrl: TEMPLATE('to-khai-dang-ky-ket-hon.docx') },
      { code: 'KH-02', name: 'Giấy xác nhận tình trạng hôn nhân (trường hợp người yêu cầu không thường trú tại xã nơi đăng ký kết hôn)', required: false, copies: 1 },
      { code: 'KH-03', name: 'Trích lục ghi chú ly hôn hoặc bản sao bản án, quyết định ly hôn đã có hiệu lực (nếu đã từng ly hôn ở nước ngoài)', required: false, copies: 1 },
    ],
    processingWorkingDays: 0.5,
    targetSubjects: ['Công dân Việt Nam cư trú ở trong nước'],
    resultDescription: 'Giấy chứng nhận kết hôn (01 bản chính cho mỗi bên)',
    requirements: 'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi trở lên; việc kết hôn do hai bên tự nguyện quyết định; không bị mất năng lực hành vi dân sự; không thuộc các trường hợp cấm kết hôn theo Luật Hôn nhân và gia đình. Trường hợp cần xác minh thì thời hạn giải quyết không quá 05 ngày làm việc.',
    fees: [],
    legalBases: [L.luatHoTich, L.nd123, L.tt04, L.nd87],
    location: AT_COMMUNE,
    publishedAt: '2023-03-15',
  },
  {
    code: tthc('1.000656'),
    name: 'Đăng ký khai tử',
    sectorCode: 'HT',
    level: 'COMMUNE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      `Người có trách nhiệm đi khai tử nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp xã nơi cư trú cuối cùng của người chết ${ONLINE}.`,
      'Công chức tư pháp - hộ tịch kiểm tra giấy tờ; nếu việc khai tử đúng thì ghi nội dung khai tử vào Sổ hộ tịch và cập nhật Cơ sở dữ liệu hộ tịch điện tử.',
      'Chủ tịch Ủy ban nhân dân cấp xã cấp Trích lục khai tử cho người đi khai tử.',
      'Trả kết quả; thông tin khai tử được chia sẻ sang Cơ sở dữ liệu quốc gia về dân cư để xóa đăng ký thường trú.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'KT-01', name: 'Tờ khai đăng ký khai tử theo mẫu', required: true, copies: 1, templateUrl: TEMPLATE('to-khai-dang-ky-khai-tu.docx') },
      { code: 'KT-02', name: 'Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử do cơ quan có thẩm quyền cấp', required: true, copies: 1 },
      { code: 'KT-03', name: 'Văn bản ủy quyền (trường hợp ủy quyền thực hiện việc đăng ký khai tử)', required: false, copies: 1 },
    ],
    processingWorkingDays: 0.5,
    targetSubjects: ['Công dân Việt Nam', 'Người thân thích của người chết'],
    resultDescription: 'Trích lục khai tử (bản chính, bản điện tử)',
    requirements: 'Trong thời hạn 15 ngày kể từ ngày có người chết thì vợ, chồng hoặc con, cha, mẹ hoặc người thân thích khác của người chết có trách nhiệm đi khai tử. Trường hợp cần xác minh thì thời hạn giải quyết không quá 03 ngày làm việc.',
    fees: [],
    legalBases: [L.luatHoTich, L.nd123, L.tt04, L.nd87],
    location: AT_COMMUNE,
    publishedAt: '2023-03-15',
  },
  {
    code: tthc('1.001022'),
    name: 'Đăng ký nhận cha, mẹ, con',
    sectorCode: 'HT',
    level: 'COMMUNE',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      `Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp xã nơi cư trú của người nhận hoặc người được nhận ${ONLINE}.`,
      'Công chức tư pháp - hộ tịch kiểm tra hồ sơ, niêm yết công khai việc nhận cha, mẹ, con tại trụ sở Ủy ban nhân dân cấp xã và xác minh (nếu cần).',
      'Trường hợp việc nhận cha, mẹ, con là đúng và không có tranh chấp, công chức tư pháp - hộ tịch ghi vào Sổ hộ tịch; các bên cùng ký vào Sổ hộ tịch.',
      'Chủ tịch Ủy ban nhân dân cấp xã cấp Trích lục đăng ký nhận cha, mẹ, con cho người yêu cầu.',
    ],
    channels: ['COUNTER', 'ONLINE'],
    components: [
      { code: 'CMC-01', name: 'Tờ khai đăng ký nhận cha, mẹ, con theo mẫu', required: true, copies: 1, templateUrl: TEMPLATE('to-khai-nhan-cha-me-con.docx') },
      { code: 'CMC-02', name: 'Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan khác có thẩm quyền xác nhận quan hệ cha con, mẹ con; nếu không có thì thư từ, phim ảnh, băng đĩa, đồ dùng, vật dụng khác chứng minh mối quan hệ và văn bản cam đoan', required: true, copies: 1 },
    ],
    processingWorkingDays: 3,
    targetSubjects: ['Công dân Việt Nam cư trú ở trong nước'],
    resultDescription: 'Trích lục đăng ký nhận cha, mẹ, con',
    requirements: 'Các bên phải có mặt khi đăng ký; người nhận và người được nhận còn sống, không có tranh chấp về quan hệ cha, mẹ, con.',
    fees: [{ kind: 'CHARGE', amount: 15000, description: 'Lệ phí đăng ký nhận cha, mẹ, con (miễn cho người thuộc gia đình có công với cách mạng, hộ nghèo, người khuyết tật)' }],
    legalBases: [L.luatHoTich, L.nd123, L.tt04, L.tt85],
    location: AT_COMMUNE,
    publishedAt: '2023-03-15',
  },
  {
    code: tthc('1.004837'),
    name: 'Đăng ký giám hộ',
    sectorCode: 'HT',
    level: 'COMMUNE',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      `Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp xã nơi cư trú của người được giám hộ hoặc người giám hộ ${ONLINE}.`,
      'Công chức tư pháp - hộ tịch kiểm tra hồ sơ; nếu thấy đủ điều kiện thì ghi vào Sổ hộ tịch, cùng người đi đăng ký giám hộ ký vào Sổ.',
      'Chủ tịch Ủy ban nhân dân cấp xã cấp Trích lục đăng ký giám hộ cho người yêu cầu.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'GH-01', name: 'Tờ khai đăng ký giám hộ theo mẫu', required: true, copies: 1 },
      { code: 'GH-02', name: 'Văn bản cử người giám hộ theo quy định của Bộ luật Dân sự (đối với giám hộ cử) hoặc giấy tờ chứng minh điều kiện làm giám hộ đương nhiên', required: true, copies: 1 },
    ],
    processingWorkingDays: 0.5,
    targetSubjects: ['Công dân Việt Nam'],
    resultDescription: 'Trích lục đăng ký giám hộ',
    requirements: 'Người giám hộ đáp ứng điều kiện quy định tại Bộ luật Dân sự; trường hợp có nhiều người cùng đủ điều kiện làm giám hộ đương nhiên thì phải có văn bản thỏa thuận về việc cử một người làm giám hộ.',
    fees: [],
    legalBases: [L.blds, L.luatHoTich, L.nd123, L.tt04],
    location: AT_COMMUNE,
    publishedAt: '2023-03-15',
  },
  {
    code: tthc('1.004845'),
    name: 'Đăng ký chấm dứt giám hộ',
    sectorCode: 'HT',
    level: 'COMMUNE',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      `Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp xã nơi đã đăng ký giám hộ ${ONLINE}.`,
      'Công chức tư pháp - hộ tịch kiểm tra hồ sơ, ghi việc chấm dứt giám hộ vào Sổ hộ tịch.',
      'Chủ tịch Ủy ban nhân dân cấp xã cấp Trích lục đăng ký chấm dứt giám hộ.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'CDGH-01', name: 'Tờ khai đăng ký chấm dứt giám hộ theo mẫu', required: true, copies: 1 },
      { code: 'CDGH-02', name: 'Giấy tờ làm căn cứ chấm dứt giám hộ theo quy định của Bộ luật Dân sự', required: true, copies: 1 },
    ],
    processingWorkingDays: 2,
    targetSubjects: ['Công dân Việt Nam'],
    resultDescription: 'Trích lục đăng ký chấm dứt giám hộ',
    requirements: 'Có căn cứ chấm dứt việc giám hộ theo quy định tại Bộ luật Dân sự.',
    fees: [],
    legalBases: [L.blds, L.luatHoTich, L.nd123, L.tt04],
    location: AT_COMMUNE,
    publishedAt: '2023-03-15',
  },
  {
    code: tthc('1.004873'),
    name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    sectorCode: 'HT',
    level: 'COMMUNE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      `Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp xã nơi thường trú ${ONLINE}.`,
      'Công chức tư pháp - hộ tịch kiểm tra, xác minh tình trạng hôn nhân của người yêu cầu (qua Cơ sở dữ liệu hộ tịch điện tử hoặc văn bản đề nghị xác minh nếu người yêu cầu đã từng cư trú ở nhiều nơi).',
      'Nếu người yêu cầu đủ điều kiện, Chủ tịch Ủy ban nhân dân cấp xã ký Giấy xác nhận tình trạng hôn nhân.',
      'Trả Giấy xác nhận tình trạng hôn nhân (bản giấy hoặc bản điện tử) cho người yêu cầu.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'XNHN-01', name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu', required: true, copies: 1, templateUrl: TEMPLATE('to-khai-xac-nhan-tinh-trang-hon-nhan.docx') },
      { code: 'XNHN-02', name: 'Bản án, quyết định ly hôn đã có hiệu lực pháp luật hoặc trích lục khai tử của vợ/chồng (trường hợp trước đây đã có vợ/chồng)', required: false, copies: 1 },
      { code: 'XNHN-03', name: 'Giấy xác nhận tình trạng hôn nhân đã được cấp trước đây (trường hợp đề nghị cấp lại để sử dụng vào mục đích khác hoặc do hết hạn)', required: false, copies: 1 },
    ],
    processingWorkingDays: 3,
    targetSubjects: ['Công dân Việt Nam cư trú ở trong nước'],
    resultDescription: 'Giấy xác nhận tình trạng hôn nhân (có giá trị 06 tháng kể từ ngày cấp)',
    requirements: 'Người yêu cầu ghi rõ mục đích sử dụng Giấy xác nhận tình trạng hôn nhân; trường hợp sử dụng để kết hôn phải ghi rõ thông tin của người dự định kết hôn và nơi dự định đăng ký kết hôn.',
    fees: [],
    legalBases: [L.luatHoTich, L.nd123, L.tt04, L.nd87],
    location: AT_COMMUNE,
    publishedAt: '2023-03-15',
  },
  {
    code: tthc('2.000635'),
    name: 'Cấp bản sao trích lục hộ tịch',
    sectorCode: 'HT',
    level: 'COMMUNE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      `Người yêu cầu nộp tờ khai tại Bộ phận Một cửa Ủy ban nhân dân cấp xã nơi đang lưu giữ Sổ hộ tịch ${ONLINE}.`,
      'Công chức tư pháp - hộ tịch tra cứu Sổ hộ tịch, Cơ sở dữ liệu hộ tịch điện tử; nếu thông tin có trong dữ liệu thì trình Chủ tịch Ủy ban nhân dân cấp xã ký cấp bản sao trích lục.',
      'Trả bản sao trích lục hộ tịch cho người yêu cầu sau khi người yêu cầu nộp phí.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'TL-01', name: 'Tờ khai cấp bản sao trích lục hộ tịch theo mẫu (cơ quan, tổ chức gửi văn bản yêu cầu)', required: true, copies: 1 },
      { code: 'TL-02', name: 'Văn bản ủy quyền (trường hợp người yêu cầu ủy quyền cho người khác thực hiện)', required: false, copies: 1 },
    ],
    processingWorkingDays: 0.5,
    targetSubjects: ['Công dân Việt Nam', 'Người nước ngoài', 'Cơ quan, tổ chức có nhu cầu'],
    resultDescription: 'Bản sao trích lục hộ tịch (khai sinh, kết hôn, khai tử…) có giá trị sử dụng thay bản chính',
    requirements: 'Việc hộ tịch đã được đăng ký tại Ủy ban nhân dân cấp xã nơi yêu cầu cấp bản sao.',
    fees: [{ kind: 'FEE', amount: 8000, description: 'Phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch: 8.000 đồng/bản sao trích lục' }],
    legalBases: [L.luatHoTich, L.nd123, L.tt04, L.tt281],
    location: AT_COMMUNE,
    publishedAt: '2023-03-15',
  },
  {
    code: tthc('1.004859'),
    name: 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch',
    sectorCode: 'HT',
    level: 'COMMUNE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      `Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp xã nơi đã đăng ký hộ tịch trước đây hoặc nơi cư trú ${ONLINE}.`,
      'Công chức tư pháp - hộ tịch kiểm tra hồ sơ; nếu thấy việc thay đổi, cải chính, bổ sung thông tin hộ tịch là có cơ sở thì ghi vào Sổ hộ tịch, cùng người yêu cầu ký vào Sổ.',
      'Chủ tịch Ủy ban nhân dân cấp xã cấp Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch.',
      'Cập nhật thông tin đã thay đổi vào Cơ sở dữ liệu hộ tịch điện tử và Cơ sở dữ liệu quốc gia về dân cư; trả kết quả.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'CC-01', name: 'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch theo mẫu', required: true, copies: 1 },
      { code: 'CC-02', name: 'Giấy tờ làm căn cứ cho việc thay đổi, cải chính, bổ sung thông tin hộ tịch', required: true, copies: 1 },
      { code: 'CC-03', name: 'Văn bản ủy quyền (trường hợp ủy quyền)', required: false, copies: 1 },
    ],
    processingWorkingDays: 3,
    targetSubjects: ['Công dân Việt Nam dưới 14 tuổi (thay đổi); công dân Việt Nam cư trú ở trong nước (cải chính, bổ sung)'],
    resultDescription: 'Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch',
    requirements: 'Việc thay đổi họ, chữ đệm, tên của người từ đủ 09 tuổi trở lên phải có sự đồng ý của người đó; việc cải chính chỉ thực hiện khi có đủ căn cứ xác định nội dung đăng ký hộ tịch có sai sót do lỗi của công chức làm công tác hộ tịch hoặc của người yêu cầu. Trường hợp cần xác minh thì thời hạn được kéo dài thêm không quá 03 ngày làm việc.',
    fees: [{ kind: 'CHARGE', amount: 15000, description: 'Lệ phí thay đổi, cải chính, bổ sung thông tin hộ tịch (theo Nghị quyết của Hội đồng nhân dân tỉnh)' }],
    legalBases: [L.luatHoTich, L.nd123, L.tt04, L.tt85],
    location: AT_COMMUNE,
    publishedAt: '2023-03-15',
  },
  {
    code: tthc('1.004884'),
    name: 'Đăng ký lại khai sinh',
    sectorCode: 'HT',
    level: 'COMMUNE',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      `Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp xã nơi đã đăng ký khai sinh trước đây hoặc nơi người yêu cầu thường trú ${ONLINE}.`,
      'Công chức tư pháp - hộ tịch kiểm tra, xác minh hồ sơ; trường hợp đăng ký lại tại nơi khác với nơi đã đăng ký khai sinh trước đây thì gửi văn bản đề nghị nơi đăng ký trước kiểm tra, xác minh về việc lưu giữ Sổ hộ tịch.',
      'Nếu thấy hồ sơ đầy đủ, chính xác, việc đăng ký lại khai sinh là đúng quy định thì báo cáo Chủ tịch Ủy ban nhân dân cấp xã ký Giấy khai sinh (đăng ký lại).',
      'Trả Giấy khai sinh cho người yêu cầu; người yêu cầu ký vào Sổ hộ tịch.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'DLKS-01', name: 'Tờ khai đăng ký lại khai sinh theo mẫu', required: true, copies: 1 },
      { code: 'DLKS-02', name: 'Bản sao Giấy khai sinh cũ hoặc bản sao các giấy tờ, tài liệu có nội dung liên quan (CCCD, hộ chiếu, học bạ, văn bằng…)', required: true, copies: 1 },
      { code: 'DLKS-03', name: 'Văn bản cam đoan của người yêu cầu về việc đã đăng ký khai sinh nhưng không lưu giữ được bản chính Giấy khai sinh', required: true, copies: 1 },
    ],
    processingWorkingDays: 5,
    targetSubjects: ['Công dân Việt Nam'],
    resultDescription: 'Giấy khai sinh (đăng ký lại)',
    requirements: 'Việc khai sinh đã được đăng ký tại cơ quan có thẩm quyền của Việt Nam trước ngày 01/01/2016 nhưng Sổ hộ tịch và bản chính Giấy khai sinh đều bị mất.',
    fees: [],
    legalBases: [L.luatHoTich, L.nd123, L.tt04],
    location: AT_COMMUNE,
    publishedAt: '2023-03-15',
  },
  {
    code: tthc('1.000689'),
    name: 'Đăng ký khai sinh kết hợp nhận cha, mẹ, con',
    sectorCode: 'HT',
    level: 'COMMUNE',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      `Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp xã nơi cư trú của người cha hoặc người mẹ ${ONLINE}.`,
      'Công chức tư pháp - hộ tịch kiểm tra hồ sơ, xác minh (nếu cần); nếu thấy việc nhận cha, mẹ, con là đúng và không có tranh chấp thì ghi nội dung khai sinh, nhận cha, mẹ, con vào Sổ hộ tịch.',
      'Chủ tịch Ủy ban nhân dân cấp xã ký Giấy khai sinh và Trích lục đăng ký nhận cha, mẹ, con.',
      'Trả kết quả; người đăng ký ký vào Sổ hộ tịch.',
    ],
    channels: ['COUNTER', 'ONLINE'],
    components: [
      { code: 'KSCMC-01', name: 'Tờ khai đăng ký khai sinh và Tờ khai đăng ký nhận cha, mẹ, con theo mẫu', required: true, copies: 1 },
      { code: 'KSCMC-02', name: 'Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh', required: true, copies: 1 },
      { code: 'KSCMC-03', name: 'Chứng cứ chứng minh quan hệ cha, con hoặc mẹ, con', required: true, copies: 1 },
    ],
    processingWorkingDays: 3,
    targetSubjects: ['Công dân Việt Nam cư trú ở trong nước'],
    resultDescription: 'Giấy khai sinh và Trích lục đăng ký nhận cha, mẹ, con',
    requirements: 'Người nhận cha, mẹ, con và người được nhận đều còn sống; không có tranh chấp.',
    fees: [],
    legalBases: [L.luatHoTich, L.nd123, L.tt04],
    location: AT_COMMUNE,
    publishedAt: '2023-03-15',
  },
  {
    code: tthc('1.004772'),
    name: 'Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân',
    sectorCode: 'HT',
    level: 'COMMUNE',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      `Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp xã nơi thường trú ${ONLINE}.`,
      'Công chức tư pháp - hộ tịch kiểm tra, xác minh hồ sơ, giấy tờ cá nhân của người yêu cầu.',
      'Nếu thấy thông tin khai sinh là đầy đủ, phù hợp, công chức tư pháp - hộ tịch báo cáo Chủ tịch Ủy ban nhân dân cấp xã ký Giấy khai sinh.',
      'Trả Giấy khai sinh cho người yêu cầu.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'KSGT-01', name: 'Tờ khai đăng ký khai sinh theo mẫu', required: true, copies: 1 },
      { code: 'KSGT-02', name: 'Bản sao toàn bộ hồ sơ, giấy tờ cá nhân có các thông tin liên quan đến nội dung khai sinh của người yêu cầu', required: true, copies: 1 },
      { code: 'KSGT-03', name: 'Văn bản cam đoan của người yêu cầu về việc chưa được đăng ký khai sinh', required: true, copies: 1 },
    ],
    processingWorkingDays: 5,
    targetSubjects: ['Công dân Việt Nam'],
    resultDescription: 'Giấy khai sinh',
    requirements: 'Người chưa được đăng ký khai sinh nhưng đã có hồ sơ, giấy tờ cá nhân như CCCD, hộ chiếu, học bạ, văn bằng…',
    fees: [],
    legalBases: [L.luatHoTich, L.nd123, L.tt04],
    location: AT_COMMUNE,
    publishedAt: '2023-03-15',
  },

  // ============================================================ COMMUNE — Chứng thực
  {
    code: tthc('2.000908'),
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
    sectorCode: 'CT',
    level: 'COMMUNE',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      'Người yêu cầu chứng thực xuất trình bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao tại Bộ phận Một cửa Ủy ban nhân dân cấp xã, hoặc đề nghị chứng thực bản sao điện tử trên Cổng Dịch vụ công.',
      'Người thực hiện chứng thực kiểm tra bản chính, đối chiếu với bản sao; nếu nội dung bản sao đúng với bản chính và bản chính không thuộc các trường hợp không được chứng thực thì ghi lời chứng, ký, ghi rõ họ tên và đóng dấu.',
      'Người yêu cầu nộp phí và nhận bản sao đã được chứng thực (bản giấy hoặc bản điện tử).',
    ],
    channels: ['COUNTER', 'ONLINE'],
    components: [
      { code: 'CTBS-01', name: 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao', required: true, copies: 1 },
      { code: 'CTBS-02', name: 'Bản sao cần chứng thực (trường hợp người yêu cầu tự chuẩn bị bản sao)', required: false, copies: 1 },
    ],
    processingWorkingDays: 0.5,
    targetSubjects: ['Cá nhân, tổ chức trong nước', 'Người nước ngoài'],
    resultDescription: 'Bản sao được chứng thực từ bản chính',
    requirements: 'Bản chính không bị tẩy xóa, sửa chữa, thêm, bớt nội dung không hợp lệ; không bị hư hỏng, cũ nát không xác định được nội dung; không đóng dấu mật hoặc có xác định độ mật; không có nội dung trái pháp luật, đạo đức xã hội. Trường hợp yêu cầu chứng thực với số lượng lớn thì thời hạn được kéo dài nhưng không quá 02 ngày làm việc.',
    fees: [{ kind: 'FEE', amount: 2000, description: 'Phí chứng thực bản sao từ bản chính: 2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa không quá 200.000 đồng/bản' }],
    legalBases: [L.nd23, L.tt01btp, L.tt226],
    location: AT_COMMUNE,
    publishedAt: '2022-08-10',
  },
  {
    code: tthc('2.000884'),
    name: 'Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)',
    sectorCode: 'CT',
    level: 'COMMUNE',
    serviceLevel: 'NOT_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      'Người yêu cầu chứng thực xuất trình giấy tờ tùy thân và giấy tờ, văn bản mà mình sẽ ký tại Bộ phận Một cửa Ủy ban nhân dân cấp xã.',
      'Người thực hiện chứng thực kiểm tra giấy tờ; nếu người yêu cầu minh mẫn, nhận thức và làm chủ được hành vi của mình thì yêu cầu ký trước mặt.',
      'Người thực hiện chứng thực ghi lời chứng, ký, ghi rõ họ tên, đóng dấu và ghi vào sổ chứng thực.',
      'Người yêu cầu nộp phí và nhận giấy tờ, văn bản đã được chứng thực chữ ký.',
    ],
    channels: ['COUNTER'],
    components: [
      { code: 'CTCK-01', name: 'Bản chính hoặc bản sao có chứng thực giấy tờ tùy thân còn giá trị sử dụng (CCCD, hộ chiếu)', required: true, copies: 1 },
      { code: 'CTCK-02', name: 'Giấy tờ, văn bản mà người yêu cầu chứng thực sẽ ký', required: true, copies: 1 },
    ],
    processingWorkingDays: 0.5,
    targetSubjects: ['Cá nhân'],
    resultDescription: 'Giấy tờ, văn bản đã được chứng thực chữ ký',
    requirements: 'Người yêu cầu chứng thực phải ký trước mặt người thực hiện chứng thực; giấy tờ, văn bản không có nội dung trái pháp luật, đạo đức xã hội.',
    fees: [{ kind: 'FEE', amount: 10000, description: 'Phí chứng thực chữ ký: 10.000 đồng/trường hợp' }],
    legalBases: [L.nd23, L.tt01btp, L.tt226],
    location: AT_COMMUNE,
    publishedAt: '2022-08-10',
  },
  {
    code: tthc('2.001035'),
    name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở',
    sectorCode: 'CT',
    level: 'COMMUNE',
    serviceLevel: 'NOT_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      'Người yêu cầu chứng thực nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp xã nơi có đất, nhà ở.',
      'Người thực hiện chứng thực kiểm tra giấy tờ trong hồ sơ; nếu đầy đủ, tại thời điểm chứng thực các bên tự nguyện, minh mẫn thì thực hiện chứng thực.',
      'Các bên ký trước mặt người thực hiện chứng thực; người thực hiện chứng thực ghi lời chứng, ký và đóng dấu.',
      'Người yêu cầu nộp phí và nhận hợp đồng, giao dịch đã được chứng thực.',
    ],
    channels: ['COUNTER'],
    components: [
      { code: 'CTHD-01', name: 'Dự thảo hợp đồng, giao dịch', required: true, copies: 1 },
      { code: 'CTHD-02', name: 'Bản sao giấy tờ tùy thân của người yêu cầu chứng thực', required: true, copies: 1 },
      { code: 'CTHD-03', name: 'Bản sao Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất, hoặc giấy tờ thay thế theo quy định', required: true, copies: 1 },
    ],
    processingWorkingDays: 2,
    targetSubjects: ['Cá nhân, tổ chức'],
    resultDescription: 'Hợp đồng, giao dịch được chứng thực',
    requirements: 'Tài sản không bị kê biên, không có tranh chấp; các bên có năng lực hành vi dân sự đầy đủ và tự nguyện giao kết hợp đồng.',
    fees: [{ kind: 'FEE', amount: 50000, description: 'Phí chứng thực hợp đồng, giao dịch: 50.000 đồng/hợp đồng, giao dịch' }],
    legalBases: [L.nd23, L.tt01btp, L.tt226],
    location: AT_COMMUNE,
    publishedAt: '2022-08-10',
  },

  // ============================================================ COMMUNE — Đất đai
  {
    code: tthc('1.003554'),
    name: 'Hòa giải tranh chấp đất đai',
    sectorCode: 'DD',
    level: 'COMMUNE',
    serviceLevel: 'NOT_ONLINE',
    agencyCodes: ALL_COMMUNES,
    steps: [
      'Các bên tranh chấp nộp đơn yêu cầu hòa giải tại Ủy ban nhân dân cấp xã nơi có đất tranh chấp.',
      'Chủ tịch Ủy ban nhân dân cấp xã thành lập Hội đồng hòa giải tranh chấp đất đai; Hội đồng thẩm tra, xác minh nguồn gốc, quá trình sử dụng đất và thu thập giấy tờ, tài liệu liên quan.',
      'Tổ chức cuộc họp hòa giải có sự tham gia của các bên tranh chấp, thành viên Hội đồng và người có quyền lợi, nghĩa vụ liên quan.',
      'Lập biên bản hòa giải thành hoặc không thành và gửi cho các bên; lưu hồ sơ tại Ủy ban nhân dân cấp xã.',
    ],
    channels: ['COUNTER'],
    components: [
      { code: 'HGDD-01', name: 'Đơn yêu cầu hòa giải tranh chấp đất đai', required: true, copies: 1 },
      { code: 'HGDD-02', name: 'Giấy tờ, tài liệu liên quan đến thửa đất tranh chấp (nếu có)', required: false, copies: 1 },
    ],
    processingWorkingDays: 30,
    targetSubjects: ['Hộ gia đình, cá nhân', 'Cộng đồng dân cư', 'Tổ chức'],
    resultDescription: 'Biên bản hòa giải thành hoặc hòa giải không thành',
    requirements: 'Tranh chấp đất đai mà các bên không tự hòa giải được.',
    fees: [],
    legalBases: [L.luatDd, L.nd102, L.luatHgcs],
    location: AT_COMMUNE,
    publishedAt: '2024-09-05',
  },

  // ============================================================ DISTRICT
  {
    code: tthc('2.000720'),
    name: 'Đăng ký thành lập hộ kinh doanh',
    sectorCode: 'HKD',
    level: 'DISTRICT',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: ALL_DISTRICTS,
    steps: [
      `Người thành lập hộ kinh doanh nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp huyện nơi đặt trụ sở hộ kinh doanh ${ONLINE}.`,
      'Phòng Tài chính - Kế hoạch tiếp nhận, trao Giấy biên nhận và kiểm tra tính hợp lệ của hồ sơ.',
      'Hồ sơ hợp lệ: cấp Giấy chứng nhận đăng ký hộ kinh doanh; hồ sơ chưa hợp lệ: thông báo bằng văn bản nội dung cần sửa đổi, bổ sung.',
      'Trả kết quả và gửi thông tin đăng ký hộ kinh doanh cho cơ quan thuế.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'HKD-01', name: 'Giấy đề nghị đăng ký hộ kinh doanh (mẫu Phụ lục III-1 Thông tư số 01/2021/TT-BKHĐT)', required: true, copies: 1, templateUrl: TEMPLATE('phu-luc-III-1.docx') },
      { code: 'HKD-02', name: 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh, thành viên hộ gia đình đăng ký hộ kinh doanh', required: true, copies: 1 },
      { code: 'HKD-03', name: 'Bản sao biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (trường hợp các thành viên hộ gia đình đăng ký hộ kinh doanh)', required: false, copies: 1 },
      { code: 'HKD-04', name: 'Bản sao văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh', required: false, copies: 1 },
    ],
    processingWorkingDays: 3,
    targetSubjects: ['Cá nhân', 'Thành viên hộ gia đình là công dân Việt Nam có năng lực hành vi dân sự đầy đủ'],
    resultDescription: 'Giấy chứng nhận đăng ký hộ kinh doanh',
    requirements: 'Ngành, nghề đăng ký kinh doanh không bị cấm; tên hộ kinh doanh không trùng với tên hộ kinh doanh đã đăng ký trong phạm vi cấp huyện; nộp đủ lệ phí đăng ký.',
    fees: [{ kind: 'CHARGE', amount: 100000, description: 'Lệ phí đăng ký hộ kinh doanh: 100.000 đồng/lần (theo Nghị quyết của Hội đồng nhân dân tỉnh)' }],
    legalBases: [L.luatDn, L.nd01, L.tt01kh, L.tt85],
    location: AT_DISTRICT,
    publishedAt: '2022-04-20',
  },
  {
    code: tthc('2.000575'),
    name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
    sectorCode: 'HKD',
    level: 'DISTRICT',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: ALL_DISTRICTS,
    steps: [
      `Hộ kinh doanh nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp huyện nơi đặt trụ sở ${ONLINE}.`,
      'Phòng Tài chính - Kế hoạch kiểm tra tính hợp lệ của hồ sơ.',
      'Hồ sơ hợp lệ: cấp Giấy chứng nhận đăng ký hộ kinh doanh mới; chưa hợp lệ: thông báo bằng văn bản cho hộ kinh doanh.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'TDHKD-01', name: 'Thông báo thay đổi nội dung đăng ký hộ kinh doanh (mẫu Phụ lục III-2 Thông tư số 01/2021/TT-BKHĐT)', required: true, copies: 1 },
      { code: 'TDHKD-02', name: 'Bản sao biên bản họp thành viên hộ gia đình về việc thay đổi (trường hợp các thành viên hộ gia đình đăng ký hộ kinh doanh)', required: false, copies: 1 },
    ],
    processingWorkingDays: 3,
    targetSubjects: ['Hộ kinh doanh'],
    resultDescription: 'Giấy chứng nhận đăng ký hộ kinh doanh (cấp mới theo nội dung thay đổi)',
    requirements: 'Hộ kinh doanh đang hoạt động, không trong thời gian bị tạm ngừng hoặc bị thu hồi Giấy chứng nhận đăng ký hộ kinh doanh.',
    fees: [{ kind: 'CHARGE', amount: 50000, description: 'Lệ phí đăng ký thay đổi nội dung đăng ký hộ kinh doanh' }],
    legalBases: [L.nd01, L.tt01kh, L.tt85],
    location: AT_DISTRICT,
    publishedAt: '2022-04-20',
  },
  {
    code: tthc('1.009994'),
    name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ (xây dựng mới)',
    sectorCode: 'HDXD',
    level: 'DISTRICT',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: ALL_DISTRICTS,
    steps: [
      `Chủ đầu tư nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp huyện ${ONLINE}.`,
      'Phòng Quản lý đô thị / Phòng Kinh tế và Hạ tầng thẩm định hồ sơ, kiểm tra thực địa trong thời hạn 10 ngày; thông báo một lần bằng văn bản nếu cần bổ sung, chỉnh sửa hồ sơ.',
      'Đối chiếu điều kiện cấp giấy phép xây dựng, lấy ý kiến các cơ quan quản lý nhà nước có liên quan (nếu cần).',
      'Chủ tịch Ủy ban nhân dân cấp huyện ký cấp giấy phép xây dựng.',
      'Trả giấy phép xây dựng kèm hồ sơ thiết kế có đóng dấu cho chủ đầu tư.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'GPXD-01', name: 'Đơn đề nghị cấp giấy phép xây dựng (mẫu số 01 Phụ lục II Nghị định số 15/2021/NĐ-CP)', required: true, copies: 1, templateUrl: TEMPLATE('don-de-nghi-cap-gpxd.docx') },
      { code: 'GPXD-02', name: 'Bản sao một trong những giấy tờ chứng minh quyền sử dụng đất theo quy định của pháp luật về đất đai', required: true, copies: 1 },
      { code: 'GPXD-03', name: 'Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng, đấu nối hạ tầng kỹ thuật)', required: true, copies: 2 },
      { code: 'GPXD-04', name: 'Bản kê khai năng lực, kinh nghiệm của tổ chức, cá nhân thiết kế (trường hợp chưa được cấp chứng chỉ năng lực, chứng chỉ hành nghề)', required: false, copies: 1 },
      { code: 'GPXD-05', name: 'Văn bản cam kết bảo đảm an toàn đối với công trình liền kề (công trình có tầng hầm hoặc xây chen)', required: false, copies: 1 },
    ],
    processingWorkingDays: 15,
    targetSubjects: ['Hộ gia đình, cá nhân'],
    resultDescription: 'Giấy phép xây dựng nhà ở riêng lẻ',
    requirements: 'Phù hợp với mục đích sử dụng đất theo quy hoạch sử dụng đất được phê duyệt; bảo đảm an toàn cho công trình, công trình lân cận và yêu cầu về bảo vệ môi trường, phòng cháy, chữa cháy; thiết kế tuân thủ quy chuẩn, tiêu chuẩn kỹ thuật.',
    fees: [{ kind: 'CHARGE', amount: 75000, description: 'Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ: 75.000 đồng/giấy phép' }],
    legalBases: [L.luatXd, L.luat62, L.nd15xd, L.tt85],
    location: AT_DISTRICT,
    publishedAt: '2022-06-01',
  },
  {
    code: tthc('2.000633'),
    name: 'Cấp Giấy phép bán lẻ rượu',
    sectorCode: 'LTHH',
    level: 'DISTRICT',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: ALL_DISTRICTS,
    steps: [
      `Thương nhân nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp huyện nơi đặt địa điểm kinh doanh ${ONLINE}.`,
      'Phòng Kinh tế / Phòng Kinh tế và Hạ tầng kiểm tra hồ sơ; trong 03 ngày làm việc thông báo bằng văn bản nếu hồ sơ chưa đầy đủ, hợp lệ.',
      'Thẩm định hồ sơ, kiểm tra thực tế địa điểm kinh doanh (nếu cần).',
      'Chủ tịch Ủy ban nhân dân cấp huyện xem xét, cấp Giấy phép bán lẻ rượu; trường hợp từ chối phải trả lời bằng văn bản nêu rõ lý do.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'BLR-01', name: 'Đơn đề nghị cấp Giấy phép bán lẻ rượu (Mẫu số 01 Phụ lục Nghị định số 105/2017/NĐ-CP)', required: true, copies: 1 },
      { code: 'BLR-02', name: 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc Giấy chứng nhận đăng ký hộ kinh doanh', required: true, copies: 1 },
      { code: 'BLR-03', name: 'Bản sao hợp đồng thuê, mượn hoặc tài liệu chứng minh quyền sử dụng hợp pháp cơ sở dự kiến làm địa điểm bán lẻ', required: true, copies: 1 },
      { code: 'BLR-04', name: 'Bản sao văn bản giới thiệu hoặc hợp đồng nguyên tắc của thương nhân sản xuất, phân phối hoặc bán buôn rượu', required: true, copies: 1 },
    ],
    processingWorkingDays: 10,
    targetSubjects: ['Doanh nghiệp', 'Hộ kinh doanh'],
    resultDescription: 'Giấy phép bán lẻ rượu (thời hạn 05 năm)',
    requirements: 'Là doanh nghiệp, hộ kinh doanh được thành lập theo quy định của pháp luật; có quyền sử dụng hợp pháp địa điểm kinh doanh cố định, địa chỉ rõ ràng; có văn bản giới thiệu hoặc hợp đồng nguyên tắc với thương nhân cung cấp rượu.',
    fees: [{ kind: 'FEE', amount: 600000, description: 'Phí thẩm định cấp Giấy phép bán lẻ rượu tại khu vực ngoài thành phố trực thuộc Trung ương (doanh nghiệp; hộ kinh doanh nộp 200.000 đồng)' }],
    legalBases: [L.nd105, L.nd17, L.tt168],
    location: AT_DISTRICT,
    publishedAt: '2021-11-12',
  },
  {
    code: tthc('2.000181'),
    name: 'Cấp Giấy phép bán lẻ sản phẩm thuốc lá',
    sectorCode: 'LTHH',
    level: 'DISTRICT',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: ALL_DISTRICTS,
    steps: [
      `Thương nhân nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp huyện ${ONLINE}.`,
      'Phòng Kinh tế / Phòng Kinh tế và Hạ tầng kiểm tra hồ sơ; yêu cầu bổ sung bằng văn bản nếu hồ sơ chưa hợp lệ.',
      'Thẩm định hồ sơ và trình Chủ tịch Ủy ban nhân dân cấp huyện cấp Giấy phép bán lẻ sản phẩm thuốc lá.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'BLTL-01', name: 'Đơn đề nghị cấp Giấy phép bán lẻ sản phẩm thuốc lá theo mẫu', required: true, copies: 1 },
      { code: 'BLTL-02', name: 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc Giấy chứng nhận đăng ký hộ kinh doanh', required: true, copies: 1 },
      { code: 'BLTL-03', name: 'Bản sao các văn bản giới thiệu của các thương nhân phân phối hoặc bán buôn sản phẩm thuốc lá', required: true, copies: 1 },
    ],
    processingWorkingDays: 15,
    targetSubjects: ['Doanh nghiệp', 'Hộ kinh doanh'],
    resultDescription: 'Giấy phép bán lẻ sản phẩm thuốc lá (thời hạn 05 năm)',
    requirements: 'Có địa điểm kinh doanh cố định, địa chỉ rõ ràng; được thương nhân phân phối hoặc bán buôn sản phẩm thuốc lá giới thiệu; địa điểm kinh doanh không vi phạm quy định về địa điểm không được bán thuốc lá.',
    fees: [{ kind: 'FEE', amount: 200000, description: 'Phí thẩm định cấp Giấy phép bán lẻ sản phẩm thuốc lá tại khu vực ngoài thành phố trực thuộc Trung ương' }],
    legalBases: [L.luatThuocLa, L.nd67, L.nd106, L.tt168],
    location: AT_DISTRICT,
    publishedAt: '2021-11-12',
  },
  {
    code: tthc('2.000528'),
    name: 'Đăng ký khai sinh có yếu tố nước ngoài',
    sectorCode: 'HT',
    level: 'DISTRICT',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: ALL_DISTRICTS,
    steps: [
      `Người đi đăng ký khai sinh nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp huyện nơi cư trú của người cha hoặc người mẹ ${ONLINE}.`,
      'Công chức làm công tác hộ tịch Phòng Tư pháp kiểm tra hồ sơ, ghi nội dung khai sinh vào Sổ hộ tịch.',
      'Chủ tịch Ủy ban nhân dân cấp huyện cấp Giấy khai sinh.',
      'Trả Giấy khai sinh; người đi đăng ký khai sinh ký vào Sổ hộ tịch.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'KSNN-01', name: 'Tờ khai đăng ký khai sinh theo mẫu', required: true, copies: 1 },
      { code: 'KSNN-02', name: 'Giấy chứng sinh hoặc giấy tờ thay thế Giấy chứng sinh', required: true, copies: 1 },
      { code: 'KSNN-03', name: 'Văn bản thỏa thuận của cha, mẹ về việc chọn quốc tịch cho con (trường hợp cha hoặc mẹ là người nước ngoài)', required: false, copies: 1 },
      { code: 'KSNN-04', name: 'Bản sao hộ chiếu hoặc giấy tờ có giá trị thay thế hộ chiếu của cha, mẹ là người nước ngoài', required: false, copies: 1 },
    ],
    processingWorkingDays: 0.5,
    targetSubjects: ['Trẻ em sinh ra tại Việt Nam có cha hoặc mẹ là người nước ngoài', 'Trẻ em sinh ra ở nước ngoài chưa được đăng ký khai sinh, về cư trú tại Việt Nam'],
    resultDescription: 'Giấy khai sinh',
    requirements: 'Trường hợp cha, mẹ lựa chọn quốc tịch nước ngoài cho con thì phải có văn bản xác nhận của cơ quan có thẩm quyền của nước ngoài về quốc tịch của trẻ.',
    fees: [{ kind: 'CHARGE', amount: 75000, description: 'Lệ phí đăng ký khai sinh có yếu tố nước ngoài (theo Nghị quyết của Hội đồng nhân dân tỉnh)' }],
    legalBases: [L.luatHoTich, L.nd123, L.tt04, L.tt85],
    location: AT_DISTRICT,
    publishedAt: '2023-03-15',
  },
  {
    code: tthc('1.000893'),
    name: 'Đăng ký kết hôn có yếu tố nước ngoài',
    sectorCode: 'HT',
    level: 'DISTRICT',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: ALL_DISTRICTS,
    steps: [
      `Một trong hai bên nộp hồ sơ tại Bộ phận Một cửa Ủy ban nhân dân cấp huyện nơi cư trú của công dân Việt Nam ${ONLINE}.`,
      'Phòng Tư pháp nghiên cứu, thẩm định hồ sơ, xác minh (nếu cần) và báo cáo Chủ tịch Ủy ban nhân dân cấp huyện.',
      'Chủ tịch Ủy ban nhân dân cấp huyện ký Giấy chứng nhận kết hôn nếu hai bên đủ điều kiện kết hôn.',
      'Tổ chức trao Giấy chứng nhận kết hôn trong 03 ngày làm việc kể từ ngày Chủ tịch ký; hai bên có mặt, ký vào Giấy chứng nhận kết hôn và Sổ hộ tịch.',
    ],
    channels: ['COUNTER', 'ONLINE'],
    components: [
      { code: 'KHNN-01', name: 'Tờ khai đăng ký kết hôn theo mẫu', required: true, copies: 1 },
      { code: 'KHNN-02', name: 'Giấy xác nhận của tổ chức y tế có thẩm quyền xác nhận người đó không mắc bệnh tâm thần hoặc bệnh khác mà không có khả năng nhận thức, làm chủ được hành vi của mình', required: true, copies: 2 },
      { code: 'KHNN-03', name: 'Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài do cơ quan có thẩm quyền nước ngoài cấp (đã hợp pháp hóa lãnh sự, dịch sang tiếng Việt)', required: true, copies: 1 },
      { code: 'KHNN-04', name: 'Bản sao hộ chiếu hoặc giấy tờ có giá trị thay thế hộ chiếu của người nước ngoài', required: true, copies: 1 },
    ],
    processingWorkingDays: 15,
    targetSubjects: ['Công dân Việt Nam kết hôn với người nước ngoài', 'Công dân Việt Nam định cư ở nước ngoài'],
    resultDescription: 'Giấy chứng nhận kết hôn',
    requirements: 'Hai bên đáp ứng điều kiện kết hôn theo pháp luật Việt Nam; người nước ngoài còn phải tuân thủ pháp luật nước mà người đó là công dân về điều kiện kết hôn. Hai bên phải có mặt khi nhận Giấy chứng nhận kết hôn.',
    fees: [{ kind: 'CHARGE', amount: 1000000, description: 'Lệ phí đăng ký kết hôn có yếu tố nước ngoài (theo Nghị quyết của Hội đồng nhân dân tỉnh)' }],
    legalBases: [L.luatHoTich, L.nd123, L.tt04, L.tt85],
    location: AT_DISTRICT,
    publishedAt: '2023-03-15',
  },
  {
    code: tthc('2.000843'),
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận',
    sectorCode: 'CT',
    level: 'DISTRICT',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: ALL_DISTRICTS,
    steps: [
      'Người yêu cầu chứng thực xuất trình bản chính giấy tờ, văn bản tại Bộ phận Một cửa Ủy ban nhân dân cấp huyện (Phòng Tư pháp) hoặc đề nghị chứng thực bản sao điện tử trên Cổng Dịch vụ công.',
      'Người thực hiện chứng thực kiểm tra bản chính (đã được hợp pháp hóa lãnh sự, trừ trường hợp được miễn), đối chiếu với bản sao, ghi lời chứng, ký và đóng dấu của Phòng Tư pháp.',
      'Người yêu cầu nộp phí và nhận bản sao đã được chứng thực.',
    ],
    channels: ['COUNTER', 'ONLINE'],
    components: [
      { code: 'CTNN-01', name: 'Bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của nước ngoài cấp, đã được hợp pháp hóa lãnh sự (trừ trường hợp được miễn)', required: true, copies: 1 },
      { code: 'CTNN-02', name: 'Bản sao cần chứng thực (trường hợp người yêu cầu tự chuẩn bị bản sao)', required: false, copies: 1 },
    ],
    processingWorkingDays: 0.5,
    targetSubjects: ['Cá nhân, tổ chức trong nước', 'Người nước ngoài'],
    resultDescription: 'Bản sao được chứng thực từ bản chính',
    requirements: 'Bản chính đã được hợp pháp hóa lãnh sự theo quy định (trừ trường hợp được miễn theo điều ước quốc tế hoặc nguyên tắc có đi có lại).',
    fees: [{ kind: 'FEE', amount: 2000, description: 'Phí chứng thực bản sao từ bản chính: 2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa không quá 200.000 đồng/bản' }],
    legalBases: [L.nd23, L.tt01btp, L.tt226],
    location: AT_DISTRICT,
    publishedAt: '2022-08-10',
  },
  {
    code: tthc('1.001776'),
    name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng',
    sectorCode: 'BTXH',
    level: 'DISTRICT',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: ALL_DISTRICTS,
    steps: [
      'Đối tượng hoặc người giám hộ nộp tờ khai tại Ủy ban nhân dân cấp xã nơi cư trú hoặc nộp trực tuyến; công chức Lao động - Thương binh và Xã hội cấp xã tiếp nhận.',
      'Ủy ban nhân dân cấp xã xét duyệt, niêm yết công khai kết quả trong 02 ngày làm việc và gửi hồ sơ lên Phòng Lao động - Thương binh và Xã hội cấp huyện.',
      'Phòng Lao động - Thương binh và Xã hội thẩm định hồ sơ, trình Chủ tịch Ủy ban nhân dân cấp huyện.',
      'Chủ tịch Ủy ban nhân dân cấp huyện quyết định trợ cấp xã hội hoặc có văn bản trả lời nêu rõ lý do không được hưởng.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'TCXH-01', name: 'Tờ khai đề nghị trợ giúp xã hội (Mẫu số 1a, 1b, 1c, 1d, 1đ hoặc 1e Phụ lục Nghị định số 20/2021/NĐ-CP)', required: true, copies: 1 },
      { code: 'TCXH-02', name: 'Bản sao Giấy xác nhận khuyết tật (đối với người khuyết tật)', required: false, copies: 1 },
      { code: 'TCXH-03', name: 'Bản sao quyết định của Tòa án về việc tuyên bố người mất tích hoặc giấy tờ chứng minh trẻ em mồ côi (nếu có)', required: false, copies: 1 },
    ],
    processingWorkingDays: 17,
    targetSubjects: ['Người cao tuổi', 'Người khuyết tật', 'Trẻ em có hoàn cảnh đặc biệt', 'Đối tượng bảo trợ xã hội khác'],
    resultDescription: 'Quyết định trợ cấp xã hội hàng tháng (hoặc điều chỉnh, thôi hưởng) của Chủ tịch Ủy ban nhân dân cấp huyện',
    requirements: 'Thuộc đối tượng bảo trợ xã hội quy định tại Nghị định số 20/2021/NĐ-CP.',
    fees: [],
    legalBases: [L.luatNct, L.luatNkt, L.nd20],
    location: `Ủy ban nhân dân cấp xã nơi cư trú (tiếp nhận), Ủy ban nhân dân cấp huyện (giải quyết); ${HOURS}`,
    publishedAt: '2021-08-30',
  },

  // ============================================================ PROVINCE — Sở Tư pháp
  {
    code: tthc('2.000488'),
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    sectorCode: 'LLTP',
    level: 'PROVINCE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: [SO_TP],
    steps: [
      `Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh (quầy Sở Tư pháp) ${ONLINE}; có thể xác thực bằng tài khoản định danh điện tử VNeID.`,
      'Sở Tư pháp kiểm tra hồ sơ, tra cứu thông tin lý lịch tư pháp trong Cơ sở dữ liệu lý lịch tư pháp.',
      'Trường hợp cần xác minh, Sở Tư pháp gửi yêu cầu xác minh đến cơ quan Công an, Tòa án và các cơ quan liên quan.',
      'Giám đốc Sở Tư pháp ký Phiếu lý lịch tư pháp.',
      'Trả Phiếu lý lịch tư pháp (bản giấy hoặc bản điện tử) cho người yêu cầu.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'LLTP-01', name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2013/TT-LLTP)', required: true, copies: 1, templateUrl: TEMPLATE('to-khai-lltp-03.docx') },
      { code: 'LLTP-02', name: 'Bản chụp thẻ Căn cước công dân/thẻ Căn cước hoặc hộ chiếu còn giá trị sử dụng của người được cấp Phiếu', required: true, copies: 1 },
      { code: 'LLTP-03', name: 'Văn bản ủy quyền (trường hợp ủy quyền cho người khác làm thủ tục; cha, mẹ, vợ, chồng, con không cần văn bản ủy quyền)', required: false, copies: 1 },
    ],
    processingWorkingDays: 10,
    targetSubjects: ['Công dân Việt Nam', 'Người nước ngoài đang cư trú tại Việt Nam'],
    resultDescription: 'Phiếu lý lịch tư pháp số 1 hoặc số 2',
    requirements: 'Trường hợp người được cấp Phiếu là công dân Việt Nam đã cư trú ở nhiều nơi hoặc có thời gian cư trú ở nước ngoài, người nước ngoài, trường hợp phải xác minh về điều kiện đương nhiên được xóa án tích thì thời hạn không quá 15 ngày.',
    fees: [{ kind: 'FEE', amount: 200000, description: 'Phí cung cấp thông tin lý lịch tư pháp: 200.000 đồng/lần/người (sinh viên, người có công với cách mạng, thân nhân liệt sĩ: 100.000 đồng; trẻ em, người cao tuổi, người khuyết tật, hộ nghèo được miễn). Cấp từ Phiếu thứ 3 trở đi: 5.000 đồng/Phiếu.' }],
    legalBases: [L.luatLltp, L.nd111, L.tt13btp, L.tt244],
    location: AT_PROVINCE('Sở Tư pháp'),
    publishedAt: '2023-05-22',
  },

  // ============================================================ PROVINCE — Sở Giao thông vận tải
  {
    code: tthc('1.002804'),
    name: 'Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp',
    sectorCode: 'DB',
    level: 'PROVINCE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: [SO_GTVT],
    steps: [
      `Cá nhân nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh (quầy Sở Giao thông vận tải) ${ONLINE}; khi nộp trực tuyến, thông tin giấy khám sức khỏe được liên thông từ cơ sở y tế.`,
      'Sở Giao thông vận tải kiểm tra hồ sơ, đối chiếu thông tin giấy phép lái xe trên hệ thống thông tin giấy phép lái xe.',
      'Giám đốc Sở Giao thông vận tải ký cấp đổi giấy phép lái xe (vật liệu PET).',
      'Trả giấy phép lái xe tại quầy hoặc qua dịch vụ bưu chính công ích; giấy phép lái xe cũ được cắt góc và lưu hồ sơ.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'DGPLX-01', name: 'Đơn đề nghị đổi, cấp lại giấy phép lái xe theo mẫu', required: true, copies: 1, templateUrl: TEMPLATE('don-doi-gplx.docx') },
      { code: 'DGPLX-02', name: 'Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp (trừ trường hợp đổi giấy phép lái xe hạng A1, A2, A3)', required: true, copies: 1 },
      { code: 'DGPLX-03', name: 'Bản sao giấy phép lái xe, Căn cước công dân hoặc hộ chiếu còn thời hạn', required: true, copies: 1 },
    ],
    processingWorkingDays: 5,
    targetSubjects: ['Công dân Việt Nam', 'Người nước ngoài cư trú tại Việt Nam'],
    resultDescription: 'Giấy phép lái xe (cấp đổi)',
    requirements: 'Giấy phép lái xe còn thời hạn hoặc hết hạn dưới 03 tháng; giấy phép lái xe còn nguyên vẹn, thông tin phù hợp với dữ liệu quản lý giấy phép lái xe.',
    fees: [{ kind: 'CHARGE', amount: 135000, description: 'Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần cấp' }],
    legalBases: [L.luatGtdb, L.tt12gplx, L.tt37],
    location: AT_PROVINCE('Sở Giao thông vận tải'),
    publishedAt: '2023-09-12',
  },
  {
    code: tthc('1.002820'),
    name: 'Cấp lại giấy phép lái xe',
    sectorCode: 'DB',
    level: 'PROVINCE',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: [SO_GTVT],
    steps: [
      `Cá nhân nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh (quầy Sở Giao thông vận tải) ${ONLINE}; chụp ảnh trực tiếp tại nơi tiếp nhận.`,
      'Sở Giao thông vận tải kiểm tra hồ sơ, tra cứu hệ thống thông tin giấy phép lái xe và xác minh việc giấy phép không bị cơ quan có thẩm quyền thu giữ, xử lý.',
      'Trường hợp quá hạn sử dụng theo quy định: bố trí sát hạch lại lý thuyết hoặc cả lý thuyết và thực hành.',
      'Giám đốc Sở Giao thông vận tải ký cấp lại giấy phép lái xe; trả kết quả cho người đề nghị.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'CLGPLX-01', name: 'Đơn đề nghị đổi, cấp lại giấy phép lái xe theo mẫu', required: true, copies: 1 },
      { code: 'CLGPLX-02', name: 'Hồ sơ gốc phù hợp với giấy phép lái xe (nếu có)', required: false, copies: 1 },
      { code: 'CLGPLX-03', name: 'Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp', required: true, copies: 1 },
      { code: 'CLGPLX-04', name: 'Bản sao Căn cước công dân hoặc hộ chiếu còn thời hạn', required: true, copies: 1 },
    ],
    processingWorkingDays: 10,
    targetSubjects: ['Công dân Việt Nam', 'Người nước ngoài cư trú tại Việt Nam'],
    resultDescription: 'Giấy phép lái xe (cấp lại)',
    requirements: 'Giấy phép lái xe bị mất, quá hạn sử dụng hoặc bị hỏng mà không còn thông tin; không thuộc trường hợp đang bị cơ quan có thẩm quyền thu giữ, xử lý.',
    fees: [{ kind: 'CHARGE', amount: 135000, description: 'Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần cấp' }],
    legalBases: [L.luatGtdb, L.tt12gplx, L.tt37],
    location: AT_PROVINCE('Sở Giao thông vận tải'),
    publishedAt: '2023-09-12',
  },
  {
    code: tthc('1.002809'),
    name: 'Cấp giấy phép lái xe quốc tế',
    sectorCode: 'DB',
    level: 'PROVINCE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: [SO_GTVT],
    steps: [
      `Cá nhân nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh (quầy Sở Giao thông vận tải) ${ONLINE}.`,
      'Sở Giao thông vận tải kiểm tra tính hợp lệ của giấy phép lái xe quốc gia trên hệ thống thông tin giấy phép lái xe.',
      'Giám đốc Sở Giao thông vận tải ký cấp giấy phép lái xe quốc tế (mẫu theo Công ước Viên 1968).',
      'Trả kết quả tại quầy hoặc qua dịch vụ bưu chính công ích.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'IDP-01', name: 'Tờ khai đề nghị cấp giấy phép lái xe quốc tế theo mẫu', required: true, copies: 1 },
      { code: 'IDP-02', name: 'Ảnh chân dung cỡ 3cm x 4cm (hoặc ảnh chụp tại nơi tiếp nhận)', required: true, copies: 1 },
      { code: 'IDP-03', name: 'Bản sao giấy phép lái xe quốc gia bằng vật liệu PET còn hiệu lực, hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu', required: true, copies: 1 },
    ],
    processingWorkingDays: 5,
    targetSubjects: ['Công dân Việt Nam', 'Người nước ngoài có thẻ thường trú tại Việt Nam'],
    resultDescription: 'Giấy phép lái xe quốc tế (thời hạn không quá 03 năm và không vượt quá thời hạn của giấy phép lái xe quốc gia)',
    requirements: 'Có giấy phép lái xe quốc gia bằng vật liệu PET do ngành Giao thông vận tải cấp, còn hiệu lực.',
    fees: [{ kind: 'CHARGE', amount: 135000, description: 'Lệ phí cấp giấy phép lái xe quốc tế: 135.000 đồng/lần cấp' }],
    legalBases: [L.luatGtdb, L.tt37],
    location: AT_PROVINCE('Sở Giao thông vận tải'),
    publishedAt: '2023-09-12',
  },
  {
    code: tthc('1.002861'),
    name: 'Cấp Giấy phép kinh doanh vận tải bằng xe ô tô',
    sectorCode: 'DB',
    level: 'PROVINCE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: [SO_GTVT],
    steps: [
      `Đơn vị kinh doanh vận tải nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh (quầy Sở Giao thông vận tải) ${ONLINE}.`,
      'Sở Giao thông vận tải kiểm tra hồ sơ; thông báo nội dung cần bổ sung trong 01 ngày làm việc kể từ ngày nhận hồ sơ nếu hồ sơ chưa đầy đủ (hồ sơ nộp trực tuyến được thông báo qua hệ thống).',
      'Thẩm định điều kiện kinh doanh vận tải theo Nghị định số 10/2020/NĐ-CP.',
      'Giám đốc Sở Giao thông vận tải ký cấp Giấy phép kinh doanh vận tải; trả kết quả.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'GPVT-01', name: 'Giấy đề nghị cấp Giấy phép kinh doanh vận tải bằng xe ô tô theo mẫu', required: true, copies: 1 },
      { code: 'GPVT-02', name: 'Bản sao văn bằng, chứng chỉ của người trực tiếp điều hành hoạt động vận tải', required: true, copies: 1 },
      { code: 'GPVT-03', name: 'Bản sao quyết định thành lập và quy định chức năng, nhiệm vụ của bộ phận quản lý, theo dõi các điều kiện về an toàn giao thông (đối với vận tải hành khách tuyến cố định, xe buýt, xe taxi, vận tải hàng hóa bằng công-ten-nơ)', required: false, copies: 1 },
    ],
    processingWorkingDays: 5,
    targetSubjects: ['Doanh nghiệp', 'Hợp tác xã', 'Hộ kinh doanh'],
    resultDescription: 'Giấy phép kinh doanh vận tải bằng xe ô tô',
    requirements: 'Người trực tiếp điều hành hoạt động vận tải có trình độ chuyên ngành vận tải đáp ứng quy định; phương tiện bảo đảm số lượng, chất lượng phù hợp với hình thức kinh doanh; lắp thiết bị giám sát hành trình theo quy định.',
    fees: [{ kind: 'CHARGE', amount: 200000, description: 'Lệ phí cấp Giấy phép kinh doanh vận tải bằng xe ô tô: 200.000 đồng/giấy phép' }],
    legalBases: [L.nd10, L.tt12vt, L.tt85],
    location: AT_PROVINCE('Sở Giao thông vận tải'),
    publishedAt: '2022-02-18',
  },

  // ============================================================ PROVINCE — Sở Kế hoạch và Đầu tư
  {
    code: tthc('2.001610'),
    name: 'Đăng ký thành lập doanh nghiệp tư nhân',
    sectorCode: 'DKDN',
    level: 'PROVINCE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: [SO_KHDT],
    steps: [
      'Người thành lập doanh nghiệp nộp hồ sơ tại Phòng Đăng ký kinh doanh - Sở Kế hoạch và Đầu tư hoặc nộp trực tuyến qua Cổng thông tin quốc gia về đăng ký doanh nghiệp (dangkykinhdoanh.gov.vn).',
      'Phòng Đăng ký kinh doanh kiểm tra tính hợp lệ của hồ sơ; thông báo bằng văn bản nội dung cần sửa đổi, bổ sung nếu hồ sơ chưa hợp lệ.',
      'Hồ sơ hợp lệ: cấp Giấy chứng nhận đăng ký doanh nghiệp và gửi thông tin sang cơ quan thuế để tạo mã số doanh nghiệp.',
      'Doanh nghiệp công bố nội dung đăng ký doanh nghiệp trên Cổng thông tin quốc gia về đăng ký doanh nghiệp.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'DNTN-01', name: 'Giấy đề nghị đăng ký doanh nghiệp (mẫu Phụ lục I-1 Thông tư số 01/2021/TT-BKHĐT)', required: true, copies: 1, templateUrl: TEMPLATE('phu-luc-I-1.docx') },
      { code: 'DNTN-02', name: 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân', required: true, copies: 1 },
      { code: 'DNTN-03', name: 'Văn bản ủy quyền cho cá nhân thực hiện thủ tục đăng ký doanh nghiệp (trường hợp ủy quyền)', required: false, copies: 1 },
    ],
    processingWorkingDays: 3,
    targetSubjects: ['Cá nhân'],
    resultDescription: 'Giấy chứng nhận đăng ký doanh nghiệp',
    requirements: 'Ngành, nghề đăng ký kinh doanh không bị cấm đầu tư kinh doanh; tên doanh nghiệp đặt theo đúng quy định; hồ sơ hợp lệ; nộp đủ lệ phí đăng ký doanh nghiệp. Mỗi cá nhân chỉ được quyền thành lập một doanh nghiệp tư nhân.',
    fees: [
      { kind: 'CHARGE', amount: 50000, description: 'Lệ phí đăng ký doanh nghiệp: 50.000 đồng/lần (miễn khi đăng ký qua mạng điện tử)' },
      { kind: 'FEE', amount: 100000, description: 'Phí công bố nội dung đăng ký doanh nghiệp: 100.000 đồng/lần' },
    ],
    legalBases: [L.luatDn, L.nd01, L.tt01kh, L.tt47],
    location: AT_PROVINCE('Sở Kế hoạch và Đầu tư'),
    publishedAt: '2021-06-10',
  },
  {
    code: tthc('2.002041'),
    name: 'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên',
    sectorCode: 'DKDN',
    level: 'PROVINCE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: [SO_KHDT],
    steps: [
      'Người thành lập doanh nghiệp nộp hồ sơ tại Phòng Đăng ký kinh doanh - Sở Kế hoạch và Đầu tư hoặc nộp trực tuyến qua Cổng thông tin quốc gia về đăng ký doanh nghiệp.',
      'Phòng Đăng ký kinh doanh kiểm tra tính hợp lệ của hồ sơ; thông báo bằng văn bản nội dung cần sửa đổi, bổ sung nếu hồ sơ chưa hợp lệ.',
      'Hồ sơ hợp lệ: cấp Giấy chứng nhận đăng ký doanh nghiệp.',
      'Doanh nghiệp công bố nội dung đăng ký doanh nghiệp trên Cổng thông tin quốc gia về đăng ký doanh nghiệp.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'TNHH1-01', name: 'Giấy đề nghị đăng ký doanh nghiệp (mẫu Phụ lục I-2 Thông tư số 01/2021/TT-BKHĐT)', required: true, copies: 1 },
      { code: 'TNHH1-02', name: 'Điều lệ công ty', required: true, copies: 1 },
      { code: 'TNHH1-03', name: 'Bản sao giấy tờ pháp lý của cá nhân đối với người đại diện theo pháp luật', required: true, copies: 1 },
      { code: 'TNHH1-04', name: 'Bản sao giấy tờ pháp lý của cá nhân (chủ sở hữu là cá nhân) hoặc của tổ chức (chủ sở hữu là tổ chức)', required: true, copies: 1 },
      { code: 'TNHH1-05', name: 'Văn bản cử người đại diện theo ủy quyền và bản sao giấy tờ pháp lý của người đại diện (chủ sở hữu là tổ chức)', required: false, copies: 1 },
    ],
    processingWorkingDays: 3,
    targetSubjects: ['Cá nhân', 'Tổ chức'],
    resultDescription: 'Giấy chứng nhận đăng ký doanh nghiệp',
    requirements: 'Ngành, nghề đăng ký kinh doanh không bị cấm đầu tư kinh doanh; tên doanh nghiệp đặt theo đúng quy định; hồ sơ hợp lệ; nộp đủ lệ phí đăng ký doanh nghiệp.',
    fees: [
      { kind: 'CHARGE', amount: 50000, description: 'Lệ phí đăng ký doanh nghiệp: 50.000 đồng/lần (miễn khi đăng ký qua mạng điện tử)' },
      { kind: 'FEE', amount: 100000, description: 'Phí công bố nội dung đăng ký doanh nghiệp: 100.000 đồng/lần' },
    ],
    legalBases: [L.luatDn, L.nd01, L.tt01kh, L.tt47],
    location: AT_PROVINCE('Sở Kế hoạch và Đầu tư'),
    publishedAt: '2021-06-10',
  },
  {
    code: tthc('2.002042'),
    name: 'Đăng ký thành lập công ty trách nhiệm hữu hạn hai thành viên trở lên',
    sectorCode: 'DKDN',
    level: 'PROVINCE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: [SO_KHDT],
    steps: [
      'Người thành lập doanh nghiệp nộp hồ sơ tại Phòng Đăng ký kinh doanh - Sở Kế hoạch và Đầu tư hoặc nộp trực tuyến qua Cổng thông tin quốc gia về đăng ký doanh nghiệp.',
      'Phòng Đăng ký kinh doanh kiểm tra tính hợp lệ của hồ sơ; thông báo bằng văn bản nội dung cần sửa đổi, bổ sung nếu hồ sơ chưa hợp lệ.',
      'Hồ sơ hợp lệ: cấp Giấy chứng nhận đăng ký doanh nghiệp.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'TNHH2-01', name: 'Giấy đề nghị đăng ký doanh nghiệp (mẫu Phụ lục I-3 Thông tư số 01/2021/TT-BKHĐT)', required: true, copies: 1 },
      { code: 'TNHH2-02', name: 'Điều lệ công ty', required: true, copies: 1 },
      { code: 'TNHH2-03', name: 'Danh sách thành viên (mẫu Phụ lục I-6)', required: true, copies: 1 },
      { code: 'TNHH2-04', name: 'Bản sao giấy tờ pháp lý của cá nhân đối với người đại diện theo pháp luật và thành viên là cá nhân; giấy tờ pháp lý của tổ chức đối với thành viên là tổ chức', required: true, copies: 1 },
    ],
    processingWorkingDays: 3,
    targetSubjects: ['Cá nhân', 'Tổ chức'],
    resultDescription: 'Giấy chứng nhận đăng ký doanh nghiệp',
    requirements: 'Ngành, nghề đăng ký kinh doanh không bị cấm đầu tư kinh doanh; công ty có từ 02 đến 50 thành viên; tên doanh nghiệp đặt theo đúng quy định; nộp đủ lệ phí.',
    fees: [
      { kind: 'CHARGE', amount: 50000, description: 'Lệ phí đăng ký doanh nghiệp: 50.000 đồng/lần (miễn khi đăng ký qua mạng điện tử)' },
      { kind: 'FEE', amount: 100000, description: 'Phí công bố nội dung đăng ký doanh nghiệp: 100.000 đồng/lần' },
    ],
    legalBases: [L.luatDn, L.nd01, L.tt01kh, L.tt47],
    location: AT_PROVINCE('Sở Kế hoạch và Đầu tư'),
    publishedAt: '2021-06-10',
  },
  {
    code: tthc('2.002023'),
    name: 'Đăng ký thay đổi người đại diện theo pháp luật của công ty trách nhiệm hữu hạn, công ty cổ phần',
    sectorCode: 'DKDN',
    level: 'PROVINCE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: [SO_KHDT],
    steps: [
      'Doanh nghiệp nộp hồ sơ tại Phòng Đăng ký kinh doanh - Sở Kế hoạch và Đầu tư hoặc nộp trực tuyến qua Cổng thông tin quốc gia về đăng ký doanh nghiệp.',
      'Phòng Đăng ký kinh doanh kiểm tra tính hợp lệ của hồ sơ.',
      'Hồ sơ hợp lệ: cấp Giấy chứng nhận đăng ký doanh nghiệp mới; chưa hợp lệ: thông báo bằng văn bản nội dung cần sửa đổi, bổ sung.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'TDDD-01', name: 'Thông báo thay đổi nội dung đăng ký doanh nghiệp (mẫu Phụ lục II-1 Thông tư số 01/2021/TT-BKHĐT)', required: true, copies: 1 },
      { code: 'TDDD-02', name: 'Bản sao giấy tờ pháp lý của cá nhân đối với người đại diện theo pháp luật mới', required: true, copies: 1 },
      { code: 'TDDD-03', name: 'Nghị quyết, quyết định và bản sao biên bản họp của Hội đồng thành viên / Đại hội đồng cổ đông / Hội đồng quản trị về việc thay đổi', required: true, copies: 1 },
    ],
    processingWorkingDays: 3,
    targetSubjects: ['Doanh nghiệp'],
    resultDescription: 'Giấy chứng nhận đăng ký doanh nghiệp (cập nhật thông tin người đại diện theo pháp luật)',
    fees: [
      { kind: 'CHARGE', amount: 50000, description: 'Lệ phí đăng ký doanh nghiệp: 50.000 đồng/lần (miễn khi đăng ký qua mạng điện tử)' },
      { kind: 'FEE', amount: 100000, description: 'Phí công bố nội dung đăng ký doanh nghiệp: 100.000 đồng/lần' },
    ],
    legalBases: [L.luatDn, L.nd01, L.tt01kh, L.tt47],
    location: AT_PROVINCE('Sở Kế hoạch và Đầu tư'),
    publishedAt: '2021-06-10',
  },

  // ============================================================ PROVINCE — Sở Xây dựng
  {
    code: tthc('1.009982'),
    name: 'Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III',
    sectorCode: 'HDXD',
    level: 'PROVINCE',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: [SO_XD],
    steps: [
      `Cá nhân nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh (quầy Sở Xây dựng) ${ONLINE}.`,
      'Sở Xây dựng kiểm tra hồ sơ; thông báo bổ sung một lần trong 02 ngày làm việc nếu hồ sơ chưa đầy đủ.',
      'Tổ chức sát hạch (đối với trường hợp phải sát hạch) và họp Hội đồng xét cấp chứng chỉ hành nghề.',
      'Giám đốc Sở Xây dựng ký cấp chứng chỉ hành nghề; công khai thông tin trên trang thông tin điện tử.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'CCXD-01', name: 'Đơn đề nghị cấp chứng chỉ hành nghề hoạt động xây dựng (Mẫu số 01 Phụ lục IV Nghị định số 15/2021/NĐ-CP)', required: true, copies: 1 },
      { code: 'CCXD-02', name: 'Ảnh màu cỡ 4cm x 6cm, nền trắng, chụp trong thời gian không quá 06 tháng', required: true, copies: 2 },
      { code: 'CCXD-03', name: 'Văn bằng do cơ sở đào tạo hợp pháp cấp phù hợp với loại, hạng chứng chỉ đề nghị cấp', required: true, copies: 1 },
      { code: 'CCXD-04', name: 'Bản khai kinh nghiệm công việc chuyên môn theo mẫu', required: true, copies: 1 },
    ],
    processingWorkingDays: 20,
    targetSubjects: ['Cá nhân hoạt động xây dựng'],
    resultDescription: 'Chứng chỉ hành nghề hoạt động xây dựng (thời hạn 05 năm)',
    requirements: 'Có năng lực hành vi dân sự đầy đủ; có giấy tờ về cư trú hoặc giấy phép lao động tại Việt Nam (người nước ngoài); có trình độ chuyên môn, kinh nghiệm phù hợp với hạng chứng chỉ; đạt yêu cầu sát hạch.',
    fees: [{ kind: 'CHARGE', amount: 300000, description: 'Lệ phí cấp chứng chỉ hành nghề hoạt động xây dựng: 300.000 đồng/chứng chỉ' }],
    legalBases: [L.luatXd, L.luat62, L.nd15xd, L.tt38],
    location: AT_PROVINCE('Sở Xây dựng'),
    publishedAt: '2022-07-25',
  },

  // ============================================================ PROVINCE — Sở Y tế
  {
    code: tthc('1.004599'),
    name: 'Cấp Chứng chỉ hành nghề dược (bao gồm cả trường hợp cấp Chứng chỉ hành nghề dược nhưng Chứng chỉ hành nghề dược bị thu hồi) theo hình thức xét hồ sơ',
    sectorCode: 'DUOC',
    level: 'PROVINCE',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: [SO_YT],
    steps: [
      `Cá nhân nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh (quầy Sở Y tế) ${ONLINE}.`,
      'Sở Y tế kiểm tra hồ sơ; trường hợp hồ sơ cần sửa đổi, bổ sung thì có văn bản thông báo cho người đề nghị.',
      'Hội đồng tư vấn cấp Chứng chỉ hành nghề dược thẩm định hồ sơ.',
      'Giám đốc Sở Y tế ký cấp Chứng chỉ hành nghề dược; trường hợp không cấp phải trả lời bằng văn bản và nêu rõ lý do.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'CCHND-01', name: 'Đơn đề nghị cấp Chứng chỉ hành nghề dược (Mẫu số 02 Phụ lục I Nghị định số 54/2017/NĐ-CP)', required: true, copies: 1 },
      { code: 'CCHND-02', name: 'Bản sao có chứng thực văn bằng chuyên môn', required: true, copies: 1 },
      { code: 'CCHND-03', name: 'Giấy chứng nhận đủ sức khỏe để hành nghề dược do cơ sở khám bệnh, chữa bệnh có thẩm quyền cấp', required: true, copies: 1 },
      { code: 'CCHND-04', name: 'Giấy xác nhận thời gian thực hành chuyên môn (Mẫu số 03 Phụ lục I Nghị định số 54/2017/NĐ-CP)', required: true, copies: 1 },
      { code: 'CCHND-05', name: 'Bản sao Căn cước công dân hoặc hộ chiếu', required: true, copies: 1 },
      { code: 'CCHND-06', name: 'Ảnh chân dung cỡ 4cm x 6cm chụp trong thời gian không quá 06 tháng', required: true, copies: 2 },
    ],
    processingWorkingDays: 20,
    targetSubjects: ['Cá nhân có trình độ chuyên môn về dược'],
    resultDescription: 'Chứng chỉ hành nghề dược',
    requirements: 'Có văn bằng, chứng chỉ chuyên môn phù hợp; có thời gian thực hành tại cơ sở kinh doanh dược, bộ phận dược của cơ sở khám bệnh, chữa bệnh… phù hợp; có giấy chứng nhận đủ sức khỏe; không thuộc trường hợp đang bị truy cứu trách nhiệm hình sự hoặc bị cấm hành nghề.',
    fees: [{ kind: 'FEE', amount: 500000, description: 'Phí thẩm định hồ sơ cấp Chứng chỉ hành nghề dược: 500.000 đồng/hồ sơ' }],
    legalBases: [L.luatDuoc, L.nd54, L.nd155, L.tt277],
    location: AT_PROVINCE('Sở Y tế'),
    publishedAt: '2022-10-03',
  },
  {
    code: tthc('1.004605'),
    name: 'Cấp lại Chứng chỉ hành nghề dược theo hình thức xét hồ sơ (trường hợp bị hư hỏng hoặc bị mất)',
    sectorCode: 'DUOC',
    level: 'PROVINCE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: [SO_YT],
    steps: [
      `Cá nhân nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh (quầy Sở Y tế) ${ONLINE}.`,
      'Sở Y tế kiểm tra hồ sơ, đối chiếu với dữ liệu Chứng chỉ hành nghề dược đã cấp.',
      'Giám đốc Sở Y tế ký cấp lại Chứng chỉ hành nghề dược; trả kết quả.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'CLCCHND-01', name: 'Đơn đề nghị cấp lại Chứng chỉ hành nghề dược (Mẫu số 04 Phụ lục I Nghị định số 54/2017/NĐ-CP)', required: true, copies: 1 },
      { code: 'CLCCHND-02', name: 'Ảnh chân dung cỡ 4cm x 6cm chụp trong thời gian không quá 06 tháng', required: true, copies: 2 },
    ],
    processingWorkingDays: 5,
    targetSubjects: ['Cá nhân đã được cấp Chứng chỉ hành nghề dược'],
    resultDescription: 'Chứng chỉ hành nghề dược (cấp lại)',
    requirements: 'Chứng chỉ hành nghề dược đã cấp bị mất hoặc hư hỏng.',
    fees: [{ kind: 'FEE', amount: 500000, description: 'Phí thẩm định hồ sơ cấp lại Chứng chỉ hành nghề dược: 500.000 đồng/hồ sơ' }],
    legalBases: [L.luatDuoc, L.nd54, L.nd155, L.tt277],
    location: AT_PROVINCE('Sở Y tế'),
    publishedAt: '2022-10-03',
  },
  {
    code: tthc('1.001702'),
    name: 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống thuộc thẩm quyền của Sở Y tế',
    sectorCode: 'ATTP',
    level: 'PROVINCE',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: [SO_YT],
    steps: [
      `Cơ sở nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh (quầy Sở Y tế) ${ONLINE}.`,
      'Chi cục An toàn vệ sinh thực phẩm thẩm xét hồ sơ; thông báo bằng văn bản nếu hồ sơ chưa hợp lệ.',
      'Thành lập đoàn thẩm định thực tế tại cơ sở; lập biên bản thẩm định.',
      'Cơ sở đạt yêu cầu: Giám đốc Sở Y tế ký cấp Giấy chứng nhận; cơ sở chưa đạt: thông báo thời hạn khắc phục (không quá 30 ngày).',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'ATTPYT-01', name: 'Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm theo mẫu', required: true, copies: 1 },
      { code: 'ATTPYT-02', name: 'Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm điều kiện vệ sinh an toàn thực phẩm', required: true, copies: 1 },
      { code: 'ATTPYT-03', name: 'Danh sách chủ cơ sở và người trực tiếp kinh doanh dịch vụ ăn uống đã được tập huấn kiến thức an toàn thực phẩm, có xác nhận đủ sức khỏe', required: true, copies: 1 },
    ],
    processingWorkingDays: 20,
    targetSubjects: ['Doanh nghiệp', 'Hộ kinh doanh', 'Cơ sở kinh doanh dịch vụ ăn uống'],
    resultDescription: 'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (thời hạn 03 năm)',
    requirements: 'Cơ sở đáp ứng điều kiện bảo đảm an toàn thực phẩm đối với kinh doanh dịch vụ ăn uống theo Luật An toàn thực phẩm và các quy chuẩn kỹ thuật quốc gia tương ứng.',
    fees: [{ kind: 'FEE', amount: 700000, description: 'Phí thẩm định cơ sở kinh doanh dịch vụ ăn uống phục vụ dưới 200 suất ăn: 700.000 đồng/lần (từ 200 suất ăn trở lên: 1.000.000 đồng/lần)' }],
    legalBases: [L.luatAttp, L.nd15attp, L.nd155, L.tt67],
    location: AT_PROVINCE('Sở Y tế'),
    publishedAt: '2022-10-03',
  },

  // ============================================================ PROVINCE — Sở Công Thương
  {
    code: tthc('2.000591'),
    name: 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh thực phẩm thuộc thẩm quyền của Sở Công Thương',
    sectorCode: 'ATTP',
    level: 'PROVINCE',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: [SO_CT],
    steps: [
      `Cơ sở nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh (quầy Sở Công Thương) ${ONLINE}.`,
      'Sở Công Thương kiểm tra hồ sơ; thông báo bằng văn bản cho cơ sở nếu hồ sơ chưa đầy đủ, hợp lệ.',
      'Thành lập đoàn thẩm định và thẩm định thực tế tại cơ sở.',
      'Cơ sở đạt yêu cầu: Giám đốc Sở Công Thương ký cấp Giấy chứng nhận; trường hợp không đạt phải có văn bản nêu rõ lý do.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'ATTPCT-01', name: 'Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (Mẫu 01a Phụ lục Thông tư số 43/2018/TT-BCT)', required: true, copies: 1 },
      { code: 'ATTPCT-02', name: 'Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm điều kiện an toàn thực phẩm (Mẫu 02a, 02b)', required: true, copies: 1 },
      { code: 'ATTPCT-03', name: 'Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp sản xuất, kinh doanh thực phẩm do cơ sở y tế cấp huyện trở lên cấp', required: true, copies: 1 },
      { code: 'ATTPCT-04', name: 'Giấy xác nhận đã được tập huấn kiến thức về an toàn thực phẩm của chủ cơ sở và người trực tiếp sản xuất, kinh doanh thực phẩm', required: true, copies: 1 },
    ],
    processingWorkingDays: 20,
    targetSubjects: ['Doanh nghiệp', 'Hộ kinh doanh', 'Hợp tác xã'],
    resultDescription: 'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (thời hạn 03 năm)',
    requirements: 'Cơ sở đáp ứng các điều kiện bảo đảm an toàn thực phẩm đối với sản xuất, kinh doanh thực phẩm theo Luật An toàn thực phẩm và quy chuẩn kỹ thuật quốc gia.',
    fees: [{ kind: 'FEE', amount: 2500000, description: 'Phí thẩm định cơ sở sản xuất thực phẩm: 2.500.000 đồng/lần (cơ sở kinh doanh thực phẩm: 1.000.000 đồng/lần; sản xuất nhỏ lẻ: 500.000 đồng/lần)' }],
    legalBases: [L.luatAttp, L.nd15attp, L.nd17, L.tt43, L.tt67],
    location: AT_PROVINCE('Sở Công Thương'),
    publishedAt: '2022-03-28',
  },
  {
    code: tthc('2.000131'),
    name: 'Đăng ký thực hiện khuyến mại theo hình thức mang tính may rủi thực hiện trên địa bàn 01 tỉnh, thành phố trực thuộc Trung ương',
    sectorCode: 'XTTM',
    level: 'PROVINCE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: [SO_CT],
    steps: [
      'Thương nhân nộp hồ sơ trực tuyến trên Cổng Dịch vụ công hoặc nộp tại Trung tâm Phục vụ hành chính công tỉnh (quầy Sở Công Thương).',
      'Sở Công Thương xem xét hồ sơ, đối chiếu nội dung thể lệ với quy định về khuyến mại.',
      'Giám đốc Sở Công Thương ký văn bản xác nhận đăng ký thực hiện khuyến mại hoặc văn bản không xác nhận nêu rõ lý do.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'KM-01', name: 'Văn bản đề nghị thực hiện khuyến mại theo mẫu', required: true, copies: 1 },
      { code: 'KM-02', name: 'Thể lệ chương trình khuyến mại theo mẫu', required: true, copies: 1 },
      { code: 'KM-03', name: 'Mẫu vé số dự thưởng đối với chương trình khuyến mại có phát hành vé số dự thưởng', required: false, copies: 1 },
      { code: 'KM-04', name: 'Hình ảnh hàng hóa khuyến mại và hàng hóa dùng để khuyến mại; bản sao giấy tờ chứng minh chất lượng hàng hóa, dịch vụ dùng để khuyến mại theo quy định', required: false, copies: 1 },
    ],
    processingWorkingDays: 5,
    targetSubjects: ['Thương nhân'],
    resultDescription: 'Văn bản xác nhận đăng ký thực hiện khuyến mại',
    requirements: 'Tổng giá trị hàng hóa, dịch vụ dùng để khuyến mại không vượt quá 50% tổng giá trị hàng hóa, dịch vụ được khuyến mại; chương trình chỉ thực hiện trên địa bàn một tỉnh.',
    fees: [],
    legalBases: [L.luatTm, L.nd81],
    location: AT_PROVINCE('Sở Công Thương'),
  },

  // ============================================================ PROVINCE — Sở Tài nguyên và Môi trường
  {
    code: tthc('1.010727'),
    name: 'Cấp giấy phép môi trường (cấp tỉnh)',
    sectorCode: 'MT',
    level: 'PROVINCE',
    serviceLevel: 'PARTIAL_ONLINE',
    agencyCodes: [SO_TNMT, SO_XD],
    steps: [
      `Chủ dự án đầu tư, cơ sở nộp hồ sơ tại Trung tâm Phục vụ hành chính công tỉnh (quầy Sở Tài nguyên và Môi trường) ${ONLINE}.`,
      'Sở Tài nguyên và Môi trường kiểm tra tính đầy đủ, hợp lệ của hồ sơ; thông báo bổ sung một lần nếu chưa hợp lệ.',
      'Thành lập hội đồng thẩm định hoặc đoàn kiểm tra; kiểm tra thực tế thông tin trong hồ sơ đề nghị cấp phép (đối với cơ sở đang hoạt động).',
      'Thông báo kết quả thẩm định để chủ dự án, cơ sở hoàn thiện báo cáo đề xuất (nếu có).',
      'Trình Ủy ban nhân dân tỉnh cấp giấy phép môi trường; trả kết quả.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'GPMT-01', name: 'Văn bản đề nghị cấp giấy phép môi trường theo mẫu Phụ lục XII Nghị định số 08/2022/NĐ-CP', required: true, copies: 1 },
      { code: 'GPMT-02', name: 'Báo cáo đề xuất cấp giấy phép môi trường', required: true, copies: 1 },
      { code: 'GPMT-03', name: 'Bản sao báo cáo nghiên cứu khả thi hoặc tài liệu tương đương với báo cáo nghiên cứu khả thi của dự án (đối với dự án không thuộc đối tượng đánh giá tác động môi trường)', required: false, copies: 1 },
    ],
    processingWorkingDays: 30,
    targetSubjects: ['Chủ dự án đầu tư', 'Cơ sở sản xuất, kinh doanh, dịch vụ'],
    resultDescription: 'Giấy phép môi trường do Ủy ban nhân dân tỉnh cấp',
    requirements: 'Dự án đầu tư, cơ sở thuộc đối tượng phải có giấy phép môi trường và thuộc thẩm quyền cấp phép của Ủy ban nhân dân cấp tỉnh theo Luật Bảo vệ môi trường. Trường hợp không phải kiểm tra thực tế, thời hạn giải quyết không quá 15 ngày.',
    fees: [{ kind: 'FEE', amount: 15000000, description: 'Phí thẩm định cấp giấy phép môi trường (mức minh họa; theo Nghị quyết của Hội đồng nhân dân tỉnh)' }],
    legalBases: [L.luatBvmt, L.nd08, L.tt02mt, L.tt85],
    location: AT_PROVINCE('Sở Tài nguyên và Môi trường'),
    publishedAt: '2022-09-14',
  },

  // ============================================================ PROVINCE — Sở Lao động - Thương binh và Xã hội
  {
    code: tthc('1.000459'),
    name: 'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam',
    sectorCode: 'LD',
    level: 'PROVINCE',
    serviceLevel: 'FULL_ONLINE',
    agencyCodes: [SO_LDTBXH],
    steps: [
      'Người sử dụng lao động nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia hoặc tại Trung tâm Phục vụ hành chính công tỉnh (quầy Sở Lao động - Thương binh và Xã hội) chậm nhất 15 ngày trước ngày người lao động nước ngoài dự kiến bắt đầu làm việc.',
      'Sở Lao động - Thương binh và Xã hội kiểm tra hồ sơ, đối chiếu với văn bản chấp thuận nhu cầu sử dụng người lao động nước ngoài.',
      'Giám đốc Sở ký cấp giấy phép lao động; trường hợp không cấp phải trả lời bằng văn bản và nêu rõ lý do.',
      'Người sử dụng lao động nhận giấy phép lao động và ký kết hợp đồng lao động bằng văn bản với người lao động nước ngoài.',
    ],
    channels: ALL_CHANNELS,
    components: [
      { code: 'GPLD-01', name: 'Văn bản đề nghị cấp giấy phép lao động của người sử dụng lao động (Mẫu số 11/PLI Phụ lục I Nghị định số 152/2020/NĐ-CP)', required: true, copies: 1 },
      { code: 'GPLD-02', name: 'Giấy chứng nhận sức khỏe hoặc giấy khám sức khỏe do cơ quan, tổ chức y tế có thẩm quyền cấp, có giá trị trong thời hạn 12 tháng', required: true, copies: 1 },
      { code: 'GPLD-03', name: 'Phiếu lý lịch tư pháp hoặc văn bản xác nhận người lao động nước ngoài không phải là người đang chấp hành hình phạt hoặc chưa được xóa án tích', required: true, copies: 1 },
      { code: 'GPLD-04', name: 'Văn bản, giấy tờ chứng minh là nhà quản lý, giám đốc điều hành, chuyên gia hoặc lao động kỹ thuật', required: true, copies: 1 },
      { code: 'GPLD-05', name: 'Ảnh màu cỡ 4cm x 6cm, phông nền trắng, chụp không quá 06 tháng', required: true, copies: 2 },
      { code: 'GPLD-06', name: 'Bản sao hộ chiếu còn giá trị theo quy định của pháp luật', required: true, copies: 1 },
    ],
    processingWorkingDays: 5,
    targetSubjects: ['Doanh nghiệp', 'Cơ quan, tổ chức', 'Nhà thầu nước ngoài'],
    resultDescription: 'Giấy phép lao động (thời hạn tối đa 02 năm)',
    requirements: 'Người lao động nước ngoài đủ 18 tuổi trở lên, có năng lực hành vi dân sự đầy đủ; có trình độ chuyên môn, kỹ thuật, tay nghề, kinh nghiệm làm việc; có đủ sức khỏe; không phải là người đang trong thời gian chấp hành hình phạt; người sử dụng lao động đã được chấp thuận nhu cầu sử dụng người lao động nước ngoài.',
    fees: [{ kind: 'CHARGE', amount: 600000, description: 'Lệ phí cấp giấy phép lao động: 600.000 đồng/giấy phép (theo Nghị quyết của Hội đồng nhân dân tỉnh)' }],
    legalBases: [L.blld, L.nd152, L.nd70, L.tt85],
    location: AT_PROVINCE('Sở Lao động - Thương binh và Xã hội'),
    publishedAt: '2023-11-06',
  },
];

/**
 * Internal processes (quy trình nội bộ) as provinces publish them with their procedures: who does
 * each step, where, and how much of the time budget it may use; the rest of the budget is the
 * leader's approval and the clerk's issue. Each is a realistic electronic process of its kind.
 */
const step = (name: string, role: DemoStep['role'], share: number, agencyCode: string | null = null): DemoStep => ({ name, role, agencyCode, share });
const WORKFLOWS: Record<string, DemoStep[]> = {
  // Đăng ký thành lập doanh nghiệp tư nhân (3 days): desk → business registration office → its head → (approval) the department's leader.
  [tthc('2.001610')]: [
    step('Bộ phận Một cửa kiểm tra, chuyển Phòng Đăng ký kinh doanh', 'RECEPTION_OFFICER', 0.1),
    step('Chuyên viên Phòng Đăng ký kinh doanh thẩm định hồ sơ', 'SPECIALIST', 0.5),
    step('Trưởng phòng Đăng ký kinh doanh cho ý kiến', 'LEADER', 0.2),
  ],
  // Công ty TNHH một thành viên: the same office, with the entry in the national register as a step of the sector system.
  [tthc('2.002041')]: [
    step('Bộ phận Một cửa kiểm tra, chuyển Phòng Đăng ký kinh doanh', 'RECEPTION_OFFICER', 0.1),
    step('Chuyên viên thẩm định hồ sơ', 'SPECIALIST', 0.4),
    step('Cập nhật Hệ thống thông tin quốc gia về đăng ký doanh nghiệp', 'SECTOR_SYSTEM', 0.1),
    step('Trưởng phòng Đăng ký kinh doanh cho ý kiến', 'LEADER', 0.2),
  ],
  // Giấy phép xây dựng nhà ở riêng lẻ (district): desk → urban management office → site inspection → head of office.
  [tthc('1.009994')]: [
    step('Bộ phận Một cửa chuyển Phòng Quản lý đô thị', 'RECEPTION_OFFICER', 0.05),
    step('Chuyên viên Phòng Quản lý đô thị thẩm định hồ sơ', 'SPECIALIST', 0.35),
    step('Kiểm tra thực địa', 'SPECIALIST', 0.2),
    step('Trưởng phòng Quản lý đô thị cho ý kiến', 'LEADER', 0.2),
  ],
  // Đăng ký thành lập hộ kinh doanh (district): desk → finance and planning office → its head.
  [tthc('2.000720')]: [
    step('Bộ phận Một cửa chuyển Phòng Tài chính - Kế hoạch', 'RECEPTION_OFFICER', 0.1),
    step('Chuyên viên Phòng Tài chính - Kế hoạch thẩm định', 'SPECIALIST', 0.5),
    step('Trưởng phòng Tài chính - Kế hoạch cho ý kiến', 'LEADER', 0.2),
  ],
  // Chứng chỉ hành nghề dược: desk → pharmacy office specialist → the advisory council's opinion → head of office.
  // (The judicial record, 2.000488, keeps the fixed lifecycle: `npm run demo` walks it.)
  [tthc('1.004599')]: [
    step('Bộ phận Một cửa chuyển Phòng Nghiệp vụ Dược', 'RECEPTION_OFFICER', 0.05),
    step('Chuyên viên Phòng Nghiệp vụ Dược thẩm định hồ sơ', 'SPECIALIST', 0.4),
    step('Hội đồng tư vấn cấp chứng chỉ hành nghề dược cho ý kiến', 'LEADER', 0.25),
    step('Trưởng phòng Nghiệp vụ Dược đề xuất', 'LEADER', 0.1),
  ],
  // Giấy phép môi trường cấp tỉnh: the construction department's opinion is a step of its own (it takes part in the procedure).
  [tthc('1.010727')]: [
    step('Bộ phận Một cửa chuyển Chi cục Bảo vệ môi trường', 'RECEPTION_OFFICER', 0.05),
    step('Chuyên viên Chi cục Bảo vệ môi trường thẩm định', 'SPECIALIST', 0.35),
    step('Lấy ý kiến Sở Xây dựng', 'SPECIALIST', 0.2, SO_XD),
    step('Lãnh đạo Chi cục cho ý kiến', 'LEADER', 0.15),
  ],
};

/** Deep copy so no two procedures share a nested object (legal bases, channel lists…). */
function copy(p: DemoProcedure): DemoProcedure {
  const workflow = p.workflow ?? WORKFLOWS[p.code];
  return {
    ...p,
    ...(workflow && { workflow: workflow.map((s) => ({ ...s })) }),
    agencyCodes: [...p.agencyCodes],
    steps: [...p.steps],
    channels: [...p.channels],
    components: p.components.map((c) => ({ ...c })),
    targetSubjects: [...p.targetSubjects],
    fees: p.fees.map((f) => ({ ...f })),
    legalBases: p.legalBases.map((l) => ({ ...l })),
  };
}

export const demoProcedures: DemoProcedure[] = procedures.map(copy);
