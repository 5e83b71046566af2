import { Viewer } from '../../src/auth/viewer';
import { runCommand, type Command } from '../../src/commands/command-context';
import type { Role } from '../../src/domain/roles';
import type { TestHub } from './test-hub';

/**
 * The command tier: a command run directly against the test hub's real database (no HTTP), as
 * a viewer made from claims, with its effects run after it like the resolvers' runner does.
 */
export function viewerOf(claims: { sub?: string; roles: Role[]; agencies?: string[]; idn?: string }): Viewer {
  return Viewer.of({ subject: claims.sub ?? `test-${claims.roles[0] ?? 'nobody'}`, roles: claims.roles, agencyCodes: claims.agencies ?? [], identityNumber: claims.idn ?? null });
}

export function runAs<I, O>(t: TestHub, viewer: Viewer, command: Command<I, O>, input: I): Promise<O> {
  return runCommand({ services: t.hub.services, viewer }, command, input);
}
