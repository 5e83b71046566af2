/**
 * National public-service portal simulator (Cổng Dịch vụ công quốc gia).
 *
 * API (see ../national-portal.ts), each write deduplicated by its `Idempotency-Key`
 * header: a redelivered key changes nothing and gets the first answer again (the request
 * is recorded with `duplicate: true`). A key is remembered only once its request was
 * accepted, and whatever the path (keys are outbox message ids, unique). Requests without
 * the header are applied every time.
 *   POST /api/hoso/dongbo  NationalDossierRecord → create or replace the record of MaHoSo
 *   POST /api/hoso/tiendo  NationalProgressLine  → appended to MaHoSo's progress, in arrival order
 *   POST /api/pakn         NationalFeedbackRecord → create or replace the record of MaPAKN
 *   GET  /api/tthc         → { error_code: "0", message, data: NationalProcedure[] }
 * Replies:
 *   200 { error_code: "0", message }                    accepted (or duplicate)
 *   400 { error_code: "1", message: "<problems>" }      malformed body / missing fields
 *   200 { error_code: "3", message }                    progress line for a MaHoSo never synced
 *   401 { error_code: "401", message }                  wrong/missing X-API-Key (only when apiKey is set)
 *   500 { error_code: "99", message }                   fault mode "error"
 * The procedure code (MaTTHC) of a dossier is not checked against the catalogue.
 *
 * Control (besides /_sim/requests and /_sim/faults):
 *   GET    /_sim/dossiers/:code → { record, updates, progress[], firstReceivedAt, lastUpdatedAt } | 404
 *   GET    /_sim/feedback/:code → { record, updates, firstReceivedAt, lastUpdatedAt } | 404
 *   GET    /_sim/state          → NationalSimState (all dossiers in first-arrival order …)
 *   DELETE /_sim/state          → forgets dossiers, progress, PAKN and idempotency keys
 *   GET    /_sim/procedures     → NationalProcedure[]
 *   PUT    /_sim/procedures     NationalProcedure[] (or { procedures: [...] }) → { count }
 */
import { defaultNationalCatalogue } from './national-catalogue';
import { SimServer, isObject, reply, type SimulatorHandle, type SimulatorOptions } from './sim-server';
import { NATIONAL_PORTAL_PATHS } from '../national-portal';
import {
  validateNationalDossierRecord,
  validateNationalFeedbackRecord,
  validateNationalProgressLine,
  type NationalDossierRecord,
  type NationalFeedbackRecord,
  type NationalProcedure,
  type NationalProgressLine,
} from '../national-formats';

export interface NationalSimulatorOptions extends SimulatorOptions {
  /** Initial catalogue; default: the demo catalogue plus a few national extras. */
  procedures?: NationalProcedure[];
  /** When set, API requests must carry it as X-API-Key. */
  apiKey?: string;
}

export interface NationalDossierState {
  record: NationalDossierRecord;
  /** Accepted upserts (1 = created, never updated). */
  updates: number;
  /** Progress lines in arrival order. */
  progress: NationalProgressLine[];
  firstReceivedAt: string;
  lastUpdatedAt: string;
}

export interface NationalFeedbackState {
  record: NationalFeedbackRecord;
  updates: number;
  firstReceivedAt: string;
  lastUpdatedAt: string;
}

export interface NationalSimState {
  /** In order of first arrival. */
  dossiers: (NationalDossierState & { MaHoSo: string })[];
  feedback: (NationalFeedbackState & { MaPAKN: string })[];
  /** Writes that changed something. */
  acceptedWrites: number;
  /** Redeliveries ignored because their Idempotency-Key was already applied. */
  duplicatesIgnored: number;
  procedureCount: number;
}

export interface NationalSimulator extends SimulatorHandle {
  dossier(code: string): NationalDossierState | undefined;
  feedback(code: string): NationalFeedbackState | undefined;
  state(): NationalSimState;
  /** Forgets dossiers, progress, PAKN and idempotency keys (not the catalogue or recorded requests). */
  resetState(): void;
  procedures(): NationalProcedure[];
  setProcedures(list: NationalProcedure[]): void;
}

interface StoredReply {
  status: number;
  body: { error_code: string; message: string };
}

