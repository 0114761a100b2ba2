import type { MessagePort } from 'node:worker_threads';
import { loadPrettier } from './dependencies.js';
import { readFileSync } from 'node:fs';
import { RUNTIME_DIR } from './emit/runtime-files.js';
import { PRETTIER_OPTIONS } from './format.js';
import { stage, timingLog, type TimingRecord } from './timings.js';

/** A file to format (`id` answers it), or the end of the run. */
export type FormatRequest = { id: number; content: string; parser: string } | { end: true };
/** The formatted file, or the error prettier threw; at the end, the worker's timings when they are on. */
export type FormatReply = { id: number; content: string } | { id: number; error: string } | { ended: true; timings?: TimingRecord[] };

/**
 * The format worker's side (src/format.ts starts it): loads prettier at once, while the main thread emits and
 * applies the overlays, then formats each file it is sent, in order. At the end it runs `beforeEnd` (the launcher
 * saves its code cache) and says so; the main thread then ends it.
 */
export function serveFormat(port: MessagePort, beforeEnd: () => void = () => undefined): void {
  const prettier = stage('format worker start-up', () => loadPrettier());
  // one at a time, in the order sent: prettier is CPU-bound. First, while the main thread is still emitting, a
  // warm-up: prettier's first file runs on cold code (validators.ts then takes ~1.5× as long); the result is unused
  let queue: Promise<void> = prettier.then(({ format }) => stage('format worker warm-up', () => format(warmUpSource(), { ...PRETTIER_OPTIONS, parser: 'typescript' }))).then(
    () => undefined,
    () => undefined,
  );
  port.on('message', (request: FormatRequest) => {
    queue = queue.then(async () => {
      if ('end' in request) {
        beforeEnd();
        const timings = timingLog()?.records;
        port.postMessage({ ended: true, ...(timings ? { timings } : {}) } satisfies FormatReply);
        return;
      }
      try {
        const { format } = await prettier;
        const content = await stage('format (worker)', () => format(request.content, { ...PRETTIER_OPTIONS, parser: request.parser }));
        port.postMessage({ id: request.id, content } satisfies FormatReply);
      } catch (err) {
        port.postMessage({ id: request.id, error: (err as Error)?.stack ?? String(err) } satisfies FormatReply);
      }
    });
  });
}

/** Code like what the worker formats (functions, conditions, literals): a runtime module of the generated package. */
function warmUpSource(): string {
  return readFileSync(`${RUNTIME_DIR}/errors.ts`, 'utf8');
}
