/** The hub's errors live with the domain rules (src/domain/errors.ts); this module re-exports them. */
export { DomainError, ERROR_CODES, badInput, conflict, forbidden, notFound, unauthenticated } from './domain/errors';
export type { DomainErrorDetails, ErrorCode } from './domain/errors';
