import type { Verb } from '../verb.js';

/** Every CLI verb, in the order --help lists them. Add a verb: one file in this folder, one line here. */
export const verbs: readonly Verb[] = [];
