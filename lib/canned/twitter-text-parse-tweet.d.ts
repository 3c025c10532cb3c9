// twitter-text publishes one CommonJS file per function; importing only parseTweet keeps the
// content-script bundle about 12 KB (gzipped) smaller than the package index. Types come from
// @types/twitter-text.
declare module 'twitter-text/dist/parseTweet.js' {
  const parseTweet: typeof import('twitter-text').parseTweet;
  export default parseTweet;
}
