// Which adapter serves which site. Content scripts call platformForHost(location.hostname).
import { facebookPlatform } from './facebook/index';
import { facebookHosts } from './facebook/selectors';
import type { Platform } from './types';
import { xPlatform } from './x/index';
import { xHosts } from './x/selectors';

const platformsByHost: ReadonlyMap<string, Platform> = new Map<string, Platform>([
  ...xHosts.map((host) => [host, xPlatform] as const),
  ...facebookHosts.map((host) => [host, facebookPlatform] as const),
]);

/** The adapter for a hostname (e.g. `location.hostname`), or null on a site Samvad does not know. */
export function platformForHost(hostname: string): Platform | null {
  return platformsByHost.get(hostname.toLowerCase()) ?? null;
}

export { facebookPlatform, xPlatform };
