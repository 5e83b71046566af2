import {
  DEMO_NOTICE,
  demoAgencies,
  demoProcedures,
  demoProvince,
  demoSectors,
  type DemoProcedure,
} from '../../src/seed/demo-data';
import { demoCitizens } from '../../src/seed/demo-citizens';

/** Same folding as the catalogue search: lower case, no diacritics, đ → d. */
const fold = (s: string) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const dupes = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
const VIETNAMESE_MARKS = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

const agencyByCode = new Map(demoAgencies.map((a) => [a.code, a]));
const sectorCodes = new Set(demoSectors.map((s) => s.code));

describe('demo catalogue', () => {
  it('says plainly that it is demo data', () => {
    expect(DEMO_NOTICE).toMatch(/demo|minh họa/i);
    expect(DEMO_NOTICE).toMatch(/không phải|not an official/i);
    expect(demoProvince.code).toBe('H22');
    expect(demoProvince.name).toMatch(/^Tỉnh /);
  });

  describe('agencies', () => {
    it('has unique codes in the national format with the province suffix', () => {
      expect(dupes(demoAgencies.map((a) => a.code))).toEqual([]);
      for (const a of demoAgencies) expect(a.code).toMatch(new RegExp(`^000\\.\\d{2}\\.\\d{2}\\.${demoProvince.code}$`));
      expect(demoAgencies.length).toBeGreaterThanOrEqual(20);
      expect(demoAgencies.length).toBeLessThanOrEqual(25);
    });

    it('covers three levels with departments, 3–4 districts and 2–3 communes per district', () => {
      const at = (l: string) => demoAgencies.filter((a) => a.level === l);
      expect(at('PROVINCE').length).toBeGreaterThanOrEqual(5);
      for (const name of ['Sở Tư pháp', 'Sở Giao thông vận tải', 'Sở Kế hoạch và Đầu tư', 'Sở Y tế', 'Sở Công Thương']) {
        expect(at('PROVINCE').map((a) => a.name)).toContain(name);
      }
      const districts = at('DISTRICT');
      expect(districts.length).toBeGreaterThanOrEqual(3);
      expect(districts.length).toBeLessThanOrEqual(4);
      for (const d of districts) {
        const communes = at('COMMUNE').filter((c) => c.parentCode === d.code);
        expect(communes.length).toBeGreaterThanOrEqual(2);
        expect(communes.length).toBeLessThanOrEqual(3);
      }
    });

    it('has parents that exist one level up, and commune codes that embed their district', () => {
      for (const a of demoAgencies) {
        if (a.level === 'COMMUNE') {
          const parent = agencyByCode.get(a.parentCode ?? '');
          expect(parent?.level).toBe('DISTRICT');
          const districtNo = parent!.code.split('.')[2];
          expect(a.code.split('.')[1]).toBe(districtNo);
        } else {
          expect(a.parentCode).toBeNull();
          expect(a.code.split('.')[1]).toBe('00');
        }
      }
    });

    it('gives most agencies a one-stop phone', () => {
      const withPhone = demoAgencies.filter((a) => a.oneStopPhone);
      expect(withPhone.length / demoAgencies.length).toBeGreaterThan(0.75);
      for (const a of withPhone) expect(a.oneStopPhone).toMatch(/^0\d{9,10}$/);
    });

    it('names every agency with Vietnamese diacritics', () => {
      for (const a of demoAgencies) expect(a.name).toMatch(VIETNAMESE_MARKS);
    });
  });

  describe('sectors', () => {
    it('has unique short codes, and every sector is used', () => {
      expect(dupes(demoSectors.map((s) => s.code))).toEqual([]);
      for (const s of demoSectors) {
        expect(s.code).toMatch(/^[A-Z]{2,6}$/);
        expect(demoProcedures.some((p) => p.sectorCode === s.code)).toBe(true);
      }
    });
  });

  describe('procedures', () => {
    it('has at least 34 with unique national TTHC codes', () => {
      expect(demoProcedures.length).toBeGreaterThanOrEqual(34);
      expect(dupes(demoProcedures.map((p) => p.code))).toEqual([]);
      for (const p of demoProcedures) expect(p.code).toMatch(new RegExp(`^[123]\\.\\d{6}\\.000\\.00\\.00\\.${demoProvince.code}$`));
    });

    it('refers only to existing sectors and to agencies of its own level', () => {
      for (const p of demoProcedures) {
        expect(sectorCodes.has(p.sectorCode)).toBe(true);
        expect(p.agencyCodes.length).toBeGreaterThan(0);
        expect(dupes(p.agencyCodes)).toEqual([]);
        for (const code of p.agencyCodes) {
          const agency = agencyByCode.get(code);
          expect(agency).toBeDefined();
          expect(`${p.code} ${agency?.level}`).toBe(`${p.code} ${p.level}`);
        }
      }
    });

    it('has commune procedures at every commune and district procedures at every district', () => {
      const all = (level: string) => demoAgencies.filter((a) => a.level === level).map((a) => a.code).sort();
      for (const p of demoProcedures) {
        if (p.level === 'COMMUNE') expect([...p.agencyCodes].sort()).toEqual(all('COMMUNE'));
        if (p.level === 'DISTRICT') expect([...p.agencyCodes].sort()).toEqual(all('DISTRICT'));
      }
    });

    it('spans levels, online levels and fees', () => {
      const count = (f: (p: DemoProcedure) => boolean) => demoProcedures.filter(f).length;
      for (const level of ['PROVINCE', 'DISTRICT', 'COMMUNE'] as const) expect(count((p) => p.level === level)).toBeGreaterThanOrEqual(5);
      expect(count((p) => p.serviceLevel === 'FULL_ONLINE')).toBeGreaterThanOrEqual(5);
      expect(count((p) => p.serviceLevel === 'PARTIAL_ONLINE')).toBeGreaterThanOrEqual(5);
      expect(count((p) => p.serviceLevel === 'NOT_ONLINE')).toBeGreaterThanOrEqual(1);
      expect(count((p) => p.fees.length > 0)).toBeGreaterThanOrEqual(5);
      expect(count((p) => p.fees.length === 0)).toBeGreaterThanOrEqual(5);
      expect(count((p) => p.fees.some((f) => f.kind === 'FEE'))).toBeGreaterThan(0);
      expect(count((p) => p.fees.some((f) => f.kind === 'CHARGE'))).toBeGreaterThan(0);
      expect(count((p) => p.processingWorkingDays === 0.5)).toBeGreaterThan(0);
    });

    it('fills every published field with sensible values', () => {
      for (const p of demoProcedures) {
        const where = p.code;
        expect(`${where}: ${p.name.trim().length > 0}`).toBe(`${where}: true`);
        expect(p.name).toMatch(VIETNAMESE_MARKS);
        expect(p.steps.length).toBeGreaterThanOrEqual(2);
        expect(p.steps.length).toBeLessThanOrEqual(6);
        for (const s of p.steps) expect(s.trim()).not.toBe('');
        expect(p.channels.length).toBeGreaterThan(0);
        expect(dupes(p.channels)).toEqual([]);
        if (p.serviceLevel === 'NOT_ONLINE') expect(p.channels).not.toContain('ONLINE');
        else expect(p.channels).toContain('ONLINE');
        expect(p.components.length).toBeGreaterThanOrEqual(1);
        expect(p.components.length).toBeLessThanOrEqual(6);
        expect(dupes(p.components.map((c) => c.code))).toEqual([]);
        expect(p.components.some((c) => c.required)).toBe(true);
        for (const c of p.components) {
          expect(c.name.trim()).not.toBe('');
          if (c.copies !== undefined) expect(Number.isInteger(c.copies) && c.copies > 0).toBe(true);
        }
        expect(p.processingWorkingDays).toBeGreaterThan(0);
        expect(Number.isInteger(p.processingWorkingDays * 2)).toBe(true);
        expect(p.targetSubjects.length).toBeGreaterThan(0);
        expect(p.resultDescription.trim()).not.toBe('');
        for (const f of p.fees) {
          expect(Number.isInteger(f.amount) && f.amount > 0).toBe(true);
          expect(f.amount % 1000).toBe(0);
        }
        expect(p.legalBases.length).toBeGreaterThan(0);
        for (const l of p.legalBases) {
          expect(l.number).toMatch(/^\d+\/\d{4}\/[A-ZĐ0-9-]+$/);
          expect(l.title.trim()).not.toBe('');
          if (l.issuedOn !== undefined) expect(isDate(l.issuedOn)).toBe(true);
        }
        if (p.publishedAt !== undefined) expect(isDate(p.publishedAt)).toBe(true);
      }
      const share = (f: (p: DemoProcedure) => boolean) => demoProcedures.filter(f).length / demoProcedures.length;
      expect(share((p) => !!p.requirements)).toBeGreaterThan(0.9);
      expect(share((p) => !!p.location)).toBeGreaterThan(0.9);
      expect(share((p) => !!p.publishedAt)).toBeGreaterThan(0.9);
    });

    it('shares no nested objects between procedures', () => {
      const seen = new Set<object>();
      for (const p of demoProcedures) {
        for (const o of [p.agencyCodes, p.steps, p.channels, p.components, p.fees, p.legalBases, ...p.legalBases, ...p.fees]) {
          expect(seen.has(o)).toBe(false);
          seen.add(o);
        }
      }
    });

    it('has exactly one "Đăng ký khai sinh", found diacritic- and case-insensitively', () => {
      expect(demoProcedures.filter((p) => p.name === 'Đăng ký khai sinh')).toHaveLength(1);
      for (const query of ['dang ky khai sinh', 'Khai Sinh', 'ĐĂNG KÝ KHAI SINH']) {
        const names = demoProcedures.filter((p) => fold(`${p.name} ${p.code}`).includes(fold(query))).map((p) => p.name);
        expect(names).toContain('Đăng ký khai sinh');
      }
      const ks = demoProcedures.find((p) => p.name === 'Đăng ký khai sinh')!;
      expect(ks).toMatchObject({ code: '1.001193.000.00.00.H22', level: 'COMMUNE', serviceLevel: 'FULL_ONLINE', fees: [] });
    });

    it('contains every example procedure named in the domain notes', () => {
      const examples = [
        'Đăng ký khai sinh', 'Đăng ký kết hôn', 'Đăng ký khai tử', 'Cấp bản sao trích lục hộ tịch',
        'Chứng thực bản sao từ bản chính', 'Cấp Phiếu lý lịch tư pháp', 'Cấp đổi giấy phép lái xe',
        'Đăng ký hộ kinh doanh', 'Cấp giấy phép xây dựng nhà ở riêng lẻ', 'Đăng ký thành lập doanh nghiệp',
        'Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm',
      ];
      for (const e of examples) expect(`${e}: ${demoProcedures.some((p) => fold(p.name).includes(fold(e)))}`).toBe(`${e}: true`);
    });

    it('uses the real amounts for the well-known fees', () => {
      const feeOf = (name: string) => demoProcedures.find((p) => p.name.startsWith(name))!.fees.map((f) => f.amount);
      expect(feeOf('Cấp bản sao trích lục hộ tịch')).toEqual([8000]);
      expect(feeOf('Chứng thực bản sao từ bản chính')).toEqual([2000]);
      expect(feeOf('Cấp Phiếu lý lịch tư pháp')).toEqual([200000]);
      expect(feeOf('Cấp đổi giấy phép lái xe')).toEqual([135000]);
      expect(feeOf('Đăng ký thành lập hộ kinh doanh')).toEqual([100000]);
      expect(feeOf('Cấp giấy phép xây dựng nhà ở riêng lẻ')).toEqual([75000]);
      expect(feeOf('Đăng ký thành lập doanh nghiệp tư nhân')).toContain(50000);
    });
  });
});

