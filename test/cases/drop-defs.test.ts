/** `$defs` in openapi-typescript's private copy of the spec (src/model/inline-refs.ts): inlined, then dropped. */
import { describe, expect, it } from 'vitest';
import { dropDefsKeywords, inlineUntypeableRefs } from '../../src/model/inline-refs.js';

describe('dropDefsKeywords', () => {
  it('drops the keyword at every depth, keeps names and data called `$defs`', () => {
    const doc = {
      $defs: { Root: { type: 'string' } },
      components: {
        schemas: {
          $defs: { type: 'object', $defs: { A: { type: 'integer' } } },
          Order: {
            type: 'object',
            properties: {
              $defs: { type: 'string' },
              line: { type: 'object', $defs: { Inner: { type: 'string' } } },
            },
            items: { anyOf: [{ $defs: { B: {} } }] },
            example: { $defs: { kept: true } },
            discriminator: { propertyName: 'kind', mapping: { $defs: '#/components/schemas/Order' } },
            $defs: { Line: { type: 'object' } },
          },
        },
        parameters: { $defs: { name: 'defs', in: 'query', schema: { type: 'string', $defs: { C: {} } } } },
      },
    };
    dropDefsKeywords(doc);
    expect(doc).toEqual({
      components: {
        schemas: {
          $defs: { type: 'object' },
          Order: {
            type: 'object',
            properties: { $defs: { type: 'string' }, line: { type: 'object' } },
            items: { anyOf: [{}] },
            example: { $defs: { kept: true } },
            discriminator: { propertyName: 'kind', mapping: { $defs: '#/components/schemas/Order' } },
          },
        },
        parameters: { $defs: { name: 'defs', in: 'query', schema: { type: 'string' } } },
      },
    });
  });

  it('inlineUntypeableRefs inlines references into `$defs` (recursive ones hoisted) before dropping them', () => {
    const doc = {
      components: {
        schemas: {
          Invoice: {
            type: 'object',
            properties: { lines: { type: 'array', items: { $ref: '#/components/schemas/Invoice/$defs/Line' } } },
            $defs: {
              Line: { type: 'object', properties: { unit: { $ref: '#/components/schemas/Invoice/$defs/Unit' } } },
              Unit: { enum: ['hour', 'piece'] },
            },
          },
          Thread: {
            type: 'object',
            properties: { root: { $ref: '#/components/schemas/Thread/$defs/Comment' } },
            $defs: { Comment: { type: 'object', properties: { replies: { type: 'array', items: { $ref: '#/components/schemas/Thread/$defs/Comment' } } } } },
          },
        },
      },
    };
    inlineUntypeableRefs(doc);
    const reply = { type: 'object', properties: { replies: { type: 'array', items: { $ref: '#/components/schemas/Thread~1$defs~1Comment' } } } };
    expect(doc.components.schemas).toEqual({
      Invoice: {
        type: 'object',
        properties: { lines: { type: 'array', items: { type: 'object', properties: { unit: { enum: ['hour', 'piece'] } } } } },
      },
      Thread: { type: 'object', properties: { root: reply } },
      'Thread/$defs/Comment': reply,
    });
  });
});
