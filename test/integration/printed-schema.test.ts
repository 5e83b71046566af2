import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printHubSchema } from '../../src/schema/print';

describe('schema.graphql (the printed live schema)', () => {
  it('is current: run `npm run print-schema` after changing the schema', async () => {
    const committed = readFileSync(resolve(__dirname, '../../schema.graphql'), 'utf8');
    expect(committed === (await printHubSchema())).toBe(true);
  });
});