export async function startNationalSimulator(opts: NationalSimulatorOptions = {}): Promise<NationalSimulator> {
  const sim = new SimServer('national', opts.log);
  let procedures = opts.procedures ? structuredClone(opts.procedures) : defaultNationalCatalogue();
  let dossiers = new Map<string, NationalDossierState>();
  let feedback = new Map<string, NationalFeedbackState>();
  let appliedKeys = new Map<string, StoredReply>();
  let acceptedWrites = 0;
  let duplicatesIgnored = 0;

  // ---- API
  if (opts.apiKey) {
    sim.api.use((req, res, next) => {
      if (req.headers['x-api-key'] !== opts.apiKey) return reply(res, 401, '401', 'Sai hoặc thiếu khóa truy cập (X-API-Key)');
      next();
    });
  }

  /**
   * Runs `apply` once per Idempotency-Key. `apply` returns the reply; a 200 with
   * error_code "0" marks the key as applied.
   */
  const idempotent =
    (apply: (body: unknown) => StoredReply) =>
    (req: import('express').Request, res: import('express').Response) => {
      const key = req.get('idempotency-key');
      const seen = key ? appliedKeys.get(key) : undefined;
      if (seen) {
        duplicatesIgnored++;
        const rec = SimServer.recordOf(res);
        if (rec) rec.duplicate = true;
        res.status(seen.status).json(seen.body);
        return;
      }
      const out = apply(req.body);
      if (out.status === 200 && out.body.error_code === '0') {
        acceptedWrites++;
        if (key) appliedKeys.set(key, out);
      }
      res.status(out.status).json(out.body);
    };

  const invalid = (problems: string[]): StoredReply => ({
    status: 400,
    body: { error_code: '1', message: `Dữ liệu không hợp lệ: ${problems.join('; ')}` },
  });
  const ok = (message: string): StoredReply => ({ status: 200, body: { error_code: '0', message } });
  const now = () => new Date().toISOString();

  sim.api.post(
    NATIONAL_PORTAL_PATHS.dossier,
    idempotent((body) => {
      const problems = validateNationalDossierRecord(body);
      if (problems.length) return invalid(problems);
      const record = structuredClone(body) as NationalDossierRecord;
      const existing = dossiers.get(record.MaHoSo);
      if (existing) {
        existing.record = record;
        existing.updates++;
        existing.lastUpdatedAt = now();
        return ok('Cập nhật hồ sơ thành công');
      }
      const at = now();
      dossiers.set(record.MaHoSo, { record, updates: 1, progress: [], firstReceivedAt: at, lastUpdatedAt: at });
      return ok('Đồng bộ hồ sơ thành công');
    }),
  );

  sim.api.post(
    NATIONAL_PORTAL_PATHS.progress,
    idempotent((body) => {
      const problems = validateNationalProgressLine(body);
      if (problems.length) return invalid(problems);
      const line = structuredClone(body) as NationalProgressLine;
      const d = dossiers.get(line.MaHoSo);
      if (!d) return { status: 200, body: { error_code: '3', message: `Hồ sơ ${line.MaHoSo} chưa được đồng bộ` } };
      d.progress.push(line);
      d.lastUpdatedAt = now();
      return ok('Cập nhật tiến độ thành công');
    }),
  );

  sim.api.post(
    NATIONAL_PORTAL_PATHS.feedback,
    idempotent((body) => {
      const problems = validateNationalFeedbackRecord(body);
      if (problems.length) return invalid(problems);
      const record = structuredClone(body) as NationalFeedbackRecord;
      const existing = feedback.get(record.MaPAKN);
      if (existing) {
        existing.record = record;
        existing.updates++;
        existing.lastUpdatedAt = now();
        return ok('Cập nhật phản ánh, kiến nghị thành công');
      }
      const at = now();
      feedback.set(record.MaPAKN, { record, updates: 1, firstReceivedAt: at, lastUpdatedAt: at });
      return ok('Tiếp nhận phản ánh, kiến nghị thành công');
    }),
  );

  sim.api.get(NATIONAL_PORTAL_PATHS.procedures, (_req, res) => {
    res.json({ error_code: '0', message: 'Thành công', data: procedures });
  });

  // ---- control
  const state = (): NationalSimState => ({
    dossiers: [...dossiers].map(([MaHoSo, d]) => ({ MaHoSo, ...structuredClone(d) })),
    feedback: [...feedback].map(([MaPAKN, f]) => ({ MaPAKN, ...structuredClone(f) })),
    acceptedWrites,
    duplicatesIgnored,
    procedureCount: procedures.length,
  });
  const resetState = () => {
    dossiers = new Map();
    feedback = new Map();
    appliedKeys = new Map();
    acceptedWrites = 0;
    duplicatesIgnored = 0;
  };
  const setProcedures = (list: NationalProcedure[]) => {
    procedures = structuredClone(list);
  };

  sim.sim.get('/dossiers/:code', (req, res) => {
    const d = dossiers.get(req.params.code as string);
    if (!d) return reply(res, 404, '404', `Hồ sơ ${req.params.code} không tồn tại`);
    res.json(d);
  });
  sim.sim.get('/feedback/:code', (req, res) => {
    const f = feedback.get(req.params.code as string);
    if (!f) return reply(res, 404, '404', `Phản ánh, kiến nghị ${req.params.code} không tồn tại`);
    res.json(f);
  });
  sim.sim.get('/state', (_req, res) => {
    res.json(state());
  });
  sim.sim.delete('/state', (_req, res) => {
    resetState();
    res.json({ cleared: true });
  });
  sim.sim.get('/procedures', (_req, res) => {
    res.json(procedures);
  });
  sim.sim.put('/procedures', (req, res) => {
    const list: unknown = Array.isArray(req.body) ? req.body : isObject(req.body) ? req.body.procedures : undefined;
    if (!Array.isArray(list) || !list.every((p) => isObject(p) && typeof p.MaTTHC === 'string' && typeof p.TenTTHC === 'string')) {
      return reply(res, 400, '1', 'Body must be an array of procedures (each with MaTTHC and TenTTHC), or { procedures: [...] }');
    }
    setProcedures(list as NationalProcedure[]);
    res.json({ count: procedures.length });
  });

  const handle = await sim.start(opts);
  return {
    ...handle,
    dossier: (code) => {
      const d = dossiers.get(code);
      return d && structuredClone(d);
    },
    feedback: (code) => {
      const f = feedback.get(code);
      return f && structuredClone(f);
    },
    state,
    resetState,
    procedures: () => structuredClone(procedures),
    setProcedures,
  };
}
