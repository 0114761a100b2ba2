// Preloaded into each timed process (`node --import ./usage.mjs <cli> ...`): at exit it writes the process's own
// CPU time and peak memory (worker threads included: they are the same process) to the file in BENCH_USAGE_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKiB: usage.maxRSS }));
  });
}
