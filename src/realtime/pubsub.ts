import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import Redis from 'ioredis';
import { setMaxListeners } from 'node:events';
import type { DossierAction, DossierStatus } from '../domain/dossier-machine';

/** What dossierStatusChanged delivers (no personal data). Instants as ISO strings (they cross Redis as JSON). */
export interface DossierStatusEventPayload {
  code: string;
  /** The receiving agency. */
  agencyCode: string;
  /** Where it is handled now (liên thông); absent: agencyCode. */
  handlingAgencyCode?: string;
  /** Other agencies whose streams get the event (the handling agency, step agencies, earlier handlers). */
  alsoAgencyCodes?: string[];
  /** A transition, a settled payment, or the SLA sweep's DUE_SOON / OVERDUE (status unchanged). */
  action: DossierAction | 'PAYMENT_SETTLED' | 'DUE_SOON' | 'OVERDUE' | 'RECEIVE_DUE_SOON' | 'RECEIVE_OVERDUE' | 'SUBMIT';
  previousStatus: DossierStatus | null;
  status: DossierStatus;
  at: string;
  dueAt: string | null;
  overdue: boolean;
}

/**
 * Routing keys and their scope ids. Every dossier event is published three times — to its
 * code, to its agency and to the province-wide stream — so each subscriber listens to exactly
 * one topic and no subscriber filters events it may not see.
 */
export type HubEvents = {
  DOSSIER_STATUS: [scope: string, payload: DossierStatusEventPayload];
  /** Scope: the dossier code. */
  PAYMENT_STATUS: [scope: string, payload: PaymentEventPayload];
  /** Scope 'all': a staff member or service account changed; every process drops its cached lookup (src/auth/accounts.ts). */
  ACCOUNTS: [scope: string, payload: AccountsChangedPayload];
};

export interface AccountsChangedPayload {
  subject?: string;
  serviceAccountId?: string;
}

/** What paymentStatusChanged delivers: the Payment as the contract has it (instants as ISO strings). */
export interface PaymentEventPayload {
  id: string;
  dossierCode: string;
  amount: number;
  currency: string;
  status: string;
  channel: string;
  reference: string;
  transactionId: string | null;
  paymentUrl: string | null;
  createdAt: string;
  paidAt: string | null;
  receiptUrl: string | null;
  /** VND to be refunded (see Payment.refundDue); shown to the staff of agencyCode only. */
  refundDue: number;
  agencyCode: string;
}

export type HubPubSub = PubSub<HubEvents>;

export interface PubSubHandle {
  pubSub: HubPubSub;
  kind: 'memory' | 'redis';
  close(): Promise<void>;
}

/** In-process pub/sub, or Redis pub/sub (events cross hub processes) when a URL is given. */
export function createHubPubSub(redisUrl?: string): PubSubHandle {
  if (!redisUrl) {
    // Thousands of subscribers may share one topic (an agency's stream): no listener cap.
    const eventTarget = new EventTarget();
    setMaxListeners(0, eventTarget);
    return { pubSub: createPubSub<HubEvents>({ eventTarget: eventTarget as never }), kind: 'memory', close: async () => {} };
  }
  const publishClient = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const subscribeClient = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const eventTarget = createRedisEventTarget<CustomEvent>({ publishClient, subscribeClient });
  return {
    pubSub: createPubSub<HubEvents>({ eventTarget: eventTarget as never }),
    kind: 'redis',
    async close() {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

export const dossierScopes = (e: { code: string; agencyCode: string; handlingAgencyCode?: string; alsoAgencyCodes?: string[] }) => [
  `code:${e.code}`,
  ...[...new Set([e.agencyCode, e.handlingAgencyCode ?? e.agencyCode, ...(e.alsoAgencyCodes ?? [])])].map((a) => `agency:${a}`),
  'all',
];

export function publishDossierStatus(pubSub: HubPubSub, e: DossierStatusEventPayload): void {
  for (const scope of dossierScopes(e)) pubSub.publish('DOSSIER_STATUS', scope, e);
}

/**
 * A new submission (action SUBMIT), published on its code's and its agency's streams: dashboards
 * and sector systems of the agency see new dossiers live. The province-wide stream keeps
 * carrying changes only, as before (the scorecard feed recomputes on each of its events).
 */
export function publishSubmission(pubSub: HubPubSub, e: DossierStatusEventPayload): void {
  for (const scope of dossierScopes(e).filter((s) => s !== 'all')) pubSub.publish('DOSSIER_STATUS', scope, e);
}
