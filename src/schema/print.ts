import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildHubSchema } from './build';

/** The live schema as SDL, types sorted: what `schema.graphql` at the repository's top holds. */
export async function printHubSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildHubSchema()))}\n`;
}
