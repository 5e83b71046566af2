import { sql } from '../../src/db/sql';

describe('sql tagged template', () => {
  it('binds every value as a parameter, next to its column', () => {
    const code = "H22'; drop table dossier; --";
    expect(sql`select * from dossier where code = ${code} and version = ${3}`.toQuery()).toEqual({
      text: 'select * from dossier where code = ? and version = ?',
      params: [code, 3],
    });
  });

  it('nests fragments, joins them, and writes inserts and updates from one object', () => {
    const where = sql.join([sql`a = ${1}`, sql`b = ${'x'}`], ' and ');
    expect(sql`select 1 from t where ${where} limit ${10}`.toQuery()).toEqual({ text: 'select 1 from t where a = ? and b = ? limit ?', params: [1, 'x', 10] });
    expect(sql`insert into payment ${sql.values({ id: 'p1', amount: 15000, status: 'PENDING' })}`.toQuery()).toEqual({
      text: 'insert into payment (id, amount, status) values (?, ?, ?)',
      params: ['p1', 15000, 'PENDING'],
    });
    expect(sql`update payment set ${sql.set({ status: 'PAID', refund_due: 0 })} where id = ${'p1'}`.toQuery()).toEqual({
      text: 'update payment set status = ?, refund_due = ? where id = ?',
      params: ['PAID', 0, 'p1'],
    });
    expect(sql.join([]).toQuery()).toEqual({ text: '', params: [] });
  });

  it('casts arrays and json, and refuses bare arrays and undefined', () => {
    expect(sql`select ${sql.array(['a"b', 'c'], 'uuid')}, ${sql.json({ k: 1 })}, ${sql.json(null)}`.toQuery()).toEqual({
      text: 'select ?::uuid[], ?::jsonb, ?::jsonb',
      params: ['{"a\\"b","c"}', '{"k":1}', null],
    });
    expect(() => sql`select ${[1, 2] as unknown}`).toThrow(/sql.array/);
    expect(() => sql`select ${undefined}`).toThrow(/undefined/);
  });

  it('escapes question marks of the text (jsonb operators) so they are not placeholders', () => {
    expect(sql`select data ? 'k' from t where id = ${1}`.toQuery().text).toBe("select data \\? 'k' from t where id = ?");
  });
});
