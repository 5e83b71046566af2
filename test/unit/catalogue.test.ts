import { foldForSearch, procedureSearchText, searchTerms } from '../../src/domain/catalogue';
import { DateScalar, DateTimeScalar, formatDateTime, isCalendarDate } from '../../src/schema/scalars';
import { AGENCY_COLUMNS, PROCEDURE_COLUMNS } from '../../src/stores/catalogue.store';
import { decodeCursor, encodeCursor, fromGlobalId, toGlobalId } from '../../src/schema/global-id';

describe('search folding', () => {
  it.each([
    ['Đăng ký khai sinh', 'dang ky khai sinh'],
    ['ĐĂNG KÝ   KHAI SINH', 'dang ky khai sinh'],
    ['Cấp Phiếu lý lịch tư pháp', 'cap phieu ly lich tu phap'],
    ['Chứng thực bản sao từ bản chính', 'chung thuc ban sao tu ban chinh'],
    ['Giấy phép xây dựng nhà ở riêng lẻ', 'giay phep xay dung nha o rieng le'],
    ['  Ưu đãi   Ơn  ', 'uu dai on'],
    ['Cấp giấy xác nhận (sửa đổi)', 'cap giay xac nhan sua doi'],
  ])('%s → %s', (input, folded) => {
    expect(foldForSearch(input)).toBe(folded);
  });

  it('indexes name and code together', () => {
    expect(procedureSearchText('Đăng ký khai sinh', '1.001193.000.00.00.H22')).toBe('dang ky khai sinh 1 001193 000 00 00 h22');
  });

  it('splits a search into distinct words', () => {
    expect(searchTerms('Khai  SINH, khai')).toEqual(['khai', 'sinh']);
    expect(searchTerms(' %_ ')).toEqual([]);
  });
});

describe('scalars and ids', () => {
  it('writes instants in Vietnam time with the +07:00 offset', () => {
    expect(formatDateTime(new Date('2026-11-23T01:30:00Z'))).toBe('2026-11-23T08:30:00+07:00');
    expect(formatDateTime(new Date('2026-12-31T17:00:00.250Z'))).toBe('2027-01-01T00:00:00.250+07:00');
    expect(DateTimeScalar.parseValue('2026-11-23T08:30:00+07:00')).toEqual(new Date('2026-11-23T01:30:00Z'));
    expect(() => DateTimeScalar.parseValue('2026-11-23 08:30')).toThrow(/ISO-8601/);
    expect(() => DateTimeScalar.parseValue('2026-11-23T08:30:00')).toThrow(/offset/);
  });

  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-1-05')).toBe(false);
    expect(DateScalar.parseValue('2026-11-23')).toBe('2026-11-23');
    expect(() => DateScalar.parseValue('2026-13-01')).toThrow();
  });

  it('round-trips global ids and cursors', () => {
    const id = toGlobalId('Procedure', '3f0c2a9e-1111-4222-8333-944445555666');
    expect(fromGlobalId(id)).toEqual({ type: 'Procedure', id: '3f0c2a9e-1111-4222-8333-944445555666' });
    expect(fromGlobalId('garbage')).toBeNull();
    expect(decodeCursor(encodeCursor('1.001193.000.00.00.H22'))).toBe('1.001193.000.00.00.H22');
    expect(decodeCursor('bm90LWEtY3Vyc29y')).toBeNull();
  });
});

describe('catalogue columns (one declaration per property)', () => {
  it('maps GraphQL fields to the columns they read; an undeclared field means every column', () => {
    expect(PROCEDURE_COLUMNS.forFields(['__typename', 'id', 'code', 'sector', 'agencies', 'fees'])).toEqual(['id', 'code', 'sectorId', 'fees']);
    expect(PROCEDURE_COLUMNS.forFields(['code', 'somethingNew'])).toBeUndefined();
    expect(AGENCY_COLUMNS.forFields(['code', 'parent'])).toEqual(['code', 'parentId']);
    expect(AGENCY_COLUMNS.forFields(['code', 'children'])).toBeUndefined();
  });

  it('selects the wanted columns with the keys, in one order, named as the row properties', () => {
    expect(PROCEDURE_COLUMNS.select(['fees', 'publishedAt']).toQuery().text).toBe(
      `p.id as "id", p.code as "code", p.sector_id as "sectorId", p.fees as "fees", to_char(p.published_at, 'YYYY-MM-DD') as "publishedAt"`,
    );
    expect(PROCEDURE_COLUMNS.select(['publishedAt', 'fees']).toQuery().text).toBe(PROCEDURE_COLUMNS.select(['fees', 'publishedAt']).toQuery().text);
    expect(PROCEDURE_COLUMNS.select().toQuery().text.split(' as ').length - 1).toBe(PROCEDURE_COLUMNS.names.length);
    expect(AGENCY_COLUMNS.jsonObject(['code', 'parentId']).toQuery().text).toBe(`json_build_object('id', a.id, 'code', a.code, 'parentId', a.parent_id)`);
  });
});
