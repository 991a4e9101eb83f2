/** XML-RPC as xapi speaks it: compact XML, `{Status, Value}` / `{Status, ErrorDescription}`, ints bare. */
import { formatXml, type XmlNode } from '@vates/xml/format';
import { parseXml } from '@vates/xml/parse';
import { xmlRpcParser } from '@vates/xml-rpc/parser';
import { fail, ok, type Result } from '../../addressing/result.js';
import type { XapiError } from './errors.js';
import type { Wire } from './values.js';

export interface RpcRequest {
  readonly method: string;
  readonly params: readonly unknown[];
}

/** Drops the layout whitespace of pretty-printed requests (Python's xmlrpc.client indents with newlines). */
function stripLayout(node: XmlNode): XmlNode {
  const children = node.children ?? [];
  const hasElement = children.some((c) => typeof c !== 'string');
  const kept = hasElement ? children.filter((c) => typeof c !== 'string' || c.trim() !== '') : children;
  const mapped = kept.map((c) => (typeof c === 'string' ? c : stripLayout(c)));
  // <string></string> and <value/> mean the empty string.
  if ((node.name === 'string' || node.name === 'value') && mapped.length === 0) return { name: node.name, children: [''] };
  return { name: node.name, children: mapped };
}

/** A syntax error's first line (sax appends "Line: … Column: …"); nothing for a parser's own crash (a TypeError). */
function syntaxError(e: unknown): string {
  if (!(e instanceof Error) || e instanceof TypeError || e instanceof RangeError) return '';
  return e.message.split('\n')[0]?.trim().slice(0, 80) ?? '';
}

/** Decodes a methodCall; a failure is one clear line (never a parser's internals). Bounds: request-limits.ts. */
export function decodeXmlRpcRequest(body: string): Result<RpcRequest> {
  // parseXml returns the document's first node: skip the declaration and layout before the root element.
  const root = body.replace(/^\s*(<\?xml[^>]*\?>)?\s*/, '');
  let tree: XmlNode;
  try {
    tree = stripLayout(parseXml(root, { normalize: false, trim: false }));
  } catch (e) {
    const why = syntaxError(e);
    return fail('request', body.slice(0, 80), `the request is not well-formed XML${why === '' ? '' : ` (${why})`}`);
  }
  if (tree === undefined || tree === null || typeof tree.name !== 'string') return fail('request', body.slice(0, 80), 'the request holds no XML element');
  if (tree.name !== 'methodCall') return fail('request', tree.name.slice(0, 80), `the request is <${tree.name.slice(0, 40)}>, not an XML-RPC <methodCall>`);
  const hasParams = (tree.children ?? []).some((c) => typeof c !== 'string' && c.name === 'params');
  if (!hasParams) tree.children = [...(tree.children ?? []), { name: 'params', children: [] }];
  let call: { methodName?: unknown; params?: unknown };
  try {
    call = xmlRpcParser.parse(tree) as { methodName?: unknown; params?: unknown };
  } catch {
    return fail('request', body.slice(0, 80), 'the methodCall is malformed: a <param> or <value> is not valid XML-RPC');
  }
  if (typeof call.methodName !== 'string' || !Array.isArray(call.params)) return fail('request', body.slice(0, 80), 'the methodCall is malformed: it has no <methodName>');
  return ok({ method: call.methodName.trim(), params: call.params as unknown[] });
}

function valueNode(w: Wire): XmlNode {
  return { name: 'value', children: [inner(w)] };
}

function inner(w: Wire): XmlNode | string {
  switch (w.t) {
    case 'string':
      return w.v;
    case 'int':
      return String(w.v);
    case 'float':
      return { name: 'double', children: [String(w.v)] };
    case 'bool':
      return { name: 'boolean', children: [w.v ? '1' : '0'] };
    case 'datetime':
      return { name: 'dateTime.iso8601', children: [w.v] };
    case 'array':
      // xapi writes empty containers as <data></data> and <struct></struct>, never self-closed.
      return { name: 'array', children: [{ name: 'data', children: w.v.length === 0 ? [''] : w.v.map(valueNode) }] };
    case 'struct':
      if (w.v.length === 0) return { name: 'struct', children: [''] };
      return {
        name: 'struct',
        children: w.v.map(([k, v]) => ({ name: 'member', children: [{ name: 'name', children: [k] }, valueNode(v)] })),
      };
  }
}

const DECLARATION = '<?xml version="1.0"?>';

function response(value: Wire): string {
  const tree: XmlNode = { name: 'methodResponse', children: [{ name: 'params', children: [{ name: 'param', children: [valueNode(value)] }] }] };
  return DECLARATION + formatXml(tree, { includeDeclaration: false, indent: 0 });
}

/** A bare value (system.listMethods answers without the Status envelope). */
export function encodeXmlRpcBare(value: Wire): string {
  return response(value);
}

export function encodeXmlRpcSuccess(value: Wire): string {
  return response({ t: 'struct', v: [['Status', { t: 'string', v: 'Success' }], ['Value', value]] });
}

export function encodeXmlRpcFailure(error: XapiError): string {
  const description: Wire = { t: 'array', v: [error.code, ...error.params].map((s) => ({ t: 'string', v: s }) as const) };
  return response({ t: 'struct', v: [['Status', { t: 'string', v: 'Failure' }], ['ErrorDescription', description]] });
}

/** The XML-RPC form of one value, as xapi stores a task's result (`<value>…</value>`). */
export function xmlRpcValueText(value: Wire): string {
  return formatXml(valueNode(value), { includeDeclaration: false, indent: 0 });
}
