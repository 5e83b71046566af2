// Monaco (GraphiQL 5's editor) runs its language services in web workers. They are bundled next
// to this file by scripts/build-ide.mjs and loaded from the hub itself: nothing from a CDN.
const here = new URL('./', import.meta.url);
const WORKERS = { json: 'json.worker.js', graphql: 'graphql.worker.js' };

globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    return new Worker(new URL(WORKERS[label] ?? 'editor.worker.js', here));
  },
};
