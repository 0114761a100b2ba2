// What the built generator is made of. Each chunk is one CommonJS file that the launcher compiles with V8's code
// cache and loads only when a run needs it; chunks reach each other through the launcher (`require('ts-morph')` in
// the generator's chunk is the `ts-morph` chunk), so TypeScript is loaded once and shared by all of them.

/**
 * @typedef {object} ChunkSpec
 * @property {string} [entry] the generator module the chunk is built from (path from the repository root)
 * @property {string} [source] or: the source of a small entry module (resolved from the repository root)
 * @property {string} [direct] or: a package's own CommonJS file, loaded as it is (not rebuilt): its module id
 * @property {string} [serve] a worker thread's chunk: the export that serves the port (src/launch/worker.js)
 * @property {string} what one line for messages
 */

/** @type {Record<string, ChunkSpec>} */
export const CHUNKS = {
  main: { entry: 'src/cli.ts', what: 'the generator and its small dependencies (yargs, yaml, handlebars, diff)' },
  'types-worker': { entry: 'src/emit/types-worker-thread.ts', serve: 'serveTypes', what: 'the types worker thread' },
  'format-worker': { entry: 'src/format-worker-thread.ts', serve: 'serveFormat', what: 'the format worker thread' },
  typescript: { direct: 'typescript', what: 'TypeScript, shared by openapi-typescript, ts-morph and identifier checks' },
  'openapi-typescript': {
    // the files src/dependencies.ts loads by path: the transform without the package root (redocly)
    source: [
      "exports.transform = require('openapi-typescript/dist/transform/index.cjs');",
      "exports.utils = require('openapi-typescript/dist/lib/utils.cjs');",
    ].join('\n'),
    what: "openapi-typescript's transform",
  },
  'ts-morph': { source: "module.exports = require('ts-morph');", what: 'ts-morph (overlays), on the shared TypeScript' },
  // prettier's Node entry, as `import('prettier')` gives it: it loads its plugins itself as files need them
  prettier: { source: "export { format } from 'prettier';", what: 'prettier' },
};

/** Module ids that name a chunk: the launcher resolves them to that chunk, wherever they are required. */
export const CHUNK_IDS = new Set(['typescript', 'openapi-typescript', 'ts-morph', 'prettier']);

/** Imports the generator's chunks leave to the launcher: the dependency chunks and their files (dev-only paths). */
export const GENERATOR_EXTERNALS = /^(typescript|ts-morph|prettier|openapi-typescript)(\/.*)?$/;
