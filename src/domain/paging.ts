/*
 * The window a connection page asks of its store (Relay: first/after forward, last/before
 * backward), as a plain type: src/queries/pagination.ts reads it from the arguments, the stores
 * turn it into a seek condition and an order.
 */

/**
 * The rows strictly after `afterKey` and strictly before `beforeKey` in the connection's own
 * order (each null when not given); `limit` of them from the start of that range, or from its end
 * when `backward` (`last`). A store reads `limit + 1` rows (the extra one tells whether more
 * exist), in reverse order when backward.
 */
export interface PageWindow<K = string> {
  limit: number;
  afterKey: K | null;
  beforeKey: K | null;
  backward: boolean;
}

/** The sort key of the newest-first lists (dossiers, feedback): submission instant, then code. */
export interface InstantCodeKey {
  submittedAt: Date;
  code: string;
}
