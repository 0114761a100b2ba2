/**
 * Builds a large but ordinary spec of about `bytes` bytes: operations, each with a request and a response schema
 * with a few properties and a long description. Written as text piece by piece, so building it stays cheap.
 */
export function buildBigSpec(bytes: number): string {
  const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(40);
  const paths: string[] = [];
  const schemas: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const schema = JSON.stringify({
      type: 'object',
      description: `Thing ${i}. ${filler}`,
      required: ['id'],
      properties: {
        id: { type: 'string', format: 'uuid', description: filler },
        count: { type: 'integer', minimum: 0 },
        tags: { type: 'array', items: { type: 'string' } },
        kind: { type: 'string', enum: ['a', 'b', `c${i}`] },
      },
    });
    const op = JSON.stringify({
      post: {
        operationId: `createThing${i}`,
        description: filler,
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/Thing${i}` } } } },
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: `#/components/schemas/Thing${i}` } } } } },
      },
    });
    schemas.push(`"Thing${i}":${schema}`);
    paths.push(`"/things${i}":${op}`);
    size += schema.length + op.length + 40;
  }
  return `{"openapi":"3.1.0","info":{"title":"Big","version":"1.0.0"},"servers":[{"url":"https://big.example"}],"paths":{${paths.join(',')}},"components":{"schemas":{${schemas.join(',')}}}}`;
}
