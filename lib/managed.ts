import { browser } from 'wxt/browser';
import { z } from './contract/zod';

/**
 * What an office's IT section presets for every install by policy (Chrome: the `3rdparty` extension
 * policy; Firefox: `3rdparty` in policies.json), read from managed storage. public/managed-schema.json
 * declares the same fields for Chrome.
 */
export const ManagedPolicy = z.object({
  /** The team server: the options page signs in to it and does not offer another. */
  serverUrl: z.optional(z.url({ protocol: /^https?$/ })),
});
export type ManagedPolicy = z.infer<typeof ManagedPolicy>;

/** The policy in force, or none: a browser without one (or without managed storage) throws on the read. */
export async function readManagedPolicy(): Promise<ManagedPolicy> {
  try {
    const parsed = ManagedPolicy.safeParse(await browser.storage.managed.get(['serverUrl']));
    if (parsed.success) return parsed.data;
    console.warn('[samvad] the managed policy does not fit its schema; ignored', parsed.error.issues);
  } catch {
    // No policy set (Firefox throws when no managed storage is configured).
  }
  return {};
}

/**
 * Calls `onPolicy` with the policy now and whenever it changes: Chrome delivers an extension's policy a
 * moment after the extension loads, and IT may change it while the browser runs. Returns the unwatch.
 */
export function watchManagedPolicy(onPolicy: (policy: ManagedPolicy) => void): () => void {
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'managed') void readManagedPolicy().then(onPolicy);
  };
  browser.storage.onChanged.addListener(onChanged);
  void readManagedPolicy().then(onPolicy);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
