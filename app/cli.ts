#!/usr/bin/env node
/**
 * The `quadrants` command (package.json "bin"). All behaviour lives in src/ops/cli.ts (through adapters/cli/run.ts); this file
 * connects it to the process and, for `quadrants digest run`, to the chat platforms: it is in app/
 * because it builds the Slack and Discord digest deliveries, which the core never imports.
 */
// Node 22+ keeps compiled code between runs (the image runs Node 24): a faster start for every command.
(require('node:module') as { enableCompileCache?: () => unknown }).enableCompileCache?.();
// undici parses HTTP with a WebAssembly module that V8 also recompiles with its optimising tier
// in the background, and exit waits for that: 100-200 ms after a cold report has printed. One
// command's few responses parse as fast with the baseline tier alone. (Only this process: the bot
// keeps the optimised parser.)
(require('node:v8') as typeof import('node:v8')).setFlagsFromString('--liftoff-only');
// Before anything requires zod: its unused locales stay unloaded (see src/zod-locales.ts).
(require('../src/zod-locales') as typeof import('../src/zod-locales')).deferZodLocales();
const env = (require('../src/config/dotenv') as typeof import('../src/config/dotenv')).withDotEnv(process.env);
// `report <id>`: its one TikLiveAPI request goes out first, and the modules load (about 200 ms of
// a cold start) while the API answers; the client takes that answer when it gets to the request.
const sent = (require('../src/ops/early-report') as typeof import('../src/ops/early-report')).startEarlyReport(process.argv.slice(2), env);

import type { Config } from '../src/config/env';
import type { DigestDelivery } from '../src/digest';
import type { Logger } from '../src/log';
import type { QuadrantsService } from '../src/service';

/** One delivery per configured platform, talking REST only: a digest run needs no websocket. */
function deliveries(config: Config, logger: Logger, service: QuadrantsService): DigestDelivery[] {
  const out: DigestDelivery[] = [];
  // The chat SDKs load only here, for `digest run` with a platform configured: every other
  // command starts without them (they take most of a second and ~70 MB to load).
  if (config.slack?.mode === 'oauth') {
    const { createSlackDigestDelivery } = require('../adapters/slack/digest') as typeof import('../adapters/slack/digest');
    const { installedTokens } = require('../src/store/slack-workspaces') as typeof import('../src/store/slack-workspaces');
    const { openStore } = require('../src/store') as typeof import('../src/store');
    // Each digest posts with its workspace's token, read from the installations in the store.
    // Its own connection, left open: the command ends with process.exit once the run is done.
    const store = openStore(config.database.url);
    const apiUrl = config.slack.apiUrl;
    out.push(createSlackDigestDelivery({ tokens: installedTokens(store), ...(apiUrl ? { apiUrl } : {}), logger, charts: service }));
  } else if (config.slack) {
    const { webApi } = require('@slack/bolt') as typeof import('@slack/bolt');
    const { createSlackDigestDelivery } = require('../adapters/slack/digest') as typeof import('../adapters/slack/digest');
    const client = new webApi.WebClient(config.slack.botToken, {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      rejectRateLimitedCalls: true,
    });
    // The delivery posts through its own copy of this client, without retries: only the runner retries.
    out.push(createSlackDigestDelivery({ client, logger, charts: service }));
  }
  if (config.discord) {
    const { REST } = require('discord.js') as typeof import('discord.js');
    const { createDiscordHttp, DIGEST_REST_OPTIONS } = require('../adapters/discord/http') as typeof import('../adapters/discord/http');
    const { createDiscordDigestDelivery } = require('../adapters/discord/digest') as typeof import('../adapters/discord/digest');
    const http = createDiscordHttp();
    // Without retries of its own (DIGEST_REST_OPTIONS): only the runner retries, after a look-up.
    const rest = new REST({ ...DIGEST_REST_OPTIONS, makeRequest: http.makeRequest, ...(config.discord.apiUrl ? { api: config.discord.apiUrl } : {}) }).setToken(
      config.discord.token,
    );
    out.push(createDiscordDigestDelivery({ rest, logger, charts: service, token: config.discord.token }));
  }
  return out;
}

void sent
  .then(() => {
    const { runCli } = require('../adapters/cli/run') as typeof import('../adapters/cli/run');
    return runCli(process.argv.slice(2), env, { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) }, { deliveries });
  })
  .then((code) => {
    // Exit explicitly: keep-alive sockets of the chat clients must not hold a finished command open.
    process.stdout.write('', () => process.exit(code));
  });
