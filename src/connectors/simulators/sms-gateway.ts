/**
 * Brandname SMS gateway simulator (the HTTP style Vietnamese carriers' gateways use).
 *
 * API:
 *   POST /sms/send  { phone, message, brandname, requestId? }
 *     200 { code: "00", message: "Success", smsId }         accepted (a repeated requestId
 *                                                           is accepted once: duplicate)
 *     200 { code: "01", message }                          malformed phone (0xxxxxxxxx / 84xxxxxxxxx)
 *     200 { code: "02", message }                          empty message, or brandname missing
 *     200 { code: "<answerCode>", message }                while POST /_sim/answer-code is set
 *     500 (fault "error"), a cut connection (fault "down"), a delay (fault "slow")
 * Control (besides /_sim/requests and /_sim/faults):
 *   POST /_sim/answer-code { code } → every send is answered with that code ("00" = normal)
 *   GET  /_sim/sms                  → the accepted messages, oldest first
 */
import { SimServer, isObject, type SimulatorHandle, type SimulatorOptions } from './sim-server';

export const SMS_SEND_PATH = '/sms/send';

export interface SimSms {
  smsId: string;
  phone: string;
  message: string;
  brandname: string;
  requestId: string | null;
  receivedAt: string;
}

export interface SmsGatewaySimulator extends SimulatorHandle {
  /** The URL SMS_GATEWAY_URL is set to (…/sms/send). */
  readonly sendUrl: string;
  /** Accepted messages (duplicates by requestId once). */
  sms(): SimSms[];
  /** Every send is answered with this code ("00" = accept normally). */
  setAnswerCode(code: string): void;
}

export async function startSmsGatewaySimulator(opts: SimulatorOptions = {}): Promise<SmsGatewaySimulator> {
  const s = new SimServer('sms-gateway', opts.log);
  let accepted: SimSms[] = [];
  const seen = new Set<string>();
  let answerCode = '00';
  let n = 0;

  s.api.post(SMS_SEND_PATH, (req, res) => {
    const b = req.body;
    if (answerCode !== '00') {
      res.json({ code: answerCode, message: 'Simulated gateway error code' });
      return;
    }
    if (!isObject(b) || typeof b.phone !== 'string' || !/^(0|84)\d{9,10}$/.test(b.phone)) {
      res.json({ code: '01', message: 'Invalid phone number' });
      return;
    }
    if (typeof b.message !== 'string' || b.message.length === 0 || typeof b.brandname !== 'string' || !b.brandname) {
      res.json({ code: '02', message: 'message and brandname are required' });
      return;
    }
    const requestId = typeof b.requestId === 'string' ? b.requestId : null;
    if (requestId && seen.has(requestId)) {
      const rec = SimServer.recordOf(res);
      if (rec) rec.duplicate = true;
      res.json({ code: '00', message: 'Success (duplicate)', smsId: accepted.find((x) => x.requestId === requestId)?.smsId ?? null });
      return;
    }
    if (requestId) seen.add(requestId);
    const sms: SimSms = { smsId: `SIM${++n}`, phone: b.phone, message: b.message, brandname: b.brandname, requestId, receivedAt: new Date().toISOString() };
    accepted.push(sms);
    res.json({ code: '00', message: 'Success', smsId: sms.smsId });
  });
  s.sim.post('/answer-code', (req, res) => {
    const code = isObject(req.body) ? req.body.code : undefined;
    if (typeof code !== 'string' || !/^\d{2}$/.test(code)) {
      res.status(400).json({ error_code: '1', message: 'code must be two digits' });
      return;
    }
    answerCode = code;
    res.json({ code });
  });
  s.sim.get('/sms', (_req, res) => {
    res.json(accepted);
  });
  s.sim.delete('/sms', (_req, res) => {
    const cleared = accepted.length;
    accepted = [];
    seen.clear();
    res.json({ cleared });
  });

  const handle = await s.start(opts);
  return {
    ...handle,
    sendUrl: `${handle.url}${SMS_SEND_PATH}`,
    sms: () => accepted.map((x) => ({ ...x })),
    setAnswerCode: (code) => {
      answerCode = code;
    },
  };
}
