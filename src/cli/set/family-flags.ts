/**
 * One address family's flags of `set management`: `--ipv4 none|dhcp|static:ADDR/PREFIX` with `--gateway4`, and
 * `--ipv6 none|dhcp|autoconf|static:ADDR/PREFIX` with `--gateway6`, laid over that family of the console's form.
 * A malformed mode word is wrong usage; everything else (the address, the prefix, the gateway) is left to
 * validatePlan, so that the messages are the console's.
 */
import type { PlanInput } from '../../model/index.js';

type Ipv4Form = PlanInput['ipv4'];
type Ipv6Form = PlanInput['ipv6'];

export type FamilyFlagResult<F> = { readonly ok: true; readonly form: F } | { readonly ok: false; readonly usage: true; readonly message: string };

const MODES = { ipv4: ['none', 'dhcp'], ipv6: ['none', 'dhcp', 'autoconf'] } as const;

/** "static:ADDR/PREFIX" → the address text; a mode word → the mode; null when it is neither. */
export function parseModeFlag(text: string, family: 'ipv4' | 'ipv6'): { readonly mode: string; readonly address: string | null } | null {
  if ((MODES[family] as readonly string[]).includes(text)) return { mode: text, address: null };
  if (text.startsWith('static:')) return { mode: 'static', address: text.slice('static:'.length) };
  return null;
}

/** "" for "none" (no gateway / no DNS). */
export function noneToEmpty(text: string): string {
  return text === 'none' ? '' : text;
}

/**
 * The family's form after its flags. `static:` replaces the address and its prefix; a gateway is kept from the
 * current configuration only when that family was already static (a DHCP gateway is not carried into a static
 * plan); `--gatewayN ADDR|none` sets or removes it.
 */
export function ipv4FromFlags(base: Ipv4Form, currentMode: string | undefined, mode: string | undefined, gateway: string | undefined): FamilyFlagResult<Ipv4Form> {
  let form: Ipv4Form = { ...base };
  if (mode !== undefined) {
    const f = parseModeFlag(mode, 'ipv4');
    if (f === null) return { ok: false, usage: true, message: `--ipv4 is none, dhcp or static:ADDR/PREFIX, not '${mode}'` };
    form = {
      mode: f.mode as Ipv4Form['mode'],
      address: f.address ?? form.address,
      netmask: f.address !== null ? '' : form.netmask,
      gateway: f.mode === 'static' && currentMode !== 'static' ? '' : form.gateway,
    };
  }
  if (gateway !== undefined) form = { ...form, gateway: noneToEmpty(gateway) };
  return { ok: true, form };
}

export function ipv6FromFlags(base: Ipv6Form, currentMode: string | undefined, mode: string | undefined, gateway: string | undefined): FamilyFlagResult<Ipv6Form> {
  let form: Ipv6Form = { ...base };
  if (mode !== undefined) {
    const f = parseModeFlag(mode, 'ipv6');
    if (f === null) return { ok: false, usage: true, message: `--ipv6 is none, dhcp, autoconf or static:ADDR/PREFIX, not '${mode}'` };
    form = {
      mode: f.mode as Ipv6Form['mode'],
      address: f.address ?? form.address,
      prefix: f.address !== null ? '' : form.prefix,
      gateway: f.mode === 'static' && currentMode !== 'static' ? '' : form.gateway,
    };
  }
  if (gateway !== undefined) form = { ...form, gateway: noneToEmpty(gateway) };
  return { ok: true, form };
}
