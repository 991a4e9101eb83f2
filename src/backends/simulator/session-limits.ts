/**
 * Sessions expire and are bounded as xapi bounds them (ocaml/xapi/db_gc_util.ml `timeout_sessions`,
 * ocaml/xapi/xapi_globs.ml): a session idle longer than `inactive_session_timeout` (24 hours) is destroyed; sessions
 * are grouped — root (or no user name) by originator, other users by user name, root without an originator
 * "anonymous" — and when a group holds more than its limit (500 per originator, 500 per user name, 400 anonymous)
 * its least recently used sessions are destroyed. xapi runs this in its periodic GC; the simulator runs it at each
 * login and checks idleness when a session is used. A total bound (not in xapi, whose groups are unbounded in
 * number) keeps a client that invents originators from growing the table without end.
 */
import type { Session, SimState } from './state.js';

export interface SessionLimits {
  readonly inactiveTimeoutMs: number;
  readonly perOriginator: number;
  readonly perUserName: number;
  readonly anonymous: number;
  /** Simulator only: all sessions together. */
  readonly total: number;
}

export const XAPI_SESSION_LIMITS: SessionLimits = {
  inactiveTimeoutMs: 24 * 60 * 60 * 1000,
  perOriginator: 500,
  perUserName: 500,
  anonymous: 400,
  total: 2000,
};

function groupOf(s: Session): string {
  const root = s.user === '' || s.user === 'root';
  if (!root) return `username:${s.user}`;
  return s.originator === '' ? 'anonymous' : `originator:${s.originator}`;
}

function limitOf(group: string, limits: SessionLimits): number {
  if (group === 'anonymous') return limits.anonymous;
  return group.startsWith('username:') ? limits.perUserName : limits.perOriginator;
}

/** The session `ref` when it may be used now (touching its last activity); undefined when unknown or expired. */
export function activeSession(state: SimState, ref: string, now: number): Session | undefined {
  const session = state.sessions.get(ref);
  if (session === undefined) return undefined;
  if (now - session.lastActive > state.sessionLimits.inactiveTimeoutMs) {
    state.sessions.delete(ref);
    return undefined;
  }
  session.lastActive = now;
  session.lastUse = ++state.sessionUses;
  return session;
}

/** Destroys expired sessions, then the least recently used ones of every group (and overall) beyond its limit. */
export function pruneSessions(state: SimState, now: number): void {
  const limits = state.sessionLimits;
  const groups = new Map<string, Session[]>();
  for (const s of state.sessions.values()) {
    if (now - s.lastActive > limits.inactiveTimeoutMs) {
      state.sessions.delete(s.ref);
      continue;
    }
    const g = groupOf(s);
    const list = groups.get(g) ?? [];
    list.push(s);
    groups.set(g, list);
  }
  const byAge = (a: Session, b: Session): number => b.lastActive - a.lastActive || b.lastUse - a.lastUse;
  for (const [group, list] of groups) {
    const limit = limitOf(group, limits);
    if (list.length <= limit) continue;
    for (const s of list.sort(byAge).slice(limit)) state.sessions.delete(s.ref);
  }
  if (state.sessions.size > limits.total) {
    for (const s of [...state.sessions.values()].sort(byAge).slice(limits.total)) state.sessions.delete(s.ref);
  }
}
