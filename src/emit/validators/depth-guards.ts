import type { CompiledFn } from './context.js';

/**
 * Drops the depth guard (`if (d > 256) …`, the first line of every function) from functions that cannot take part
 * in a recursion: the guard stops unbounded descent into nested or cyclic data, and only a cycle of calls descends
 * without bound — a function outside every cycle runs at most once per level of the schema itself. Cycles are found
 * on the call graph read off the compiled bodies and constants (any mention of another function's or constant's name
 * counts as a call, so a function passed by reference, or through a table of functions, keeps its guard too). Saves a compare and a branch per call and ~6% of the
 * session operation's minified size.
 */
export function dropUnneededDepthGuards<F extends Pick<CompiledFn, 'name' | 'body'>>(
  fns: readonly F[],
  consts: ReadonlyArray<{ name: string; expr: string }>,
  memo?: MentionMemo,
): F[] {
  // constants are nodes too: a table of branch functions (`const A_1 = [v_a, v_b]`) handed to a helper calls them
  const names = new Set([...fns.map((f) => f.name), ...consts.map((c) => c.name)]);
  // every name is `<letter>_…` (q_X, v_X, A_1f…): scanning only for such words is ~4× faster on big modules
  const words = [...names].every((n) => NAME_SHAPE.test(n)) ? NAME_SHAPE_WORDS : ANY_WORDS;
  const calls = new Map([
    ...fns.map((f) => [f.name, mentionedFunctions(f.name, f.body, names, words, memo)] as const),
    ...consts.map((c) => [c.name, mentionedFunctions(c.name, c.expr, names, words, memo)] as const),
  ]);
  const recursive = functionsInCycles(calls);
  return fns.map((f) => (recursive.has(f.name) || !GUARD.test(f.body) ? f : { ...f, body: f.body.replace(GUARD, '') }));
}

/** Names of the functions that some other function or constant mentions (a function mentioning itself counts). */
export function functionsCalledByOthers(
  fns: ReadonlyArray<Pick<CompiledFn, 'name' | 'body'>>,
  consts: ReadonlyArray<{ name: string; expr: string }>,
  memo?: MentionMemo,
): Set<string> {
  const names = new Set(fns.map((f) => f.name));
  const words = [...names].every((n) => NAME_SHAPE.test(n)) ? NAME_SHAPE_WORDS : ANY_WORDS;
  const out = new Set<string>();
  for (const [name, text] of [...fns.map((f) => [f.name, f.body] as const), ...consts.map((c) => [c.name, c.expr] as const)]) {
    for (const n of mentionedFunctions(name, text, names, words, memo)) out.add(n);
  }
  return out;
}

/** Names of the functions `roots` call, directly or through other functions and constants, `roots` included. */
export function functionsReachedFrom(
  roots: readonly string[],
  fns: ReadonlyArray<Pick<CompiledFn, 'name' | 'body'>>,
  consts: ReadonlyArray<{ name: string; expr: string }>,
  memo?: MentionMemo,
): Set<string> {
  const texts = new Map([...fns.map((f) => [f.name, f.body] as const), ...consts.map((c) => [c.name, c.expr] as const)]);
  const words = [...texts.keys()].every((n) => NAME_SHAPE.test(n)) ? NAME_SHAPE_WORDS : ANY_WORDS;
  const names = new Set(texts.keys());
  const reached = new Set<string>();
  const queue = roots.filter((n) => names.has(n));
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (reached.has(name)) continue;
    reached.add(name);
    queue.push(...mentionedFunctions(name, texts.get(name)!, names, words, memo));
  }
  return reached;
}

/** The guard line `genFunctionBody` (functions.ts) writes first, quick and collecting form. */
const GUARD = /^if \(d > \d+\) (?:return false;|\{ r\(e, p, "recursion_loop", [^;]*\); return false; \})\n/;

const NAME_SHAPE = /^[A-Za-z]_[\w$]*$/;
const NAME_SHAPE_WORDS = /\b[A-Za-z]_[\w$]*/g;
const ANY_WORDS = /\b[A-Za-z_$][\w$]*/g;

/**
 * The words in each function's or constant's text (distinct, in order of first use), kept for the next scan while
 * the text is the same string: one compile asks three times (which functions others call, which the exports
 * reach, which are on a cycle), and a scan of GitHub's 15 MB of bodies costs ~30 ms.
 */
export interface MentionMemo {
  /** the word shape the texts were scanned for */
  words?: RegExp;
  /** by the function's or constant's name */
  found: Map<string, { text: string; words: readonly string[] }>;
}

/** An empty memo, for the scans of one compile. */
export function createMentionMemo(): MentionMemo {
  return { found: new Map() };
}

function mentionedFunctions(owner: string, body: string, names: ReadonlySet<string>, words: RegExp, memo?: MentionMemo): string[] {
  const known = memo?.words === words ? memo.found.get(owner) : undefined;
  // the same string object, as a rule (a body that changed is another string: compared by length, then content)
  let found = known !== undefined && known.text === body ? known.words : undefined;
  if (found === undefined) {
    // `match` with a global pattern: the matched words alone, no match object each
    found = [...new Set(body.match(words))];
    if (memo) {
      if (memo.words !== words) memo.found.clear();
      memo.words = words;
      memo.found.set(owner, { text: body, words: found });
    }
  }
  return found.filter((word) => names.has(word));
}

/** Names on a cycle of the call graph (self-calls included): Tarjan's strongly connected components, iteratively. */
function functionsInCycles(calls: ReadonlyMap<string, readonly string[]>): Set<string> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const inCycle = new Set<string>();
  let counter = 0;
  for (const root of calls.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ name: string; next: number }> = [{ name: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const callees = calls.get(frame.name) ?? [];
      if (frame.next < callees.length) {
        const callee = callees[frame.next++]!;
        if (!index.has(callee)) {
          index.set(callee, counter);
          low.set(callee, counter++);
          stack.push(callee);
          onStack.add(callee);
          work.push({ name: callee, next: 0 });
        } else if (onStack.has(callee)) low.set(frame.name, Math.min(low.get(frame.name)!, index.get(callee)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.name, Math.min(low.get(parent.name)!, low.get(frame.name)!));
      if (low.get(frame.name) !== index.get(frame.name)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.name);
      const selfCall = calls.get(frame.name)?.includes(frame.name) ?? false;
      if (component.length > 1 || selfCall) for (const m of component) inCycle.add(m);
    }
  }
  return inCycle;
}
