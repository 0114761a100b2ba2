/**
 * The fault matrix: credentials × arguments × server faults × options, property-based, against a real loopback
 * server. Every call must settle in time with a value or a well-formed ApiError of the kind the client contract
 * predicts, leave no unhandled rejection, and show no credential in any rendering of the error or a hook payload.
 * `npm test` runs a bounded number of cases from the fixed seed; `npm run test:fuzz` runs more from a random one
 * (ZC_FAULT_RUNS sets the number per package). `ZC_FAULT_SURVEY=1` runs the cases without stopping at the first
 * failure and prints every kind of failure with one example, for a runtime that breaks the contract in many ways.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { trapProcessFailures } from './settle.js';
import { type FaultServer, startFaultServer } from './fault-server.js';
import { ANSWERS, faultSpecPackage, loadFaultSpecPackage, type PackageUnderTest, ZENSKAR } from './packages-under-test.js';
import { runScenario, scenarioArbitrary } from './scenario.js';

const RUNS = Number(process.env.ZC_FAULT_RUNS ?? 300);
/** A bound on each property (a failure's shrinking included), well above what its runs take on a loaded machine. */
const TIME_LIMIT_MS = Math.max(240_000, RUNS * 250);

let server: FaultServer;
let trap: ReturnType<typeof trapProcessFailures>;
let faultSpec: PackageUnderTest;

beforeAll(async () => {
  server = await startFaultServer(ANSWERS);
  faultSpec = faultSpecPackage(await loadFaultSpecPackage());
  trap = trapProcessFailures();
});

afterAll(async () => {
  try {
    await server.close();
    // a request the client forgot about fails when its socket closes: that must not surface either
    await new Promise((resolve) => setTimeout(resolve, 50));
    const late = trap.take();
    if (late.length > 0) throw new Error(`unhandled rejections after the server closed: ${late.map(String).join('; ')}`);
  } finally {
    trap.restore();
  }
});

function matrix(pkg: () => PackageUnderTest) {
  if (process.env.ZC_FAULT_SURVEY) return () => survey(pkg());
  return async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary(pkg()), (scenario) => runScenario(scenario, pkg(), server, trap.take).then(() => undefined)),
      { numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
    );
  };
}

/** Runs RUNS cases, all of them, and fails with one example of every kind of failure (numbers and quotes masked). */
async function survey(pkg: PackageUnderTest): Promise<void> {
  const kinds = new Map<string, { count: number; example: string }>();
  for (const scenario of fc.sample(scenarioArbitrary(pkg), RUNS)) {
    try {
      await runScenario(scenario, pkg, server, trap.take);
    } catch (error) {
      const message = (error as Error).message;
      const kind = message.split('\n')[0]!.replace(/\d+/g, 'N').replace(/"[^"]*"|'[^']*'|`[^`]*`/g, 'S').slice(0, 140);
      const seen = kinds.get(kind) ?? { count: 0, example: `${message.slice(0, 600)}\n    ${fc.stringify(scenario).slice(0, 900)}` };
      seen.count += 1;
      kinds.set(kind, seen);
    }
  }
  const report = [...kinds].sort((a, b) => b[1].count - a[1].count).map(([kind, { count, example }]) => `${count}× ${kind}\n  e.g. ${example}`);
  if (report.length > 0) throw new Error(`${report.length} kinds of failure in ${RUNS} cases:\n\n${report.join('\n\n')}`);
}

describe('every call settles with a value or the ApiError the contract predicts', () => {
  it('zenskar-client (two header credentials)', matrix(() => ZENSKAR), TIME_LIMIT_MS + 60_000);
  it('the fault-matrix spec package (bearer, header, query and cookie credentials)', matrix(() => faultSpec), TIME_LIMIT_MS + 60_000);
});
