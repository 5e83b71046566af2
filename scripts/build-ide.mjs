#!/usr/bin/env node
// Bundles the hub's GraphQL IDE (GraphiQL 5 with React and Monaco, @graphiql/toolkit, the
// graphql-ws client) into static files under dist/ide/, served by src/http/ide.ts at
// /graphql/ide/…: the browser loads nothing from any other host.
//
// Run by `npm run build` (so by `npm start`'s prestart and `npm test`'s pretest). It skips the
// work when dist/ide/ was built from the same sources and the same locked package versions.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'scripts', 'ide');
const out = join(root, 'dist', 'ide');
const stampFile = join(out, 'build.json');
const force = process.argv.includes('--force');

const stamp = createHash('sha256');
stamp.update(readFileSync(join(root, 'package-lock.json')));
stamp.update(readFileSync(fileURLToPath(import.meta.url)));
for (const f of readdirSync(src).sort()) stamp.update(f).update(readFileSync(join(src, f)));
const digest = stamp.digest('hex');

if (!force && existsSync(stampFile) && JSON.parse(readFileSync(stampFile, 'utf8')).digest === digest) {
  process.exit(0);
}

const started = Date.now();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const common = {
  bundle: true,
  minify: true,
  legalComments: 'linked',
  target: ['chrome110', 'firefox110', 'safari16'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
  absWorkingDir: root,
};
// The page: ES modules so that Monaco, prettier and the graphql-ws client load as split chunks
// when first needed.
await build({
  ...common,
  entryPoints: { main: join(src, 'app.jsx') },
  outdir: out,
  format: 'esm',
  splitting: true,
  jsx: 'automatic',
  chunkNames: 'chunks/[name]-[hash]',
  assetNames: 'assets/[name]-[hash]',
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file' },
});
// Monaco's web workers (classic scripts).
await build({
  ...common,
  entryPoints: {
    'editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
    'json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
    'graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
  },
  outdir: out,
  format: 'iife',
});
writeFileSync(stampFile, JSON.stringify({ digest, builtAt: new Date().toISOString() }, null, 2) + '\n');
console.error(`GraphQL IDE bundled into dist/ide in ${Date.now() - started} ms`);
