/** "XCP-ng 8.3.0": the product line of the top line and the host summary (light: the first frame uses it). */
import type { HostState } from './types.js';

export function productText(state: HostState): string {
  return `${state.product.brand} ${state.product.version}`.trim();
}
