import { parsePackValue } from '../errors';
import type { RulePack } from '../schema';
import defaultEnglish from './default-en.json';
import defaultHindi from './default-hi.json';

let parsed: RulePack[] | undefined;

/** The bundled default packs (English, and Hindi with Hinglish spellings), validated once. */
export function defaultPacks(): RulePack[] {
  parsed ??= [parsePackValue(defaultEnglish), parsePackValue(defaultHindi)];
  return parsed;
}
