/** Hooks for the fault matrix: they record every payload, then return, throw or reject as told. */
import { inspect } from 'node:util';

export type HookMode = 'none' | 'observe' | 'throw' | 'reject' | 'throw-non-error';
export const HOOK_MODES: readonly HookMode[] = ['none', 'observe', 'throw', 'reject', 'throw-non-error'];
const HOOK_NAMES = ['onRequest', 'onResponse', 'onRetry', 'onRedirect', 'onResponseDeviation'] as const;

export interface HookCall {
  hook: string;
  payload: unknown;
  json: string;
  inspected: string;
}

/** Hooks that record every payload, then return, throw or return a rejected promise as `mode` says. */
export function makeHooks(mode: HookMode, calls: HookCall[]): Record<string, (payload: unknown) => unknown> | undefined {
  if (mode === 'none') return undefined;
  const hooks: Record<string, (payload: unknown) => unknown> = {};
  for (const hook of HOOK_NAMES) {
    hooks[hook] = (payload: unknown) => {
      calls.push({ hook, payload, json: safely(() => JSON.stringify(payload)), inspected: inspect(payload, { depth: 8 }) });
      if (mode === 'throw') throw new Error(`${hook} observer failed`);
      if (mode === 'throw-non-error') throw `${hook} threw a string`; // eslint-disable-line no-throw-literal
      if (mode === 'reject') return Promise.reject(new Error(`${hook} observer rejected`));
      return undefined;
    };
  }
  return hooks;
}

/** `render()`, or a note of what it threw. */
export function safely(render: () => string | undefined): string {
  try {
    return render() ?? 'undefined';
  } catch (error) {
    return `(rendering threw ${String(error)})`;
  }
}
