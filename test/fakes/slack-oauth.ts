/**
 * The fake Slack's distribution side: workspaces that installed the app, each with its own bot
 * token, the one-use codes Slack's consent page hands back, and `oauth.v2.access` exchanging a
 * code for the workspace's token. No jest globals.
 */
export interface FakeWorkspace {
  teamId: string;
  teamName: string;
  botToken: string;
  botUserId: string;
  /** False once uninstalled or revoked: its token is refused from then on. */
  active: boolean;
}

export interface FakeOAuth {
  readonly clientId: string;
  readonly clientSecret: string;
  /** What Slack's consent page does when someone of `teamId` approves: a one-use code for the redirect. */
  consent(teamId: string): string;
  /** The workspace a bot token belongs to (active or not). */
  byToken(token: string): FakeWorkspace | undefined;
  workspace(teamId: string): FakeWorkspace | undefined;
  /** Refuses the workspace's token from now on (the app was uninstalled or its token revoked). */
  revoke(teamId: string): void;
  /** The `oauth.v2.access` answer for a form body. */
  access(body: Record<string, unknown>): Record<string, unknown>;
}

export function createFakeOAuth(clientId = '1111.2222', clientSecret = 'fake-client-secret-0001'): FakeOAuth {
  const workspaces = new Map<string, FakeWorkspace>();
  const codes = new Map<string, string>();
  let n = 0;
  return {
    clientId,
    clientSecret,
    consent(teamId) {
      n += 1;
      const existing = workspaces.get(teamId);
      // A reinstall gets a fresh token, as Slack issues one per install.
      workspaces.set(teamId, {
        teamId,
        teamName: `Team ${teamId}`,
        botToken: `xoxb-${teamId.toLowerCase()}-${n}-fake`,
        botUserId: existing?.botUserId ?? `U0BOT${teamId}`,
        active: true,
      });
      const code = `code-${teamId}-${n}`;
      codes.set(code, teamId);
      return code;
    },
    byToken: (token) => [...workspaces.values()].find((w) => w.botToken === token),
    workspace: (teamId) => workspaces.get(teamId),
    revoke(teamId) {
      const w = workspaces.get(teamId);
      if (w) w.active = false;
    },
    access(body) {
      if (body.client_id !== clientId || body.client_secret !== clientSecret) return { ok: false, error: 'invalid_client' };
      const teamId = typeof body.code === 'string' ? codes.get(body.code) : undefined;
      if (teamId === undefined) return { ok: false, error: 'invalid_code' };
      codes.delete(body.code as string);
      const w = workspaces.get(teamId) as FakeWorkspace;
      return {
        ok: true,
        app_id: 'A0FAKE',
        authed_user: { id: 'U0INSTALLER' },
        scope: 'commands,chat:write,files:write,channels:history,groups:history',
        token_type: 'bot',
        access_token: w.botToken,
        bot_user_id: w.botUserId,
        team: { id: w.teamId, name: w.teamName },
        enterprise: null,
        is_enterprise_install: false,
      };
    },
  };
}
