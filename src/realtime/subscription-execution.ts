import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { mapAsyncIterator } from 'graphql/execution/mapAsyncIterator';

type Result = ExecutionResult | Promise<ExecutionResult>;

/**
 * Subscription execution for graphql-ws that runs the selection once per event and query text,
 * not once per subscriber. Every subscriber of a topic receives the same event object (the
 * pub/sub hands one object to all listeners), so subscribers with the same query and
 * variables share one result.
 *
 * Sound only because no field under a Subscription type reads the viewer: access is decided
 * when subscribing (see DossierSubscriptionResolver). A field that depends on the context must
 * not be added to an event type without removing this sharing.
 */
export function createSharedSubscribe() {
  const results = new WeakMap<object, Map<string, Result>>();
  return async function subscribe(args: ExecutionArgs) {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source; // errors while subscribing
    const query = args.document.loc?.source.body;
    const key = query === undefined ? undefined : sharingKey(args, query);
    return mapAsyncIterator(source, (payload: unknown): Result => {
      const run = () => execute({ ...args, rootValue: payload });
      if (key === undefined || payload === null || typeof payload !== 'object') return run();
      let perEvent = results.get(payload);
      if (!perEvent) results.set(payload, (perEvent = new Map()));
      let result = perEvent.get(key);
      if (!result) perEvent.set(key, (result = run()));
      return result;
    });
  };
}

function isAsyncIterable(x: unknown): x is AsyncIterable<unknown> {
  return typeof x === 'object' && x !== null && Symbol.asyncIterator in x;
}

/** Subscribers with the same operation, variables and query text share one execution per event. */
function sharingKey(args: ExecutionArgs, query: string): string | undefined {
  try {
    return `${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}\u0000${query}`;
  } catch {
    return undefined; // variables JSON cannot write (nested too deep for the stack): executed alone
  }
}
