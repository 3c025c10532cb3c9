// puppeteer (a peer of @axe-core/puppeteer) must never download a browser: the tests drive Debian's
// Chromium and Firefox ESR, and there is no internet beyond the npm registry.
module.exports = { skipDownload: true };