describe('demo citizens', () => {
  it('has about 40 people with unique 12-digit identity numbers', () => {
    expect(demoCitizens.length).toBeGreaterThanOrEqual(35);
    expect(demoCitizens.length).toBeLessThanOrEqual(45);
    expect(dupes(demoCitizens.map((c) => c.identityNumber))).toEqual([]);
    for (const c of demoCitizens) expect(c.identityNumber).toMatch(/^\d{12}$/);
  });

  it('encodes birth century, gender and birth year in the identity number', () => {
    for (const c of demoCitizens) {
      expect(isDate(c.birthDate)).toBe(true);
      const year = Number(c.birthDate.slice(0, 4));
      const centuryGender = (year >= 2000 ? 2 : 0) + (c.gender === 'NU' ? 1 : 0);
      expect(year).toBeGreaterThanOrEqual(1900);
      expect(year).toBeLessThan(2100);
      expect(`${c.fullName} ${c.identityNumber.slice(3, 6)}`).toBe(`${c.fullName} ${centuryGender}${c.birthDate.slice(2, 4)}`);
      expect(Number(c.identityNumber.slice(0, 3))).toBeGreaterThanOrEqual(1);
      expect(Number(c.identityNumber.slice(0, 3))).toBeLessThanOrEqual(96);
    }
    expect(demoCitizens.some((c) => c.gender === 'NAM')).toBe(true);
    expect(demoCitizens.some((c) => c.gender === 'NU')).toBe(true);
    expect(demoCitizens.some((c) => c.birthDate >= '2000')).toBe(true);
  });

  it('has names whose parts make up the full name, with diacritics', () => {
    for (const c of demoCitizens) {
      expect(c.fullName).toBe([c.lastName, c.middleName, c.firstName].filter(Boolean).join(' '));
      expect(c.lastName).not.toBe('');
      expect(c.firstName).not.toBe('');
    }
    expect(demoCitizens.filter((c) => VIETNAMESE_MARKS.test(c.fullName)).length).toBeGreaterThan(demoCitizens.length * 0.8);
  });

  it('has well-formed addresses, mostly in the demo province', () => {
    for (const c of demoCitizens) {
      for (const a of [c.permanentAddress, c.currentAddress]) {
        expect(a.provinceCode).toMatch(/^\d{2}$/);
        expect(a.districtCode).toMatch(/^\d{3}$/);
        expect(a.wardCode).toMatch(/^\d{5}$/);
        expect(a.detail.trim()).not.toBe('');
      }
    }
    expect(demoCitizens.filter((c) => c.permanentAddress.provinceCode === '02').length).toBe(demoCitizens.length);
    expect(demoCitizens.some((c) => c.currentAddress.wardCode !== c.permanentAddress.wardCode)).toBe(true);
  });
});
