import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { printHubSchema } from '../src/schema/print';

/** npm run print-schema: writes the live schema to schema.graphql (front-ends generate client types from it). */
printHubSchema().then((sdl) => {
  writeFileSync(resolve(__dirname, '../../schema.graphql'), sdl);
  process.stdout.write('schema.graphql written\n');
});
