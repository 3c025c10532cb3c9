// The part of web-ext's programmatic API the tests use (it ships no types).
declare module 'web-ext' {
  interface BuildOptions {
    sourceDir: string;
    artifactsDir: string;
    filename?: string;
    overwriteDest?: boolean;
  }
  const webExt: {
    cmd: {
      build(options: BuildOptions, runtime?: { showReadyMessage?: boolean }): Promise<{ extensionPath: string }>;
    };
  };
  export default webExt;
}
