/**
 * Builds the Slack app and registers its listener; nothing else. Socket Mode when an app-level
 * token is given (no public URL), otherwise HTTP mode at /slack/events with signature checks;
 * with `oauth`, HTTP mode for many workspaces (see oauth.ts), each request authorised with its
 * own workspace's bot token. The handlers never know which transport delivered the command.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger, type webApi } from '@slack/bolt';
import type { QuadrantsError } from '../../src/errors';
import { checkSlackMode, slackStartError } from '../../src/config/start-checks';
import { registerSecret, sdkLogger } from '../../src/log';
import type { DigestDelivery } from '../../src/digest/types';
import type { ChatAdapter } from '../../src/ops/app';
import type { HttpRoute } from '../../src/ops/health';
import { adapterDeps, type ChatAdapterOptions } from '../../src/chat/adapter-options';
import { runTurn } from '../../src/chat/turn';
import { parseText } from '../../src/chat/parse';
import { registerSlackActions } from './actions';
import { refreshHome, registerHome } from './home';
import type { ChartRetry } from './chart-message';
import { slackConversation } from './conversation';
import { replayGuard } from '../../src/ops/replay-guard';
import { EVENTS_PATH, SIGNATURE_HEADERS, SLASH_COMMAND } from './constants';
import { createSlackDigestDelivery } from './digest';
import { slackErrorCode } from './errors';
import { installedTokens } from '../../src/store/slack-workspaces';
import { listenForUninstalls, oauthReceiverOptions, type SlackOAuthOptions } from './oauth';

/** The core's HTTP route (src/ops/health.ts), the same shape as Bolt's CustomRoute. */
export type ExtraRoute = HttpRoute;

export interface SlackAdapterOptions extends ChatAdapterOptions {
  /** SLACK_BOT_TOKEN (xoxb-…); required unless `oauth` is given. */
  botToken?: string;
  /** Distribution to many workspaces (HTTP mode only): tokens come from each workspace's installation. */
  oauth?: SlackOAuthOptions;
  /** SLACK_APP_TOKEN (xapp-…, connections:write): selects Socket Mode. */
  appToken?: string;
  /** SLACK_SIGNING_SECRET: required in HTTP mode. */
  signingSecret?: string;
  /** SLACK_API_URL: Web API base for every call, apps.connections.open included. */
  apiUrl?: string;
  /** HTTP mode only. Default 3000; 0 picks a free port (see `port()`). */
  port?: number;
  /** SLACK_MANAGER_IDS: who may change subscriptions; empty or absent lets everyone. */
  managers?: readonly string[];
  /** HTTP mode only: more routes on the same server (e.g. /healthz, /readyz). */
  extraRoutes?: ExtraRoute[];
  /** Web API retries. Default: 3 quick retries for posts, more for the Socket Mode connection. */
  retryConfig?: webApi.RetryOptions;
  /** Per-request Web API timeout. Default 15 s. */
  timeoutMs?: number;
  /** Socket Mode: how long a ping may wait for its pong; also the step between reconnect attempts. Default 5 s. */
  clientPingTimeoutMs?: number;
  /** Waits between posts that meet an uploaded chart Slack is still processing (tests pass no-op sleeps). */
  chartRetry?: ChartRetry;
}

export interface SlackAdapter extends ChatAdapter {
  app: App;
  /** The bound HTTP port in HTTP mode once started; null in Socket Mode. */
  port(): number | null;
  /** Posts scheduled digests with the bot's Web API client, or each workspace's in OAuth mode (see digest.ts). */
  digestDelivery: DigestDelivery;
}

// Set explicitly: the Socket Mode client otherwise writes 100 retries into the options it shares.
const POST_RETRIES: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000, randomize: true };
const SOCKET_RETRIES: webApi.RetryOptions = { retries: 10, factor: 1.6, minTimeout: 1_000, maxTimeout: 30_000, randomize: true };
const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_PORT = 3000;

/** Slack refused a token at start, as the sentence src/config/start-checks.ts words. */
function startError(variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN', err: unknown): QuadrantsError {
  return slackStartError(variable, slackErrorCode(err) ?? (err as { code?: string } | null)?.code ?? 'unknown', err);
}

