import type { Issue } from '../issue.js';
import { ptr } from '../load/pointer.js';
import { walkSchemas } from './walk-schemas.js';

/**
 * Schemas with `type: object` and an `enum`. openapi-typescript reads such an enum's values as schemas (a `oneOf`)
 * and throws on `enum: ["PKW", "VAN"]` (mercedes-benz.com/configurator); even object values would be misread as
 * schemas. The enum is dropped from the copy it is given, so the type is the object's shape (every allowed value
 * has it; the validators still check the enum), with a warning per schema.
 */
export function findObjectEnums(document: unknown): { paths: string[][]; issues: Issue[] } {
  const paths: string[][] = [];
  walkSchemas(document, (node, path) => {
    if (node.type === 'object' && Array.isArray(node.enum) && node.oneOf === undefined) paths.push(path());
  });
  const issues = paths.map((path): Issue => ({
    severity: 'warning',
    code: 'object-enum-ignored-in-types',
    pointer: ptr(...path, 'enum'),
    message: '`enum` on a `type: object` schema: the type is the object shape, the enum is checked by the validators only',
  }));
  return { paths, issues };
}

/** Deletes `enum` from every `type: object` schema of `copy` (a private copy, never the loaded spec). */
export function dropObjectEnums(copy: unknown): void {
  walkSchemas(copy, (node) => {
    if (node.type === 'object' && Array.isArray(node.enum) && node.oneOf === undefined) delete node.enum;
  });
}
