#!/usr/bin/env node
// Entry for `npx samvad <command>`: runs the TypeScript sources through tsx, so the server, the
// CLI and the extension share lib/ without a separate build step.
import { register } from 'tsx/esm/api';

register();
const [command, ...args] = process.argv.slice(2);
const commands = {
  serve: '../server/cli.ts',
  user: '../server/cli.ts',
  backup: '../server/cli.ts',
  archive: '../server/cli.ts',
  retention: '../server/cli.ts',
  restore: '../server/cli.ts',
  holidays: '../server/cli.ts',
  check: '../lib/rules/cli.ts',
};
const module = commands[command];
if (!module) {
  process.stderr.write(
    'usage: samvad serve [--host H] [--port P] [--data DIR]\n' +
      '       samvad user add --email E --name N --role R [--department D]\n' +
      '       samvad user list | samvad user disable|enable|reset --email E\n' +
      '       samvad archive --out FILE (alias backup) | samvad restore FILE | samvad retention --out FILE\n' +
      '       samvad holidays --year YYYY [--state CODE] [--save]\n' +
      '       samvad check [--pack FILE]… [--lang en|hi] [--json] [FILE|-]\n',
  );
  process.exit(2);
}
const { main } = await import(new URL(module, import.meta.url).href);
process.exitCode = await main([command, ...args]);
