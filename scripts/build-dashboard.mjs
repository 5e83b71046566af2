#!/usr/bin/env node
// Bundles the live dashboard (scripts/dashboard: TypeScript, the graphql-ws client and uPlot)
// into dist/dashboard/, served by src/http/dashboard.ts at /dashboard/assets/…: the browser
// loads nothing from any other host. Run by `npm run build` (and `npm start`'s prestart,
// `npm test`'s pretest); skips the work when built from the same sources and locked packages.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'scripts', 'dashboard');
const out = join(root, 'dist', 'dashboard');
const stampFile = join(out, 'build.json');

const stamp = createHash('sha256');
stamp.update(readFileSync(join(root, 'package-lock.json')));
stamp.update(readFileSync(fileURLToPath(import.meta.url)));
for (const f of readdirSync(src).sort()) stamp.update(f).update(readFileSync(join(src, f)));
const digest = stamp.digest('hex');
if (!process.argv.includes('--force') && existsSync(stampFile) && JSON.parse(readFileSync(stampFile, 'utf8')).digest === digest) process.exit(0);

const started = Date.now();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { dashboard: join(src, 'app.ts') },
  outdir: out,
  bundle: true,
  minify: true,
  format: 'iife',
  legalComments: 'linked',
  target: ['chrome110', 'firefox110', 'safari16'],
  logLevel: 'warning',
  absWorkingDir: root,
});
writeFileSync(stampFile, JSON.stringify({ digest, builtAt: new Date().toISOString() }, null, 2) + '\n');
console.error(`dashboard bundled into dist/dashboard in ${Date.now() - started} ms`);
