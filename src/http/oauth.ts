import express, { type Express, type Request, type Response } from 'express';
import type { HubServices } from '../context';
import { authenticateServiceAccount } from '../auth/service-auth';
import { signServiceToken } from '../auth/tokens';
import { languageOf } from './language';

/**
 * POST /oauth/token (RFC 6749 §4.4, client credentials): a sector system's service account
 * trades its client_id and client_secret (form body, or HTTP Basic) for a short-lived JWT signed
 * with the hub's own key, which never leaves the hub. Errors as RFC 6749 §5.2 with a Vietnamese
 * error_description; a bad id and a bad secret answer the same.
 */
export function installOAuth(app: Express, services: HubServices): void {
  app.post('/oauth/token', express.urlencoded({ extended: false, limit: '8kb' }), express.json({ limit: '8kb' }), async (req: Request, res: Response) => {
    res.set('cache-control', 'no-store').set('pragma', 'no-cache');
    const vi = languageOf(req.headers['accept-language']) === 'vi';
    const body = (req.body ?? {}) as Record<string, unknown>;
    const record = res.locals.record as { id?: string; ip?: string } | undefined;
    const audit = (subject: string | null, serviceAccountId: string | null, outcome: string) =>
      services.audit.record({ at: new Date(), subject, roles: serviceAccountId ? ['SECTOR_SYSTEM'] : [], serviceAccountId, kind: 'MUTATION', operation: 'POST /oauth/token', dossierId: null, dossierCode: null, documentId: null, target: null, ip: record?.ip ?? req.ip ?? null, requestId: record?.id ?? null, outcome });
    if (body.grant_type !== 'client_credentials') {
      res.status(400).json({ error: 'unsupported_grant_type', error_description: vi ? 'Chỉ hỗ trợ grant_type=client_credentials' : 'only grant_type=client_credentials is supported' });
      return;
    }
    let clientId = typeof body.client_id === 'string' ? body.client_id : undefined;
    let clientSecret = typeof body.client_secret === 'string' ? body.client_secret : undefined;
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i > 0) {
        clientId = decodeURIComponent(decoded.slice(0, i));
        clientSecret = decodeURIComponent(decoded.slice(i + 1));
      }
    }
    if (!clientId || !clientSecret || clientId.length > 200 || clientSecret.length > 200) {
      res.status(400).json({ error: 'invalid_request', error_description: vi ? 'Cần client_id và client_secret' : 'client_id and client_secret are required' });
      return;
    }
    try {
      const account = await authenticateServiceAccount(services, clientId, clientSecret);
      if (!account) {
        audit(`service:${clientId.slice(0, 100)}`, null, 'UNAUTHENTICATED');
        res.status(401).set('www-authenticate', 'Basic realm="dvc-hub"').json({ error: 'invalid_client', error_description: vi ? 'Thông tin xác thực của hệ thống không hợp lệ' : 'client authentication failed' });
        return;
      }
      const ttl = services.config.SERVICE_TOKEN_TTL;
      const token = await signServiceToken(await services.accounts.serviceTokenKey(), account, ttl, new Date());
      audit(`service:${account.clientId}`, account.id, 'OK');
      res.json({ access_token: token, token_type: 'Bearer', expires_in: ttl });
    } catch (e) {
      services.log.error({ err: e }, 'POST /oauth/token failed');
      res.status(500).json({ error: 'server_error', error_description: vi ? 'Lỗi hệ thống, vui lòng thử lại sau' : 'internal error, try again later' });
    }
  });
}
