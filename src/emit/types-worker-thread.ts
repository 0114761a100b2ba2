import type { MessagePort } from 'node:worker_threads';
import type { OpenAPITSOptions } from 'openapi-typescript';
import { loadOpenApiTypescript } from '../dependencies.js';
import { stage, timingLog, type TimingRecord } from '../timings.js';
import { renderTypesSource } from './types-source.js';
import type { TypesSource } from './types.js';

/** What the worker answers: the types, or the error that stopped it; with its timings when they are on. */
export type TypesReply = ({ result: TypesSource } | { error: string }) & { timings?: TimingRecord[] };

/**
 * The types worker's side (src/emit/types-worker.ts starts it): answers the one document it is sent with
 * openapi-typescript's part of types.ts. It loads openapi-typescript and TypeScript right away, while the main
 * thread is still loading the spec. `beforeReply` runs just before the answer (the main thread then ends the worker).
 */
export function serveTypes(port: MessagePort, beforeReply: () => void = () => undefined): void {
  port.once('message', async ({ document, options }: { document: unknown; options: OpenAPITSOptions }) => {
    let reply: TypesReply;
    try {
      reply = { result: await stage('types (worker)', () => renderTypesSource(document, options)) };
    } catch (err) {
      reply = { error: (err as Error)?.stack ?? String(err) };
    }
    beforeReply();
    const timings = timingLog()?.records;
    port.postMessage(timings ? { ...reply, timings } : reply);
  });
  // a failure to load shows again, with its stack, when the document is rendered
  stage('worker start-up', () => loadOpenApiTypescript()).catch(() => undefined);
}
