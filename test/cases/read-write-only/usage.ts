import { createClient } from "./src/index.js";

const client = createClient({});
export async function use(): Promise<string> {
  const created = await client.createUser({ body: { name: "a", password: "p" } });
  // @ts-expect-error writeOnly `password` is not in a response
  void created.password;
  // @ts-expect-error readOnly `id` is not asked for in a request
  await client.createUser({ body: { name: "a", password: "p", id: "x" } });
  return created.id;
}
