import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Db } from '../db/sql';
import type { HubPubSub } from '../realtime/pubsub';
import { registerStaffMember, staffMember } from '../stores/staff.store';
import { hubKey, serviceAccountsById, type ServiceAccountRow } from '../stores/service-account.store';
import type { DirectoryEntry } from '../domain/staff';

/**
 * Lookups of the staff directory and of service accounts for every request, cached briefly in
 * the process. Every change calls `changed()`, which drops the entry here at once and, through
 * the pub/sub (in-process or Redis), in every other hub process: a deactivated member is refused
 * on their next request anywhere. The TTL only bounds a missed message.
 */
export class AccountDirectory {
  private readonly staff = new Map<string, { at: number; value: Promise<DirectoryEntry | null> }>();
  private readonly accounts = new Map<string, { at: number; value: Promise<ServiceAccountRow | null> }>();
  private key: Promise<Uint8Array> | null = null;
  private stopped = false;
  private iterator: AsyncIterator<unknown> | null = null;

  constructor(
    private readonly deps: { forkEm(): EntityManager; pubSub: HubPubSub; log: Logger; now(): Date },
    private readonly opts: { ttlMs: number; autoRegister: boolean },
  ) {}

  /** Listens for changes made by other processes (and this one). */
  start(): void {
    const it = this.deps.pubSub.subscribe('ACCOUNTS', 'all')[Symbol.asyncIterator]();
    this.iterator = it;
    void (async () => {
      while (!this.stopped) {
        const r = await it.next();
        if (r.done) return;
        this.evict(r.value as { subject?: string; serviceAccountId?: string });
      }
    })().catch((e) => this.deps.log.error({ err: e }, 'accounts change listener stopped'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.iterator?.return?.();
  }

  private evict(c: { subject?: string; serviceAccountId?: string }): void {
    if (c.subject) this.staff.delete(c.subject);
    if (c.serviceAccountId) this.accounts.delete(c.serviceAccountId);
  }

  /** Call after committing a change to a member or an account. */
  changed(c: { subject?: string; serviceAccountId?: string }): void {
    this.evict(c);
    this.deps.pubSub.publish('ACCOUNTS', 'all', c);
  }

  staffEntry(subject: string): Promise<DirectoryEntry | null> {
    const hit = this.staff.get(subject);
    if (hit && Date.now() - hit.at < this.opts.ttlMs) return hit.value;
    const value = staffMember(new Db(this.deps.forkEm()), subject);
    this.staff.set(subject, { at: Date.now(), value });
    value.catch(() => this.staff.delete(subject));
    return value;
  }

  serviceAccount(id: string): Promise<ServiceAccountRow | null> {
    const hit = this.accounts.get(id);
    if (hit && Date.now() - hit.at < this.opts.ttlMs) return hit.value;
    const value = serviceAccountsById(new Db(this.deps.forkEm()), [id]).then((rows) => rows[0] ?? null);
    this.accounts.set(id, { at: Date.now(), value });
    value.catch(() => this.accounts.delete(id));
    return value;
  }

  /**
   * Development only (NODE_ENV=development with the built-in development secret, which
   * production refuses): a staff subject the directory does not know is registered with its
   * token's claims, so `npm run token` works for any subject. Never in test or production.
   */
  async autoRegister(subject: string, roles: string[], agencyCodes: string[]): Promise<DirectoryEntry | null> {
    if (!this.opts.autoRegister) return null;
    this.deps.log.warn({ subject, roles, agencyCodes }, 'development: an unknown staff subject is registered in the directory with its token claims');
    await registerStaffMember(new Db(this.deps.forkEm()), { subject, fullName: subject, roles, agencyCodes }, 'system:dev-auto-register', this.deps.now());
    this.changed({ subject });
    return this.staffEntry(subject);
  }

  /**
   * The dashboard's development sign-in (outside production, with the HS256 development secret):
   * the demo subject it signs a token for is registered with the role and agencies picked, as
   * the operator would register a member, so the directory honours the token.
   */
  async registerDevelopmentSignIn(subject: string, roles: string[], agencyCodes: string[]): Promise<void> {
    await registerStaffMember(new Db(this.deps.forkEm()), { subject, fullName: subject, roles, agencyCodes }, 'system:dashboard-dev-sign-in', this.deps.now());
    this.changed({ subject });
  }

  /** The hub's own key for service-account tokens (kept in the database, shared by its processes). */
  serviceTokenKey(): Promise<Uint8Array> {
    this.key ??= hubKey(new Db(this.deps.forkEm()), 'service-token-hs256', this.deps.now()).then((k) => new TextEncoder().encode(k));
    this.key.catch(() => (this.key = null));
    return this.key;
  }
}
