import type { PopulationRegistry } from '../connectors/population';
import { isUpstreamError } from '../connectors/upstream-error';
import type { HubServices } from '../context';
import { Viewer } from '../auth/viewer';
import { Db } from '../db/sql';
import { runCommand } from '../commands/command-context';
import { recordIdentityAnswer } from '../commands/record-identity-answer.command';
import { pendingIdentities } from '../stores/dossier.store';
import type { JobDefinition, JobRunContext } from './scheduler';

const NAME = 'verify-identity';

/**
 * Asks the population database again for applicants it could not answer for at submission, and
 * records each answer through recordIdentityAnswer (the dossier change path). Runs until every
 * PENDING citizen of the batch is answered; a database that is still down ends the run early
 * (the next run tries again).
 */
export async function verifyPendingIdentities(services: HubServices, population: PopulationRegistry, run: JobRunContext, batch: number) {
  const counts = { checked: 0, verified: 0, mismatch: 0, unanswered: 0 };
  const viewer = Viewer.system(NAME);
  for (const p of await pendingIdentities(new Db(run.em), batch)) {
    if (run.stopping()) break;
    counts.checked++;
    let answer: 'VERIFIED' | 'MISMATCH';
    try {
      const r = await population.lookup({ identityNumber: p.identityNumber, fullName: p.fullName, birthDate: p.birthDate });
      answer = r.status === 'VERIFIED' ? 'VERIFIED' : 'MISMATCH';
    } catch (e) {
      counts.unanswered++;
      if (isUpstreamError(e) && (e.reason === 'circuit-open' || e.retryable)) break; // still down: next run
      continue;
    }
    const recorded = await runCommand({ services, viewer, em: run.em }, recordIdentityAnswer, { code: p.code, answer });
    if (recorded) counts[answer === 'VERIFIED' ? 'verified' : 'mismatch']++;
  }
  return counts;
}

export function verifyIdentityJob(services: HubServices, population: PopulationRegistry, scheduleExpr: string | null): JobDefinition {
  return {
    name: NAME,
    schedule: scheduleExpr,
    quietWhenIdle: true,
    run: (ctx) => verifyPendingIdentities(services, population, ctx, 200),
  };
}
