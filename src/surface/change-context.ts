/** Where a diff is looking, and how to turn what it finds there into a classified `SurfaceChange`. */
import { classifyShared, type ClassifyInput } from './classify-change.js';
import { classifyDeployedShared } from './deployed-clients.js';
import type { ChangeKind, ChangeLocation, Direction, SurfaceChange } from './types.js';

/** The place being diffed: an operation's request or response, a parameter list, a shared schema, ... */
export interface ChangeContext {
  location: ChangeLocation;
  /** the sides of the wire the place travels in; decides the verdicts */
  directions: Direction[];
  /** how messages name the root of a shape: `the request body`, `the schema` */
  rootLabel: string;
  operation?: string;
  status?: string;
  component?: string;
  operations?: string[];
  usedIn?: Direction[];
  /** renames generic kinds for this place (`field-added` → `param-added` among parameters) */
  kinds?: Partial<Record<ChangeKind, ChangeKind>>;
}

/** The facts of one change, beyond its kind and place. */
export interface ChangeFacts {
  path: string;
  message: string;
  before?: string;
  after?: string;
  required?: boolean;
  relation?: ClassifyInput['relation'];
  success?: boolean;
  superset?: boolean;
  sameJsonType?: boolean;
  markers?: ClassifyInput['markers'];
  /** overrides `ctx.directions` (a `readOnly` field only travels in responses) */
  directions?: Direction[];
}

/** Builds a classified change; optional keys are only set when they carry a value. */
export function makeChange(ctx: ChangeContext, generic: ChangeKind, facts: ChangeFacts): SurfaceChange {
  const kind = ctx.kinds?.[generic] ?? generic;
  const input: Omit<ClassifyInput, 'direction'> = { kind };
  if (facts.required !== undefined) input.required = facts.required;
  if (facts.relation !== undefined) input.relation = facts.relation;
  if (facts.success !== undefined) input.success = facts.success;
  if (facts.superset !== undefined) input.superset = facts.superset;
  if (facts.sameJsonType !== undefined) input.sameJsonType = facts.sameJsonType;
  if (facts.markers !== undefined) input.markers = facts.markers;
  const directions = facts.directions ?? ctx.directions;
  const verdict = classifyShared(input, directions);
  const deployed = classifyDeployedShared(input, directions);
  const change: SurfaceChange = {
    kind,
    severity: verdict.severity,
    location: ctx.location,
    path: facts.path,
    message: facts.message,
    why: verdict.why,
  };
  if (ctx.operation !== undefined) change.operation = ctx.operation;
  if (ctx.status !== undefined) change.status = ctx.status;
  if (ctx.component !== undefined) change.component = ctx.component;
  if (ctx.operations !== undefined) change.operations = ctx.operations;
  if (ctx.usedIn !== undefined) change.usedIn = ctx.usedIn;
  if (facts.before !== undefined) change.before = facts.before;
  if (facts.after !== undefined) change.after = facts.after;
  if (deployed.severity !== verdict.severity) change.deployed = deployed;
  return change;
}

/** `` `a.b` `` for a field, the context's root label for the shape itself. */
export function nameOf(ctx: ChangeContext, path: string): string {
  return path === '' ? ctx.rootLabel : `\`${path}\``;
}
