import { redactSqlValues, serializeError } from '../../src/logger';

describe('values never reach the logs (issue 9, finding 6)', () => {
  it('redacts quoted literals, quoted values after a colon and constraint key values; keeps identifiers', () => {
    expect(redactSqlValues(`insert into dossier ("code", applicant_phone) values ('H22-1', '0912345678') - duplicate key value violates unique constraint "dossier_code_unique"`))
      .toBe(`insert into dossier ("code", applicant_phone) values ('?', '?') - duplicate key value violates unique constraint "dossier_code_unique"`);
    expect(redactSqlValues(`select 1 where x = 'O''Brien' - invalid input syntax for type uuid: "079123456789"`)).toBe(`select 1 where x = '?' - invalid input syntax for type uuid: "?"`);
    expect(redactSqlValues('Key (applicant_identity_number)=(079123456789) already exists.')).toBe('Key (applicant_identity_number)=(?) already exists.');
  });

  it('leaves ordinary errors readable and redacts a statement quoted in one', () => {
    const plain = serializeError(new TypeError("Cannot read properties of undefined (reading 'code')")) as { message: string };
    expect(plain.message).toBe("Cannot read properties of undefined (reading 'code')");
    const wrapped = serializeError(new Error(`select * from dossier where code = 'H22-0001' - canceling statement`)) as { message: string };
    expect(wrapped.message).toBe(`select * from dossier where code = '?' - canceling statement`);
    expect(serializeError(`update payment set status = 'PAID' where reference = 'HG1' - deadlock detected`)).toBe(`update payment set status = '?' where reference = '?' - deadlock detected`);
  });
});
