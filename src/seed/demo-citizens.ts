/**
 * Fictional citizens held by the population-database simulator (CSDL quốc gia về dân cư).
 *
 * DEMO DATA: every person here is invented; any likeness to a real identity number is chance.
 * Identity numbers follow the 12-digit personal identification format: 3 digits for the
 * province of birth registration (002 Hà Giang, 001 Hà Nội, 008 Tuyên Quang, 019 Thái Nguyên,
 * 022 Quảng Ninh), 1 digit for century and gender (0/1 = born 1900–1999 male/female, 2/3 =
 * born 2000–2099 male/female), 2 digits for the last two digits of the birth year, 6 random digits.
 *
 * Addresses use administrative-unit codes (province 2 digits, district 3, ward 5): Hà Giang is
 * province 02. The ward codes below are illustrative; each demo ward corresponds to one commune
 * agency in ./demo-data.ts:
 *   024 TP Hà Giang: 00695 phường Minh Khai (000.31.30.H22), 00691 phường Trần Phú (000.31.31.H22),
 *                    00949 xã Phương Thiện (000.31.32.H22)
 *   030 Vị Xuyên:    00901 thị trấn Vị Xuyên (000.32.30.H22), 00955 xã Đạo Đức (000.32.31.H22),
 *                    00952 xã Phú Linh (000.32.32.H22)
 *   034 Bắc Quang:   01105 thị trấn Việt Quang (000.33.30.H22), 01120 xã Hùng An (000.33.31.H22)
 *   029 Quản Bạ:     00787 thị trấn Tam Sơn (000.34.30.H22), 00790 xã Quyết Tiến (000.34.31.H22)
 * One citizen currently lives in Hà Nội (01 / 001 Ba Đình / 00001 phường Phúc Xá).
 * Pure data: no I/O, no imports.
 */

export interface DemoCitizen {
  /** 12 digits */
  identityNumber: string;
  fullName: string;
  lastName: string;
  middleName: string;
  firstName: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: 'NAM' | 'NU';
  permanentAddress: { provinceCode: string; districtCode: string; wardCode: string; detail: string };
  currentAddress: { provinceCode: string; districtCode: string; wardCode: string; detail: string };
}

