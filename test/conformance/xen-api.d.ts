// Just enough of Xen Orchestra's `xen-api` client (plain ESM, no declarations) for the conformance tests.
declare module 'xen-api' {
  import type { EventEmitter } from 'node:events';

  export interface XapiOptions {
    url: string;
    auth: { user: string; password: string };
    allowUnauthorized?: boolean;
    transport?: 'json-rpc' | 'xml-rpc' | 'auto';
    watchEvents?: false | string[];
    debounce?: number;
  }

  export interface XapiObject {
    readonly $ref: string;
    readonly $type: string;
    readonly [field: string]: unknown;
  }

  export class Xapi extends EventEmitter {
    connect(): Promise<void>;
    disconnect(): Promise<void>;
    call<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
    callAsync<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
    getAllRecords<T = XapiObject>(type: string): Promise<T[]>;
    getObjectByRef(ref: string, defaultValue?: unknown): XapiObject | undefined;
    readonly objectsFetched: Promise<void>;
    readonly pool: XapiObject;
    readonly status: string;
  }

  export function createClient(opts: XapiOptions): Xapi;
}
