// twitter-text ships core-js 2 polyfills for ES5 browsers; every browser this extension runs in has
// these built in, so the build points them here instead of bundling ~8 KB per content script.
