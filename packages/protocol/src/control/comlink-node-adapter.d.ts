// Types for comlink's Node adapter, which ships as .mjs with a .d.ts that TypeScript's NodeNext resolution does not
// pair with it.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  import type { Endpoint } from 'comlink';
  export default function nodeEndpoint(target: unknown): Endpoint;
}
