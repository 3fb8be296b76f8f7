/*
 * Preloaded (`node -r`) into the built CLI by cold-start.test.ts: records which packages are
 * loaded when the process opens its first connection (the first upstream request) and when it
 * exits, and writes both as JSON to the file named by LOAD_PROBE_OUT.
 */
'use strict';
const net = require('node:net');
const fs = require('node:fs');

/**
 * Package names (`zod`, `@slack/bolt`) of every file in the module cache, plus undici's entry
 * file when loaded and `zod/locales:N` for N of zod's message-locale files.
 */
function loaded() {
  const names = new Set();
  let locales = 0;
  for (const file of Object.keys(require.cache)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(file.split('\\').join('/'));
    if (!m) continue;
    names.add(m[1]);
    if (m[1] === 'undici' && m[2] === 'index.js') names.add('undici/index.js');
    if (m[1] === 'zod' && m[2].startsWith('v4/locales/')) locales += 1;
  }
  names.add(`zod/locales:${locales}`);
  return [...names].sort();
}

const seen = { atFirstConnect: null, atExit: null, connects: 0 };
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  seen.connects += 1;
  if (seen.atFirstConnect === null) seen.atFirstConnect = loaded();
  return connect.apply(this, args);
};
process.on('exit', () => {
  seen.atExit = loaded();
  fs.writeFileSync(process.env.LOAD_PROBE_OUT, JSON.stringify(seen));
});
