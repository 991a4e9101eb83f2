/**
 * The client's XML-RPC encoding, with Xen Orchestra's codec (@vates/xml-rpc, @vates/xml). Loaded only when a host
 * answers XML-RPC (transport.ts imports it on first use).
 */
import { formatXml } from '@vates/xml/format';
import { parseXml } from '@vates/xml/parse';
import { xmlRpcFormatter } from '@vates/xml-rpc/formatter';
import { xmlRpcParser } from '@vates/xml-rpc/parser';

/** xapi reads ints as strings in XML-RPC; send integers as strings like Xen Orchestra does. */
function prepareXmlRpcParam(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (Array.isArray(value)) return value.map(prepareXmlRpcParam);
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, prepareXmlRpcParam(v)]),
    );
  }
  return value;
}

/** A compact `<methodCall>` (xapi's parsers dislike whitespace between elements). */
export function encodeCall(method: string, params: readonly unknown[]): string {
  return formatXml(xmlRpcFormatter.format_methodCall({ methodName: method, params: params.map(prepareXmlRpcParam) }), { indent: 0 });
}

/** The parsed `<methodResponse>`: `{params: [value]}` or `{fault}`. Throws on malformed XML (the caller reports it). */
export function decodeResponse(xml: string): unknown {
  return xmlRpcParser.parse(parseXml(xml, { normalize: false, trim: false }));
}
