import { browser, type Browser } from 'wxt/browser';
import { SITE_MATCHES } from '../sites';

type Sender = Browser.runtime.MessageSender;

/**
 * Who may ask the background for what. Content scripts run inside X's and Facebook's pages, so a frame
 * there (or a site that found a way to message us) must not sign in, sign out, save the organisation's
 * data or list every item: those are for the extension's own pages (options, popup, side panel).
 * - `content`: the extension's own content scripts on the sites they are declared for, or its pages;
 * - `page`: the extension's own pages only.
 */
export type Callers = 'content' | 'page';

/** The sites' origins, from the content scripts' match patterns (each names one host). */
const SITE_ORIGINS = new Set(SITE_MATCHES.map((pattern) => new URL(pattern.replace(/\*$/, '')).origin));

function isOurs(sender: Sender): boolean {
  return sender.id === browser.runtime.id;
}

/** An extension page: the sender's own URL is the extension's (a content script's is the site's page). */
export function isExtensionPage(sender: Sender): boolean {
  return isOurs(sender) && typeof sender.url === 'string' && sender.url.startsWith(browser.runtime.getURL('/'));
}

/** One of our content scripts, in a tab showing one of the sites. */
export function isSiteContentScript(sender: Sender): boolean {
  if (!isOurs(sender) || !sender.tab || typeof sender.url !== 'string') return false;
  try {
    return SITE_ORIGINS.has(new URL(sender.url).origin);
  } catch {
    return false;
  }
}

export function mayCall(callers: Callers, sender: Sender): boolean {
  return isExtensionPage(sender) || (callers === 'content' && isSiteContentScript(sender));
}

export class ForbiddenCaller extends Error {
  constructor(type: string) {
    super(`${type}: not allowed from this sender`);
    this.name = 'ForbiddenCaller';
  }
}

/** Wraps a message handler so it runs only for the callers allowed; others get an error and change nothing. */
export function onlyFrom<M extends { type: string; sender: Sender }, R>(callers: Callers, handler: (message: M) => R): (message: M) => R {
  return (message) => {
    if (!mayCall(callers, message.sender)) throw new ForbiddenCaller(message.type);
    return handler(message);
  };
}
