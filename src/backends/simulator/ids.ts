/** UUIDs and OpaqueRefs: deterministic for scenario objects (stable across runs), random for sessions and tasks. */
import { createHash, randomUUID } from 'node:crypto';

function uuidFromBytes(hex: string): string {
  const h = hex.slice(0, 32).split('');
  h[12] = '5';
  h[16] = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

export function stableUuid(seed: string): string {
  return uuidFromBytes(createHash('sha1').update(seed).digest('hex'));
}

export function stableRef(seed: string): string {
  return `OpaqueRef:${stableUuid(`ref:${seed}`)}`;
}

export function randomRef(): string {
  return `OpaqueRef:${randomUUID()}`;
}

export { randomUUID };
