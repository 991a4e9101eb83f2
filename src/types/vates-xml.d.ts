// Types for Xen Orchestra's XML and XML-RPC codecs (the packages ship plain CommonJS without declarations).
declare module '@vates/xml/format' {
  export interface XmlNode {
    name: string;
    attributes?: Record<string, string>;
    children?: Array<XmlNode | string>;
  }
  export function formatXml(tree: XmlNode, options?: { includeDeclaration?: boolean; indent?: number | string }): string;
}

declare module '@vates/xml/parse' {
  import type { XmlNode } from '@vates/xml/format';
  export function parseXml(xml: string, options?: { normalize?: boolean; strict?: boolean; trim?: boolean }): XmlNode;
}

declare module '@vates/xml-rpc/formatter' {
  import type { XmlNode } from '@vates/xml/format';
  export class Formatter {
    format_js(value: unknown): XmlNode;
    format_value(value: unknown): XmlNode;
    format_methodCall(call: { methodName: string; params: readonly unknown[] }): XmlNode;
    format_methodResponse(response: { fault?: unknown; params?: readonly unknown[] }): XmlNode;
    [method: string]: unknown;
  }
  export const xmlRpcFormatter: Formatter;
}

declare module '@vates/xml-rpc/parser' {
  import type { XmlNode } from '@vates/xml/format';
  export class XmlRpcParser {
    parse(node: XmlNode): unknown;
    [method: string]: unknown;
  }
  export const xmlRpcParser: XmlRpcParser;
}
