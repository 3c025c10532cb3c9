/** Pages the content scripts run on (the production `matches`). */
export const X_MATCHES = ['https://x.com/*', 'https://twitter.com/*', 'https://mobile.x.com/*', 'https://mobile.twitter.com/*'];
export const FACEBOOK_MATCHES = ['https://www.facebook.com/*', 'https://web.facebook.com/*'];
export const SITE_MATCHES = [...X_MATCHES, ...FACEBOOK_MATCHES];

/** Name of the port an open queue page holds to the background (see lib/pages/queue.tsx). */
export const QUEUE_PORT = 'samvad-queue';
