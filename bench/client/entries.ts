/**
 * The programs whose bundle sizes are compared: each is what a user writes to make one call (or to validate one
 * value), importing the package by name as an installed dependency.
 */
import type { BuiltPackage } from './package-build.js';

/** One operation call of a generated package, as source text. */
export interface OperationCall {
  pkg: BuiltPackage;
  /** the credential options of `createClient` / `createCore`, a JS object literal */
  options: string;
  /** the method name, which is also the standalone function's name */
  operation: string;
  /** the first argument, a JS expression */
  args: string;
}

/** A program to bundle, or the reason it cannot be built for this package. */
export type SizeEntry =
  | { key: string; label: string; source: string; resolveDir: string }
  | { key: string; label: string; unavailable: string };

/** The session call of the Zenskar package: a customer session with the two header credentials. */
export function zenskarSessionCall(pkg: BuiltPackage): OperationCall {
  return {
    pkg,
    options: `{ apiKey: "zk_live_key", organisation: "org_1" }`,
    operation: 'createCustomerSession',
    args: `{ body: { customer_id: "6f1c1b0e-2a39-4a5e-9a55-2f3f1d1e4b7a", return_url: "https://example.com/done" } }`,
  };
}

/**
 * The many-operation spec's call, of the same kind as the session call: a JSON POST without parameters, one
 * header API key, a JSON object in and out (`POST /assets/kurtosis` of Portfolio Optimizer, 94 operations).
 */
export function manyOperationsCall(pkg: BuiltPackage): OperationCall {
  return {
    pkg,
    options: `{ apiKey: "po_key" }`,
    operation: 'postAssetsKurtosis',
    args: `{ body: { assets: [{ assetReturns: [0.01, 0, 0.02, -0.03] }] } }`,
  };
}

/** `createClient` and one method call; `validation: false` turns request and response validation off. */
export function clientEntry(key: string, label: string, call: OperationCall, validation: boolean): SizeEntry {
  const off = validation ? '' : ', validateRequests: false, validateResponses: false';
  const options = call.options.replace(/ }$/, `${off} }`);
  return {
    key,
    label,
    resolveDir: call.pkg.project,
    source: [
      `import { createClient } from ${JSON.stringify(call.pkg.name)};`,
      `const client = createClient(${options});`,
      `export const result = client.${call.operation}(${call.args});`,
    ].join('\n'),
  };
}

/** `createCore` and the operation's standalone function; unavailable where the package exports either not. */
export function standaloneEntry(key: string, label: string, call: OperationCall): SizeEntry {
  const missing = ['createCore', call.operation].filter((name) => !call.pkg.exports.has(name));
  if (missing.length > 0) {
    return { key, label, unavailable: `not available in this package (${call.pkg.name} exports no ${missing.join(', no ')})` };
  }
  return {
    key,
    label,
    resolveDir: call.pkg.project,
    source: [
      `import { createCore, ${call.operation} } from ${JSON.stringify(call.pkg.name)};`,
      `const core = createCore(${call.options});`,
      `export const result = ${call.operation}(core, ${call.args});`,
    ].join('\n'),
  };
}

/** A program that imports one validator and nothing else. */
export function validatorEntry(key: string, label: string, pkg: BuiltPackage, validator: string): SizeEntry {
  if (!pkg.exports.has(validator)) return { key, label, unavailable: `not available in this package (${pkg.name} exports no ${validator})` };
  return {
    key,
    label,
    resolveDir: pkg.project,
    source: [
      `import { ${validator} } from ${JSON.stringify(pkg.name)};`,
      `export const result = ${validator}(globalThis.input);`,
    ].join('\n'),
  };
}

/** openapi-fetch's equivalent of the session call: the two credential headers, POST with a JSON body. */
export function openapiFetchEntry(key: string, label: string, repo: string): SizeEntry {
  return {
    key,
    label,
    resolveDir: repo,
    source: [
      `import createClient from "openapi-fetch";`,
      `const client = createClient({ baseUrl: "https://api.zenskar.com", headers: { "x-api-key": "zk_live_key", organisation: "org_1" } });`,
      `export const result = client.POST("/customers/session", { body: { customer_id: "6f1c1b0e-2a39-4a5e-9a55-2f3f1d1e4b7a", return_url: "https://example.com/done" } });`,
    ].join('\n'),
  };
}
