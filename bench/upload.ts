import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ChildProcess } from 'node:child_process';
import { childCpu, machine } from './support';
import { citizenToken, demoCitizens, mib, pct, round, startBenchHub } from './dossier-support';
import { busySince } from './submit';

/**
 * npm run bench -- upload (issue 12): files through createUpload + PUT /uploads/… on a hub child
 * process running as in production.
 * 1. `clients` concurrent clients (default 50), each in a closed loop: createUpload, then PUT a
 *    1 MiB PDF whose last bytes are its own number (every sha256 differs; the client hashes the
 *    common part once and copies the hash state). `uploads` per round (default 500), `rounds`
 *    rounds after a warm-up of 100; the store is emptied between rounds so the disk stays small.
 *    Files/s, MB/s, p50/p99 of an upload (both steps) and of the PUT alone, hub CPU per upload.
 * 2. (run first) One `bigMb` (default 200) MB PDF, generated while it is sent (never whole in the bench's
 *    memory either), with the hub's RSS read from /proc/<pid>/status every 50 ms: max RSS must
 *    stay under 300 MB.
 */
const MiB = 1024 * 1024;
const LINE = 1024; // the filler is comment lines of 1 KiB: `%` + 1022 characters + `\n`
const CREATE = `mutation ($input: CreateUploadInput!) { createUpload(input: $input) { fileId uploadUrl } }`;

/** 64 KiB of PDF comment lines (random letters), reused as the filler of every file. */
function fillerBlock(): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const r = randomBytes(64 * LINE);
  const b = Buffer.alloc(64 * LINE);
  for (let i = 0; i < b.length; i++) b[i] = alphabet.charCodeAt(r[i]! % alphabet.length);
  for (let l = 0; l < 64; l++) {
    b[l * LINE] = 0x25; // %
    b[l * LINE + LINE - 1] = 0x0a;
  }
  return b;
}

/**
 * A valid one-page PDF with `fillerLines` KiB of comment lines between its header and its
 * objects: the header, the filler (streamed in 64 KiB blocks) and the objects with an xref table
 * whose offsets count the filler.
 */
function* pdfChunks(fillerLines: number, block: Buffer, label: string): Generator<Buffer> {
  const head = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1');
  yield head;
  for (let left = fillerLines; left > 0; left -= 64) yield left >= 64 ? block : block.subarray(0, left * LINE);
  const stream = `BT /F1 18 Tf 20 80 Td (${label}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const base = head.length + fillerLines * LINE;
  let out = '';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(base + Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = base + Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  yield Buffer.from(out, 'latin1');
}

/** The hub's resident memory (VmRSS, bytes) sampled every `everyMs` until stop(). */
function rssSampler(pid: number, everyMs = 50) {
  const read = () => {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  };
  const samples: number[] = [read()];
  const timer = setInterval(() => samples.push(read()), everyMs);
  return {
    stop() {
      clearInterval(timer);
      samples.push(read());
      return { maxMiB: mib(Math.max(...samples)), firstMiB: mib(samples[0]!), lastMiB: mib(samples.at(-1)!), samples: samples.length };
    },
  };
}

/**
 * Kept-alive connections, closed by the client after 4 s idle: the hub (Node's default) closes
 * them after 5 s, and a request sent on a socket the server is closing fails ("socket hang up").
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 4000 });

/** One request with a body of chunks (streamed, with their total length); the status and the answer's text. */
function send(url: string, method: 'POST' | 'PUT', headers: Record<string, string | number>, chunks: Iterable<Buffer>): Promise<{ status: number; text: string }> {
  return new Promise((ok, fail) => {
    const req = request(url, { method, agent, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('error', (e) => fail(new Error(`${method} ${e.message}${req.reusedSocket ? ' (kept-alive socket)' : ''}`)));
    pipeline(Readable.from(chunks), req).catch(() => undefined); // the request's own 'error' reports it
  });
}

/** PUTs the chunks (streamed, with their total length); the status and the answer's body. */
async function put(url: string, chunks: Iterable<Buffer>, length: number): Promise<{ status: number; body: any }> {
  const r = await send(url, 'PUT', { 'content-type': 'application/pdf', 'content-length': length }, chunks);
  try {
    return { status: r.status, body: JSON.parse(r.text) };
  } catch {
    return { status: r.status, body: r.text };
  }
}

async function ticket(hubUrl: string, token: string, input: { fileName: string; sizeBytes: number; sha256: string }): Promise<{ fileId: string; uploadUrl: string }> {
  const body = Buffer.from(JSON.stringify({ query: CREATE, variables: { input: { ...input, mimeType: 'application/pdf' } } }));
  const r = await send(`${hubUrl}/graphql`, 'POST', { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}` }, [body]);
  const b = JSON.parse(r.text);
  if (r.status !== 200 || b.errors) throw new Error(`createUpload ${r.status}: ${r.text.slice(0, 300)}`);
  return b.data.createUpload;
}

