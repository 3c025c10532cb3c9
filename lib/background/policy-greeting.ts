import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { watchManagedPolicy } from '../managed';

/** Set once the options page was opened for a server preset by policy: greeted once per install. */
const greetedItem = storage.defineItem<boolean>('local:policyGreeted', { fallback: false, version: 1 });

/**
 * An install an office's IT section set up with a team server (lib/managed.ts) opens the sign-in page
 * by itself, once, unless someone is signed in already: the moderator's first step is to sign in there.
 * The policy may arrive a moment after the extension starts, so it is watched, not read once.
 */
export function startPolicyGreeting(isSignedIn: () => Promise<boolean>): void {
  let greeting = false;
  watchManagedPolicy((policy) => {
    if (!policy.serverUrl || greeting) return;
    greeting = true;
    void (async () => {
      if ((await greetedItem.getValue()) || (await isSignedIn())) return;
      await greetedItem.setValue(true);
      await browser.runtime.openOptionsPage();
    })().finally(() => {
      greeting = false;
    });
  });
}
