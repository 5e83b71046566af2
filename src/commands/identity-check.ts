import type { PopulationRegistry } from '../connectors/population';
import type { IdentityVerification } from '../domain/dossier';
import type { Logger } from '../logger';

export interface IdentityToCheck {
  kind: string;
  identityNumber: string;
  fullName: string;
  birthDate?: string | null;
}

/**
 * Checks an applicant against the population database. Never throws and never makes a citizen
 * wait longer than `timeoutMs`: an unreachable or slow database answers PENDING, and the
 * re-verification job asks again later. Only citizens with a birth date can be looked up.
 * 'undefined' means "cannot be checked" (not a citizen, or no birth date).
 */
export type IdentityChecker = (a: IdentityToCheck) => Promise<IdentityVerification | undefined>;

export function identityChecker(population: PopulationRegistry, timeoutMs: number, log: Logger): IdentityChecker {
  return async (a) => {
    if (a.kind !== 'CITIZEN' || !a.birthDate) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'PENDING'>((resolve) => {
      timer = setTimeout(() => resolve('PENDING'), timeoutMs);
    });
    const asked = population
      .lookup({ identityNumber: a.identityNumber, fullName: a.fullName, birthDate: a.birthDate })
      .then((r): IdentityVerification => (r.status === 'VERIFIED' ? 'VERIFIED' : 'MISMATCH'))
      .catch((e: unknown): IdentityVerification => {
        log.debug({ err: e }, 'population database did not answer: identity stays PENDING');
        return 'PENDING';
      });
    try {
      return await Promise.race([asked, late]);
    } finally {
      clearTimeout(timer);
    }
  };
}
