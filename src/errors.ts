/** The hub's errors live with the domain rules (src/domain/errors.ts); this module re-exports them. */
export { DEFAULT_LANG, DomainError, ERROR_CODES, LANGUAGES, badInput, conflict, forbidden, msg, notFound, textIn, unauthenticated } from './domain/errors';
export type { Bilingual, DomainErrorDetails, ErrorCode, Lang, Message } from './domain/errors';
