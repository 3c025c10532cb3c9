import { storage } from 'wxt/utils/storage';
import { z } from './contract/zod';
import { OrgConfig } from './contract/org';
import type { LanguageSetting } from './i18n';
import { extensionDefaults } from './defaults';

/**
 * Settings readable by content scripts. Nothing secret lives here: the team server's token stays in
 * the background's IndexedDB, which the site's origin can never reach.
 */
export const LanguageSettingSchema = z.enum(['auto', 'en', 'hi']);

export const uiLanguageItem = storage.defineItem<LanguageSetting>('local:uiLanguage', {
  fallback: 'auto',
  version: 1,
});

/** The organisation config in force: the bundled demo until a team server provides one. */
export const orgConfigItem = storage.defineItem<OrgConfig | null>('local:orgConfig', {
  fallback: null,
  version: 1,
});

/** Reads a stored value through its schema: a bad or outdated stored value falls back, never crashes a page. */
export async function readLanguageSetting(): Promise<LanguageSetting> {
  const parsed = LanguageSettingSchema.safeParse(await uiLanguageItem.getValue());
  return parsed.success ? parsed.data : 'auto';
}

export async function readOrgConfig(): Promise<OrgConfig> {
  const parsed = OrgConfig.safeParse(await orgConfigItem.getValue());
  return parsed.success ? parsed.data : extensionDefaults().demoOrg;
}

/** Calls `onOrg` with the organisation config now and whenever it changes; returns the unwatch. */
export function watchOrgConfig(onOrg: (org: OrgConfig) => void): () => void {
  void readOrgConfig().then(onOrg);
  return orgConfigItem.watch(() => void readOrgConfig().then(onOrg));
}

/** Whether the background shows browser notifications (new assignments, due soon, breaches, approvals); the badge stays. */
export const notificationsEnabledItem = storage.defineItem<boolean>('local:notificationsEnabled', {
  fallback: true,
  version: 1,
});

export async function readNotificationsEnabled(): Promise<boolean> {
  return (await notificationsEnabledItem.getValue()) !== false;
}