export const demoCitizens: DemoCitizen[] = [
  {
    identityNumber: '002085816844', fullName: 'Nguyễn Văn An', lastName: 'Nguyễn', middleName: 'Văn', firstName: 'An',
    birthDate: '1985-03-12', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00695', detail: 'Số 12, tổ 5' },
    currentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00695', detail: 'Số 12, tổ 5' },
  },
  {
    identityNumber: '002190239617', fullName: 'Trần Thị Bích Ngọc', lastName: 'Trần', middleName: 'Thị Bích', firstName: 'Ngọc',
    birthDate: '1990-07-25', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00691', detail: 'Số 210, tổ 2' },
    currentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00691', detail: 'Số 210, tổ 2' },
  },
  {
    identityNumber: '002078642118', fullName: 'Lê Văn Cường', lastName: 'Lê', middleName: 'Văn', firstName: 'Cường',
    birthDate: '1978-11-02', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00949', detail: 'Thôn Cao Bành' },
    currentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00949', detail: 'Thôn Cao Bành' },
  },
  {
    identityNumber: '002182162673', fullName: 'Phạm Thị Dung', lastName: 'Phạm', middleName: 'Thị', firstName: 'Dung',
    birthDate: '1982-01-30', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00901', detail: 'Số 15, tổ 5' },
    currentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00901', detail: 'Số 15, tổ 5' },
  },
  {
    identityNumber: '002069838984', fullName: 'Hoàng Văn Đức', lastName: 'Hoàng', middleName: 'Văn', firstName: 'Đức',
    birthDate: '1969-09-14', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00955', detail: 'Thôn Làng Củng' },
    currentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00955', detail: 'Thôn Làng Củng' },
  },
  {
    identityNumber: '002195699224', fullName: 'Vũ Thị Hằng', lastName: 'Vũ', middleName: 'Thị', firstName: 'Hằng',
    birthDate: '1995-05-08', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00695', detail: 'Số 12, tổ 5' },
    currentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00691', detail: 'Số 6, tổ 14' },
  },
  {
    identityNumber: '001088394818', fullName: 'Đặng Quốc Huy', lastName: 'Đặng', middleName: 'Quốc', firstName: 'Huy',
    birthDate: '1988-12-19', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00691', detail: 'Số 19, ngõ 4, tổ 11' },
    currentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00691', detail: 'Số 19, ngõ 4, tổ 11' },
  },
  {
    identityNumber: '002175028564', fullName: 'Bùi Thị Lan', lastName: 'Bùi', middleName: 'Thị', firstName: 'Lan',
    birthDate: '1975-04-03', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '034', wardCode: '01105', detail: 'Tổ 4' },
    currentAddress: { provinceCode: '02', districtCode: '034', wardCode: '01105', detail: 'Tổ 4' },
  },
  {
    identityNumber: '002201477296', fullName: 'Đỗ Minh Khoa', lastName: 'Đỗ', middleName: 'Minh', firstName: 'Khoa',
    birthDate: '2001-08-21', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '034', wardCode: '01105', detail: 'Số 52, tổ 8' },
    currentAddress: { provinceCode: '01', districtCode: '001', wardCode: '00001', detail: 'Số 14, ngõ 189 phố Phúc Xá' },
  },
  {
    identityNumber: '002192578283', fullName: 'Ngô Thị Mai', lastName: 'Ngô', middleName: 'Thị', firstName: 'Mai',
    birthDate: '1992-10-10', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '034', wardCode: '01120', detail: 'Thôn Khiềm' },
    currentAddress: { provinceCode: '02', districtCode: '034', wardCode: '01120', detail: 'Thôn Khiềm' },
  },
  {
    identityNumber: '002060546758', fullName: 'Dương Văn Nam', lastName: 'Dương', middleName: 'Văn', firstName: 'Nam',
    birthDate: '1960-06-16', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '029', wardCode: '00787', detail: 'Tổ 5' },
    currentAddress: { provinceCode: '02', districtCode: '029', wardCode: '00787', detail: 'Tổ 5' },
  },
  {
    identityNumber: '002187817216', fullName: 'Lý Thị Oanh', lastName: 'Lý', middleName: 'Thị', firstName: 'Oanh',
    birthDate: '1987-02-27', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '029', wardCode: '00790', detail: 'Thôn Nậm Đăm' },
    currentAddress: { provinceCode: '02', districtCode: '029', wardCode: '00790', detail: 'Thôn Nậm Đăm' },
  },
  {
    identityNumber: '002099541862', fullName: 'Hà Văn Phúc', lastName: 'Hà', middleName: 'Văn', firstName: 'Phúc',
    birthDate: '1999-12-01', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00952', detail: 'Thôn Nà Pồng' },
    currentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00952', detail: 'Thôn Nà Pồng' },
  },
  {
    identityNumber: '002193796165', fullName: 'Nông Thị Quyên', lastName: 'Nông', middleName: 'Thị', firstName: 'Quyên',
    birthDate: '1993-03-18', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00955', detail: 'Thôn Làng Củng' },
    currentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00901', detail: 'Tổ 3' },
  },
  {
    identityNumber: '002080074930', fullName: 'Ma Văn Sơn', lastName: 'Ma', middleName: 'Văn', firstName: 'Sơn',
    birthDate: '1980-07-07', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00901', detail: 'Số 15, tổ 5' },
    currentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00901', detail: 'Số 15, tổ 5' },
  },
  {
    identityNumber: '008197267210', fullName: 'Vương Thị Thảo', lastName: 'Vương', middleName: 'Thị', firstName: 'Thảo',
    birthDate: '1997-11-23', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00695', detail: 'Số 103, tổ 1' },
    currentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00695', detail: 'Số 103, tổ 1' },
  },
  {
    identityNumber: '002072220392', fullName: 'Lương Văn Thắng', lastName: 'Lương', middleName: 'Văn', firstName: 'Thắng',
    birthDate: '1972-05-29', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '034', wardCode: '01120', detail: 'Thôn Hùng Thắng' },
    currentAddress: { provinceCode: '02', districtCode: '034', wardCode: '01120', detail: 'Thôn Hùng Thắng' },
  },
  {
    identityNumber: '002300045812', fullName: 'Triệu Thị Uyên', lastName: 'Triệu', middleName: 'Thị', firstName: 'Uyên',
    birthDate: '2000-01-15', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00952', detail: 'Thôn Bản Mán' },
    currentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00952', detail: 'Thôn Bản Mán' },
  },
  {
    identityNumber: '002084497494', fullName: 'Bàn Văn Vinh', lastName: 'Bàn', middleName: 'Văn', firstName: 'Vinh',
    birthDate: '1984-09-09', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '029', wardCode: '00790', detail: 'Thôn Lùng Khỏe' },
    currentAddress: { provinceCode: '02', districtCode: '029', wardCode: '00790', detail: 'Thôn Lùng Khỏe' },
  },
  {
    identityNumber: '002076465230', fullName: 'Giàng Seo Chứ', lastName: 'Giàng', middleName: 'Seo', firstName: 'Chứ',
    birthDate: '1976-02-11', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '029', wardCode: '00787', detail: 'Tổ 2' },
    currentAddress: { provinceCode: '02', districtCode: '029', wardCode: '00787', detail: 'Tổ 2' },
  },
  {
    identityNumber: '002089177423', fullName: 'Sùng Mí Páo', lastName: 'Sùng', middleName: 'Mí', firstName: 'Páo',
    birthDate: '1989-08-30', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '029', wardCode: '00790', detail: 'Thôn Lùng Khỏe' },
    currentAddress: { provinceCode: '02', districtCode: '029', wardCode: '00790', detail: 'Thôn Lùng Khỏe' },
  },
  {
    identityNumber: '002194339343', fullName: 'Vàng Thị Mỷ', lastName: 'Vàng', middleName: 'Thị', firstName: 'Mỷ',
    birthDate: '1994-04-04', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '029', wardCode: '00787', detail: 'Tổ 5' },
    currentAddress: { provinceCode: '02', districtCode: '029', wardCode: '00787', detail: 'Tổ 5' },
  },
  {
    identityNumber: '002303551698', fullName: 'Lù Thị Dí', lastName: 'Lù', middleName: 'Thị', firstName: 'Dí',
    birthDate: '2003-10-28', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '029', wardCode: '00790', detail: 'Thôn Lùng Khỏe' },
    currentAddress: { provinceCode: '02', districtCode: '029', wardCode: '00787', detail: 'Tổ 5' },
  },
  {
    identityNumber: '002067699876', fullName: 'Thào Mí Chá', lastName: 'Thào', middleName: 'Mí', firstName: 'Chá',
    birthDate: '1967-12-24', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00949', detail: 'Thôn Làng Khẻ' },
    currentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00949', detail: 'Thôn Làng Khẻ' },
  },
  {
    identityNumber: '002186499133', fullName: 'Nguyễn Thị Thu Hà', lastName: 'Nguyễn', middleName: 'Thị Thu', firstName: 'Hà',
    birthDate: '1986-06-06', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00691', detail: 'Số 27, tổ 9' },
    currentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00695', detail: 'Số 8, ngõ 12, tổ 7' },
  },
  {
    identityNumber: '022091572859', fullName: 'Trần Đức Anh', lastName: 'Trần', middleName: 'Đức', firstName: 'Anh',
    birthDate: '1991-09-02', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00695', detail: 'Số 8, ngõ 12, tổ 7' },
    currentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00695', detail: 'Số 8, ngõ 12, tổ 7' },
  },
  {
    identityNumber: '002058726606', fullName: 'Phan Thanh Bình', lastName: 'Phan', middleName: 'Thanh', firstName: 'Bình',
    birthDate: '1958-03-26', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '034', wardCode: '01105', detail: 'Số 52, tổ 8' },
    currentAddress: { provinceCode: '02', districtCode: '034', wardCode: '01105', detail: 'Số 52, tổ 8' },
  },
  {
    identityNumber: '002202035821', fullName: 'Lê Hoàng Long', lastName: 'Lê', middleName: 'Hoàng', firstName: 'Long',
    birthDate: '2002-05-19', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00691', detail: 'Số 27, tổ 9' },
    currentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00691', detail: 'Số 27, tổ 9' },
  },
  {
    identityNumber: '002198774049', fullName: 'Nguyễn Ngọc Ánh', lastName: 'Nguyễn', middleName: 'Ngọc', firstName: 'Ánh',
    birthDate: '1998-08-08', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00901', detail: 'Tổ 3' },
    currentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00901', detail: 'Tổ 3' },
  },
  {
    identityNumber: '002179912501', fullName: 'Đinh Thị Yến', lastName: 'Đinh', middleName: 'Thị', firstName: 'Yến',
    birthDate: '1979-01-20', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '034', wardCode: '01120', detail: 'Thôn Khiềm' },
    currentAddress: { provinceCode: '02', districtCode: '034', wardCode: '01120', detail: 'Thôn Khiềm' },
  },
  {
    identityNumber: '002183209053', fullName: 'Hoàng Thị Ngân', lastName: 'Hoàng', middleName: 'Thị', firstName: 'Ngân',
    birthDate: '1983-11-11', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00955', detail: 'Thôn Lâm Đồng' },
    currentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00955', detail: 'Thôn Lâm Đồng' },
  },
  {
    identityNumber: '019070849507', fullName: 'Tạ Văn Lợi', lastName: 'Tạ', middleName: 'Văn', firstName: 'Lợi',
    birthDate: '1970-10-05', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00952', detail: 'Thôn Nà Pồng' },
    currentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00952', detail: 'Thôn Nà Pồng' },
  },
  {
    identityNumber: '002165218270', fullName: 'Mai Thị Hương', lastName: 'Mai', middleName: 'Thị', firstName: 'Hương',
    birthDate: '1965-07-31', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00695', detail: 'Số 45, tổ 3' },
    currentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00695', detail: 'Số 45, tổ 3' },
  },
  {
    identityNumber: '002096572200', fullName: 'Cao Minh Tuấn', lastName: 'Cao', middleName: 'Minh', firstName: 'Tuấn',
    birthDate: '1996-02-14', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '034', wardCode: '01105', detail: 'Tổ 11' },
    currentAddress: { provinceCode: '02', districtCode: '034', wardCode: '01105', detail: 'Tổ 11' },
  },
  {
    identityNumber: '002081634236', fullName: 'Nguyễn Hữu Thành', lastName: 'Nguyễn', middleName: 'Hữu', firstName: 'Thành',
    birthDate: '1981-04-22', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00949', detail: 'Thôn Cao Bành' },
    currentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00691', detail: 'Số 27, tổ 9' },
  },
  {
    identityNumber: '002212430478', fullName: 'Phạm Gia Bảo', lastName: 'Phạm', middleName: 'Gia', firstName: 'Bảo',
    birthDate: '2012-06-01', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00695', detail: 'Số 45, tổ 3' },
    currentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00695', detail: 'Số 45, tổ 3' },
  },
  {
    identityNumber: '002308686361', fullName: 'Nguyễn Khánh Linh', lastName: 'Nguyễn', middleName: 'Khánh', firstName: 'Linh',
    birthDate: '2008-09-17', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00691', detail: 'Số 210, tổ 2' },
    currentAddress: { provinceCode: '02', districtCode: '024', wardCode: '00691', detail: 'Số 210, tổ 2' },
  },
  {
    identityNumber: '002220632443', fullName: 'Hoàng Minh Khôi', lastName: 'Hoàng', middleName: 'Minh', firstName: 'Khôi',
    birthDate: '2020-03-09', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00901', detail: 'Số 15, tổ 5' },
    currentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00901', detail: 'Số 15, tổ 5' },
  },
  {
    identityNumber: '002305642473', fullName: 'Trần Bảo Ngọc', lastName: 'Trần', middleName: 'Bảo', firstName: 'Ngọc',
    birthDate: '2005-12-12', gender: 'NU',
    permanentAddress: { provinceCode: '02', districtCode: '034', wardCode: '01120', detail: 'Thôn Hùng Thắng' },
    currentAddress: { provinceCode: '02', districtCode: '034', wardCode: '01120', detail: 'Thôn Hùng Thắng' },
  },
  {
    identityNumber: '002048504397', fullName: 'Lục Văn Thào', lastName: 'Lục', middleName: 'Văn', firstName: 'Thào',
    birthDate: '1948-08-15', gender: 'NAM',
    permanentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00955', detail: 'Thôn Lâm Đồng' },
    currentAddress: { provinceCode: '02', districtCode: '030', wardCode: '00955', detail: 'Thôn Lâm Đồng' },
  },
];
