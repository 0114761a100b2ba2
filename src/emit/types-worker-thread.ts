import type { MessagePort } from 'node:worker_threads';
import type { OpenAPITSOptions } from 'openapi-typescript';
import { garbageCollector } from '../collect-garbage.js';
import { loadOpenApiTypescript } from '../dependencies.js';
import { surfaceWithNames } from '../report-changes.js';
import { formatExtractedSurfaceJson } from '../surface/index.js';
import { stage, timingLog, type TimingRecord } from '../timings.js';
import { prepareTypesSource, printTypesSource } from './types-source.js';
import type { TypesSource } from './types.js';

/**
 * What the main thread sends: the document to render, openapi-typescript's options for it (they may come later:
 * the worker prepares its copy of the document meanwhile), then (optionally) the client's method names for its
 * surface.
 */
export type TypesRequest = { document: unknown } | { options: OpenAPITSOptions } | { methodNames: ReadonlyArray<readonly [string, string]> };

/** What the worker answers: the types, or the error that stopped it; with its timings when they are on. */
export type TypesReply = ({ result: TypesSource } | { error: string }) & { timings?: TimingRecord[] };

/** The answer to `methodNames`: the API surface snapshot's text, or the error that stopped it. */
export type SurfaceReply = ({ surface: string } | { surfaceError: string }) & { timings?: TimingRecord[] };

/**
 * The types worker's side (src/emit/types-worker.ts starts it): answers the one document it is sent with
 * openapi-typescript's part of types.ts. It loads openapi-typescript and TypeScript right away, while the main
 * thread is still loading the spec. Then, if sent the client's method names (operation key → name), it answers
 * the document's API surface snapshot, which the main thread then needs no time for. `beforeReply` runs just before
 * the types' answer (the launcher saves its code caches).
 */
export function serveTypes(port: MessagePort, beforeReply: () => void = () => undefined): void {
  let document: unknown;
  let rendered: Promise<void> = Promise.resolve();
  let reported = 0;
  let giveOptions!: (options: OpenAPITSOptions) => void;
  const options = new Promise<OpenAPITSOptions>((resolve) => (giveOptions = resolve));
  // the timing records made since the last answer (each answer carries its own)
  const newTimings = (): { timings?: TimingRecord[] } => {
    const records = timingLog()?.records;
    if (!records) return {};
    const fresh = records.slice(reported);
    reported = records.length;
    return { timings: fresh };
  };
  port.on('message', (request: TypesRequest) => {
    if ('options' in request) {
      giveOptions(request.options);
      return;
    }
    if ('document' in request) {
      document = request.document;
      rendered = (async () => {
        let reply: TypesReply;
        try {
          // openapi-typescript's garbage is collected once its tree is printed: the main thread is at its own peak
          const types = async () => printTypesSource(prepareTypesSource(request.document), await options, garbageCollector());
          reply = { result: await stage('types (worker)', types) };
        } catch (err) {
          reply = { error: (err as Error)?.stack ?? String(err) };
        }
        beforeReply();
        port.postMessage({ ...reply, ...newTimings() });
      })();
      return;
    }
    // after the types: those are needed first
    rendered = rendered.then(async () => {
      // what the types left (their text's copies, the message's) goes first: the main thread is at its own peak
      await stage('collect garbage (worker)', garbageCollector());
      let reply: SurfaceReply;
      try {
        const surface = await stage('API surface (worker)', () => surfaceWithNames(document, new Map(request.methodNames)));
        reply = { surface: formatExtractedSurfaceJson(surface) };
      } catch (err) {
        reply = { surfaceError: (err as Error)?.stack ?? String(err) };
      }
      port.postMessage({ ...reply, ...newTimings() });
      // nothing is asked after the surface: end now, handing back this thread's memory while the main thread
      // formats and compares
      port.close();
    });
  });
  // a failure to load shows again, with its stack, when the document is rendered
  stage('worker start-up', () => loadOpenApiTypescript()).catch(() => undefined);
}
