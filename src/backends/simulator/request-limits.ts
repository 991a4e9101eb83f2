/**
 * Bounds on one request, checked before any parsing: the body size xapi accepts
 * (`http_limit_max_rpc_size`, 300 KiB, ocaml/xapi-consts/constants.ml), then a linear scan that counts values and
 * nesting depth, so that a body of tiny values or a deeply nested one is refused in a few milliseconds instead of
 * being parsed into hundreds of megabytes or overflowing a recursive decoder. Real calls are far below every bound:
 * the largest a console sends is a few kilobytes, about 20 values, 10 levels deep.
 */

/** xapi's limit on an RPC body (bytes). */
export const MAX_RPC_BODY_BYTES = 300 * 1024;
/** XML-RPC <value> elements, or JSON values, in one request. */
export const MAX_VALUES = 10_000;
/** XML element nesting (an XML-RPC value is 2–4 elements deep per level), or JSON array/object nesting. */
export const MAX_XML_DEPTH = 64;
export const MAX_JSON_DEPTH = 32;

export type ShapeCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const fine: ShapeCheck = { ok: true };

/** Counts `<value` elements and the element depth of an XML text without building anything. */
export function checkXmlShape(body: string): ShapeCheck {
  let depth = 0;
  let values = 0;
  let i = body.indexOf('<');
  while (i !== -1) {
    const next = body.charCodeAt(i + 1);
    const end = body.indexOf('>', i + 1);
    if (end === -1) return fine; // unterminated: the parser says it is not well-formed
    if (next === 0x2f /* / */) {
      depth -= 1;
    } else if (next !== 0x3f /* ? */ && next !== 0x21 /* ! */ && body.charCodeAt(end - 1) !== 0x2f) {
      depth += 1;
      if (depth > MAX_XML_DEPTH) return { ok: false, reason: `elements are nested more than ${MAX_XML_DEPTH} deep` };
    }
    if (body.startsWith('value', i + 1) && (body.charCodeAt(i + 6) === 0x3e || body.charCodeAt(i + 6) === 0x2f || body.charCodeAt(i + 6) === 0x20)) {
      values += 1;
      if (values > MAX_VALUES) return { ok: false, reason: `it holds more than ${MAX_VALUES} values` };
    }
    i = body.indexOf('<', end + 1);
  }
  return fine;
}

/** The nesting depth and an upper bound of the value count of a JSON text, strings skipped. */
export function checkJsonShape(body: string): ShapeCheck {
  let depth = 0;
  let values = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // Skip the string (escapes included).
      for (i++; i < body.length; i++) {
        const d = body.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
      continue;
    }
    if (c === 0x5b || c === 0x7b) {
      depth += 1;
      values += 1;
      if (depth > MAX_JSON_DEPTH) return { ok: false, reason: `arrays and objects are nested more than ${MAX_JSON_DEPTH} deep` };
    } else if (c === 0x5d || c === 0x7d) {
      depth -= 1;
    } else if (c === 0x2c /* , */) {
      values += 1;
    }
    if (values > MAX_VALUES) return { ok: false, reason: `it holds more than ${MAX_VALUES} values` };
  }
  return fine;
}