/** Removes every stored content (not the temporary folder): the rounds' files are not needed afterwards. */
function emptyStore(dir: string) {
  for (const e of readdirSync(dir)) if (e !== 'tmp') rmSync(join(dir, e), { recursive: true, force: true });
}

export async function benchUpload(opts: { clients: number; uploads: number; rounds: number; bigMb: number; serverUrl: string }) {
  const storeDir = mkdtempSync(join(tmpdir(), 'dvc-bench-files-'));
  const hub = await startBenchHub(opts.serverUrl, {
    FILE_STORE_DIR: storeDir,
    FILE_MAX_BYTES: String((opts.bigMb + 16) * MiB),
    FILE_URL_SECRET: 'bench-file-url-secret-0123456789',
  });
  const pid = (hub.child as ChildProcess).pid!;
  try {
    const tokens = await Promise.all(demoCitizens.map(citizenToken));
    const block = fillerBlock();

    // ── 1. Concurrent 1 MiB uploads ──
    // The common part of every small file (a PDF, its filler sized so the file is 1 MiB with the
    // 24-byte suffix `% upload 0000000000001\n`), hashed once.
    const suffixOf = (n: number) => Buffer.from(`% upload ${String(n).padStart(13, '0')}\n`, 'latin1');
    const SUFFIX = suffixOf(0).length;
    const fixed = Buffer.concat([...pdfChunks(0, block, 'bench')]).length;
    const fillerLines = Math.floor((MiB - SUFFIX - fixed) / LINE);
    const prefix = Buffer.concat([...pdfChunks(fillerLines, block, 'bench')]);
    const prefixHash = createHash('sha256').update(prefix);
    const size = prefix.length + SUFFIX;
    let serial = 0;

    const runRound = async (count: number) => {
      const total: number[] = [];
      const puts: number[] = [];
      const failures: string[] = [];
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: opts.clients }, async (_, c) => {
          while (next < count) {
            next++;
            const n = ++serial;
            const suffix = suffixOf(n);
            const sha256 = prefixHash.copy().update(suffix).digest('hex');
            const s0 = performance.now();
            try {
              const tk = await ticket(hub.url, tokens[c % tokens.length]!, { fileName: `Giấy tờ ${n}.pdf`, sizeBytes: size, sha256 });
              const p0 = performance.now();
              const r = await put(`${hub.url}${tk.uploadUrl}`, [prefix, suffix], size);
              const end = performance.now();
              if (r.status !== 201 || r.body?.sha256 !== sha256) {
                failures.push(`${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
                continue;
              }
              total.push(end - s0);
              puts.push(end - p0);
            } catch (e) {
              failures.push(String(e));
            }
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      total.sort((a, b) => a - b);
      puts.sort((a, b) => a - b);
      return {
        ok: total.length,
        failed: failures.length,
        failureSamples: failures.slice(0, 3),
        seconds: round(seconds, 2),
        filesPerSec: round(total.length / seconds, 1),
        mbPerSec: round((total.length * size) / 1e6 / seconds, 1),
        p50: round(pct(total, 50), 1),
        p99: round(pct(total, 99), 1),
        putP50: round(pct(puts, 50), 1),
        putP99: round(pct(puts, 99), 1),
      };
    };

    const idle = rssSampler(pid).stop(); // the hub started, nothing uploaded yet
    for (let i = 0; i < 3; i++) await runRound(1);
    // ── 2. One big file, streamed (measured first, on a hub that has taken a few small uploads) ──
    const bigLines = Math.floor((opts.bigMb * MiB - fixed) / LINE);
    const big = () => pdfChunks(bigLines, block, 'big');
    const h = createHash('sha256');
    let bigSize = 0;
    for (const c of big()) {
      h.update(c);
      bigSize += c.length;
    }
    const bigSha = h.digest('hex');
    const tk = await ticket(hub.url, tokens[0]!, { fileName: 'Bản đồ địa chính.pdf', sizeBytes: bigSize, sha256: bigSha });
    const rss = rssSampler(pid);
    const b0 = performance.now();
    const r = await put(`${hub.url}${tk.uploadUrl}`, big(), bigSize);
    const bigSeconds = (performance.now() - b0) / 1000;
    const memory = rss.stop();
    const storedSize = statSync(join(storeDir, bigSha.slice(0, 2), bigSha.slice(2, 4), bigSha)).size;
    const bigOk = r.status === 201 && r.body?.sha256 === bigSha && storedSize === bigSize;

    await runRound(100); // warm-up
    emptyStore(storeDir);
    const rounds: (Awaited<ReturnType<typeof runRound>> & { hubCpuMsPerUpload: number; machineBusy: number; hubRssMaxMiB: number })[] = [];
    for (let r = 0; r < opts.rounds; r++) {
      const cpu0 = await childCpu(hub.child);
      const m0 = cpus();
      const rss = rssSampler(pid);
      const res = await runRound(opts.uploads);
      const memory = rss.stop();
      const machineBusy = busySince(m0);
      const cpu = (await childCpu(hub.child)) - cpu0;
      rounds.push({ ...res, hubCpuMsPerUpload: round(cpu / 1000 / Math.max(1, res.ok), 2), machineBusy, hubRssMaxMiB: memory.maxMiB });
      emptyStore(storeDir);
    }
    const mean = (k: 'filesPerSec' | 'mbPerSec' | 'p50' | 'p99' | 'putP50' | 'putP99' | 'hubCpuMsPerUpload' | 'machineBusy') =>
      round(rounds.reduce((a, x) => a + x[k], 0) / rounds.length, 2);

    const filesPerSec = mean('filesPerSec');
    return {
      bench: 'upload',
      machine: machine(),
      date: new Date().toISOString(),
      database: hub.db.kind,
      hubRssIdleMiB: idle.maxMiB,
      concurrent: {
        clients: opts.clients,
        uploadsPerRound: opts.uploads,
        fileBytes: size,
        filesPerSec,
        mbPerSec: mean('mbPerSec'),
        p50: mean('p50'),
        p99: mean('p99'),
        putP50: mean('putP50'),
        putP99: mean('putP99'),
        hubCpuMsPerUpload: mean('hubCpuMsPerUpload'),
        machineBusy: mean('machineBusy'),
        hubRssMaxMiB: Math.max(...rounds.map((x) => x.hubRssMaxMiB)),
        failed: rounds.reduce((a, x) => a + x.failed, 0),
        perRound: rounds,
      },
      big: {
        bytes: bigSize,
        status: r.status,
        seconds: round(bigSeconds, 2),
        mbPerSec: round(bigSize / 1e6 / bigSeconds, 1),
        hubRss: memory,
        storedIntact: bigOk,
        answer: r.status === 201 ? undefined : r.body,
      },
      target: 'hub RSS < 300 MB during a 200 MB upload; every upload accepted',
      met: bigOk && memory.maxMiB * MiB < 300e6 && rounds.every((x) => x.failed === 0),
    };
  } finally {
    await hub.stop();
    rmSync(storeDir, { recursive: true, force: true });
  }
}