/** Builds the adapter; nothing connects until `start()`. */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { oauth } = options;
  for (const secret of [options.botToken, options.appToken, options.signingSecret, oauth?.clientSecret, oauth?.stateSecret]) registerSecret(secret);
  const log = options.logger;
  // Bolt, the Web API client and the Socket Mode client log through the core's bridge, as `slack.sdk`.
  const bolt: BoltLogger = { ...sdkLogger(log, 'slack.sdk', 'bolt'), setLevel: () => undefined, getLevel: () => LogLevel.INFO };
  const base = {
    ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  const socketMode = options.appToken !== undefined && options.appToken !== '';
  checkSlackMode({ oauth: oauth !== undefined, socketMode, botToken: Boolean(options.botToken), signingSecret: Boolean(options.signingSecret) });

  const socketReceiver = socketMode
    ? new SocketModeReceiver({
        appToken: options.appToken as string,
        logger: bolt,
        ...(options.clientPingTimeoutMs === undefined ? {} : { clientPingTimeout: options.clientPingTimeoutMs }),
        // Its own options object, so the Socket Mode client's defaults never leak into posting.
        installerOptions: { clientOptions: { ...base, retryConfig: options.retryConfig ?? SOCKET_RETRIES } },
      })
    : undefined;
  const httpReceiver = socketMode
    ? undefined
    : new HTTPReceiver({
        signingSecret: options.signingSecret as string,
        endpoints: EVENTS_PATH,
        port: options.port ?? DEFAULT_PORT,
        customRoutes: options.extraRoutes ?? [],
        logger: bolt,
        processBeforeResponse: false,
        ...(oauth ? oauthReceiverOptions(oauth, base, log) : {}),
      });

  // Before Bolt's signature check. The seen signatures live in this process; behind a load balancer
  // with several replicas, a replay sent to another replica is caught only by Slack's own window.
  if (httpReceiver) {
    httpReceiver.requestListener = replayGuard(httpReceiver.requestListener, { paths: [EVENTS_PATH], logger: log, headers: SIGNATURE_HEADERS, event: 'slack.request_refused' });
  }

  const app = new App({
    // Without a token Bolt authorises each request through the installer's installation store.
    ...(oauth ? {} : { token: options.botToken as string }),
    receiver: (socketReceiver ?? httpReceiver) as SocketModeReceiver | HTTPReceiver,
    socketMode,
    logger: bolt,
    clientOptions: { ...base, retryConfig: options.retryConfig ?? POST_RETRIES },
    deferInitialization: true,
    convoStore: false,
  });
  app.error(async (error) => log.error('slack.bolt_error', { code: error.code, error }));
  const managers = options.managers && options.managers.length > 0 ? new Set(options.managers) : null;
  const chartRetry = options.chartRetry ?? {};
  const deps = adapterDeps(options, log);
  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    const conversation = slackConversation({ command, ack, respond, client, log, managers, chartRetry });
    // A change typed here shows in the person's App Home too.
    const home = { client, workspaceId: command.team_id, userId: command.user_id, managers, log };
    await runTurn({ type: 'command', parse: () => parseText(command.text ?? '') }, { ...conversation, listChanged: () => refreshHome(home, deps) }, deps);
  });
  registerSlackActions(app, { deps, log, managers, chartRetry });
  registerHome(app, { deps, log, managers });

  if (oauth) listenForUninstalls(app, oauth.store, log);

  let socketUp = false;
  let server: Server | undefined;
  if (socketReceiver) {
    socketReceiver.client.on('connected', () => {
      socketUp = true;
      log.info('slack.connected', { mode: 'socket' });
    });
    for (const state of ['reconnecting', 'disconnecting', 'disconnected']) {
      socketReceiver.client.on(state, () => {
        if (socketUp) log.warn('slack.disconnected', { state });
        socketUp = false;
      });
    }
  }

  return {
    app,
    async start() {
      try {
        await app.init();
      } catch (err) {
        throw startError('SLACK_BOT_TOKEN', err);
      }
      if (socketReceiver) {
        try {
          await socketReceiver.start();
        } catch (err) {
          throw startError('SLACK_APP_TOKEN', err);
        }
        return;
      }
      server = await (httpReceiver as HTTPReceiver).start(options.port ?? DEFAULT_PORT);
      log.info('slack.listening', { mode: 'http', port: (server.address() as AddressInfo).port, path: EVENTS_PATH });
    },
    async stop() {
      if (socketReceiver) {
        socketUp = false;
        await socketReceiver.client.disconnect();
        return;
      }
      const s = server;
      server = undefined;
      if (!s?.listening) return;
      // Idle keep-alive connections would otherwise hold the close open.
      s.closeIdleConnections();
      await (httpReceiver as HTTPReceiver).stop();
    },
    digestDelivery: createSlackDigestDelivery({
      ...(oauth ? { tokens: installedTokens(oauth.store), ...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl }) } : { client: app.client }),
      logger: log,
      charts: options.service,
      chartRetry,
    }),
    connected: () => (socketReceiver ? socketUp : server?.listening === true),
    port: () => (server?.listening ? (server.address() as AddressInfo).port : null),
  };
}
