import { z } from 'zod';
import { OrgHandles, type OrgBlob, type OrgConfig } from '../contract/org';
import { PackError, parsePack, parsePackValue, type PackProblem, type RulePack } from '../rules';

/**
 * Editing the organisation's own rule packs and handles (options page). Pure functions over the
 * org config: the page stores the result in `orgConfigItem`, and the background recompiles.
 */

export type PackValidation = { ok: true; pack: RulePack } | { ok: false; problems: PackProblem[] };

/** Validates a pack's JSON text (schema, safe regexes, the rules' own examples); problems name line, column and field. */
export function validatePackText(jsonText: string, sourceName = 'pack'): PackValidation {
  try {
    return { ok: true, pack: parsePack(jsonText, sourceName) };
  } catch (error) {
    if (error instanceof PackError) return { ok: false, problems: error.problems };
    throw error;
  }
}

/** Adds a pack, or replaces the one with its id; says which. */
export function upsertPack(packs: readonly OrgBlob[], pack: RulePack): { packs: OrgBlob[]; replaced: boolean } {
  const index = packs.findIndex((existing) => existing.id === pack.id);
  if (index === -1) return { packs: [...packs, pack], replaced: false };
  return { packs: packs.map((existing, i) => (i === index ? pack : existing)), replaced: true };
}

export function removePack(packs: readonly OrgBlob[], id: string): OrgBlob[] {
  return packs.filter((pack) => pack.id !== id);
}

/** A stored pack as the options page lists it: valid (with its summary) or why the background skips it. */
export type StoredPack = { id: string; ok: true; pack: RulePack } | { id: string; ok: false; reason: string };

export function describeStoredPacks(packs: readonly OrgBlob[]): StoredPack[] {
  return packs.map((blob) => {
    try {
      return { id: blob.id, ok: true, pack: parsePackValue(blob) };
    } catch (error) {
      return { id: blob.id, ok: false, reason: error instanceof Error ? error.message : String(error) };
    }
  });
}

/** Handles typed one per line or comma-separated; blanks dropped. */
export function splitHandles(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((handle) => handle.trim())
    .filter(Boolean);
}

export interface HandleProblem {
  field: 'x' | 'facebook';
  value: string;
  message: string;
}

/** Validates the handles with the org config's own schema; problems name the field and the value. */
export function parseHandles(input: { x: string; facebook: string }): { ok: true; handles: z.infer<typeof OrgHandles> } | { ok: false; problems: HandleProblem[] } {
  const candidate = { x: splitHandles(input.x), facebook: splitHandles(input.facebook) };
  const result = OrgHandles.safeParse(candidate);
  if (result.success) return { ok: true, handles: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const [field, index] = issue.path as ['x' | 'facebook', number];
      return { field, value: candidate[field][index] ?? '', message: issue.message };
    }),
  };
}

export function withRulePacks(org: OrgConfig, packs: OrgBlob[]): OrgConfig {
  return { ...org, rulePacks: packs };
}

export function withHandles(org: OrgConfig, handles: OrgConfig['handles']): OrgConfig {
  return { ...org, handles };
}
