/** The collector of src/collect-garbage.ts frees what only the regular-expression engine still reaches. */
import { getHeapStatistics } from 'node:v8';
import { expect, it } from 'vitest';
import { garbageCollector } from '../../src/collect-garbage.js';

const BEYOND_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * Tests a slice of a large text, as the re-indent tests its stretches, and lets go of the text. A function of its
 * own, so that no slot of the test's frame still holds the text; no `expect` here, whose own matches would replace
 * the last one.
 */
function matchOnSliceOfLargeText(): void {
  // 20 M characters, two bytes each once flattened (the arrow): ~40 MB
  const text = `\u2192${'x'.repeat(20_000_000)}`;
  if (!BEYOND_LATIN1.test(text.slice(0, 64))) throw new Error('the slice holds the arrow');
}

it('lets go of the string the last regular-expression match ran on, also when the match ran on a slice of it', () => {
  const collect = garbageCollector();
  collect();
  const before = getHeapStatistics().used_heap_size;
  matchOnSliceOfLargeText();
  collect();
  // reached from the last match alone, the text would still be here after the collection
  expect(getHeapStatistics().used_heap_size - before).toBeLessThan(8_000_000);
});
