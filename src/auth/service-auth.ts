import type { HubServices } from '../context';
import { Db } from '../db/sql';
import { hashSecret, secretMatches } from './secrets';
import { serviceAccountByClientId, type ServiceAccountRow } from '../stores/service-account.store';

/**
 * POST /oauth/token: the account when the secret is its current one, or its previous one within
 * the overlap; null otherwise (unknown, deactivated, wrong secret: the same answer). The
 * secret's wall clock, not the business clock tests move.
 */
export async function authenticateServiceAccount(services: HubServices, clientId: string, secret: string): Promise<ServiceAccountRow | null> {
  const account = await serviceAccountByClientId(new Db(services.forkEm()), clientId);
  if (!account || !account.active) {
    await hashSecret(secret); // the same time as a real check
    return null;
  }
  if (await secretMatches(secret, account.secretHash)) return account;
  if (account.previousSecretHash && account.previousValidUntil && account.previousValidUntil.getTime() > Date.now() && (await secretMatches(secret, account.previousSecretHash))) return account;
  return null;
}
