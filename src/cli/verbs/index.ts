import type { Verb } from '../verb.js';
import { validateVerb } from './validate.js';
import { consoleVerb } from './console.js';
import { simulatorVerb } from './simulator.js';
import { statusVerb } from './status.js';

/** Every CLI verb, in the order --help lists them. Add a verb: one file in this folder, one line here. */
export const verbs: readonly Verb[] = [consoleVerb, statusVerb, validateVerb, simulatorVerb];
