import { forbidden, unauthenticated, msg } from '../errors';
import { viRoles } from '../domain/labels-vi';
import { STAFF_ROLES, type Role } from './roles';

/** A sector system's service account (issue 16): its agency and the dossier actions it may take. */
export interface ServiceAccountGrant {
  id: string;
  clientId: string;
  actions: readonly string[];
}

/** Who is calling: built from the bearer token's claims (narrowed by the staff directory), or anonymous. */
export class Viewer {
  private constructor(
    readonly subject: string | null,
    readonly roles: readonly Role[],
    readonly agencyCodes: readonly string[],
    readonly identityNumber: string | null,
    /** Why the presented token was refused (a token was sent but is not valid). */
    readonly tokenError: string | null,
    /** When the token ends (its exp): live subscriptions are ended then. */
    readonly expiresAt: Date | null,
    /** Set when a service account calls (a token from POST /oauth/token). */
    readonly serviceAccount: ServiceAccountGrant | null = null,
  ) {}

  static anonymous(tokenError: string | null = null): Viewer {
    return new Viewer(null, [], [], null, tokenError, null);
  }

  /** The hub itself acting in a job (subject `system:<name>`): no role, no agency; commands that jobs run accept it. */
  static system(name: string): Viewer {
    return new Viewer(`system:${name}`, [], [], null, null, null);
  }

  get isSystem(): boolean {
    return this.subject?.startsWith('system:') ?? false;
  }

  static of(claims: { subject: string; roles: Role[]; agencyCodes: string[]; identityNumber?: string | null; expiresAt?: Date | null; serviceAccount?: ServiceAccountGrant | null }): Viewer {
    return new Viewer(claims.subject, [...new Set(claims.roles)], [...new Set(claims.agencyCodes)], claims.identityNumber ?? null, null, claims.expiresAt ?? null, claims.serviceAccount ?? null);
  }

  /** The same viewer with the roles and agencies the directory honours. */
  withGrant(grant: { roles: Role[]; agencyCodes: string[] }): Viewer {
    return new Viewer(this.subject, [...new Set(grant.roles)], [...new Set(grant.agencyCodes)], this.identityNumber, null, this.expiresAt, this.serviceAccount);
  }

  get authenticated(): boolean {
    return this.subject !== null;
  }

  hasRole(...roles: Role[]): boolean {
    return roles.some((r) => this.roles.includes(r));
  }

  isStaff(): boolean {
    return this.hasRole(...STAFF_ROLES);
  }

  /** Staff of this agency (the token lists the agency). */
  worksAt(agencyCode: string): boolean {
    return this.isStaff() && this.agencyCodes.includes(agencyCode);
  }

  /** Throws UNAUTHENTICATED unless a valid token was presented. */
  requireAuthenticated(): this & { subject: string } {
    if (!this.authenticated) {
      throw unauthenticated(
        this.tokenError ? msg(`Mã xác thực (bearer token) không hợp lệ: ${this.tokenError}`, `Invalid bearer token: ${this.tokenError}`) : undefined,
      );
    }
    return this as this & { subject: string };
  }

  /** Throws UNAUTHENTICATED without a valid token, FORBIDDEN without one of the roles. */
  requireRole(...roles: Role[]): this & { subject: string } {
    const v = this.requireAuthenticated();
    if (!this.hasRole(...roles)) throw forbidden(msg(`Thao tác này cần một trong các vai trò: ${viRoles(roles)}`, `This needs one of the roles ${roles.join(', ')}`));
    return v;
  }
}
