import { parsePackValue } from '../errors';
import type { RulePack } from '../schema';
import defaultContext from './default-context.json';
import defaultEnglish from './default-en.json';
import defaultHindi from './default-hi.json';

let parsed: RulePack[] | undefined;

/** The bundled default packs (English; Hindi with Hinglish spellings; replies to flagged or sensitive comments), validated once. */
export function defaultPacks(): RulePack[] {
  parsed ??= [parsePackValue(defaultEnglish), parsePackValue(defaultHindi), parsePackValue(defaultContext)];
  return parsed;
}
