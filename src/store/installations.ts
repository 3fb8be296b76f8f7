/**
 * Slack installations (the app distributed to many workspaces): types, the migration SQL both
 * engines share, and the row mapping. One row per workspace, or per Enterprise Grid organisation
 * for an org-wide install; a missing enterprise or team is stored as '' so the pair can be the key.
 */
import { z } from 'zod';

/** What identifies an installation: the workspace (team) and/or its Enterprise Grid organisation. */
export interface SlackInstallationKey {
  enterpriseId: string | null;
  /** Null for an org-wide install (the whole organisation, every workspace in it). */
  teamId: string | null;
}

export interface SlackInstallation extends SlackInstallationKey {
  isEnterpriseInstall: boolean;
  /** The workspace's bot token (xoxb-…). Secret: callers register it with the logger. */
  botToken: string;
  botUserId: string | null;
  botId: string | null;
  /** The whole installation as Slack's SDK built it (JSON), handed back to it as is. */
  data: unknown;
  installedAt: string;
  updatedAt: string;
}

export type SlackInstallationInput = Omit<SlackInstallation, 'installedAt' | 'updatedAt'>;

/** The table, for the SQLite and PostgreSQL migrations (its types are common to both). */
export const SLACK_INSTALLATIONS_SQL = `
  CREATE TABLE slack_installations (
    enterprise_id TEXT NOT NULL DEFAULT '',
    team_id TEXT NOT NULL DEFAULT '',
    is_enterprise_install INTEGER NOT NULL DEFAULT 0 CHECK (is_enterprise_install IN (0, 1)),
    bot_token TEXT NOT NULL,
    bot_user_id TEXT,
    bot_id TEXT,
    installation_json TEXT NOT NULL,
    installed_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (enterprise_id, team_id)
  );
`;

/**
 * Install-flow states already used (migration 5): a state completes one install at most, on every
 * replica sharing the store. Rows are kept until the state would have expired anyway.
 */
export const SLACK_OAUTH_STATES_SQL = `
  CREATE TABLE slack_oauth_states (
    state_hash TEXT PRIMARY KEY,
    used_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
`;

/** The key as stored: '' stands for "none". */
export function keyColumns(key: SlackInstallationKey): { enterpriseId: string; teamId: string } {
  return { enterpriseId: key.enterpriseId ?? '', teamId: key.teamId ?? '' };
}

/** The columns written for an installation (key, flags, token, JSON). */
export function installationParams(input: SlackInstallationInput): Record<string, string | number | null> {
  return {
    ...keyColumns(input),
    isEnterpriseInstall: input.isEnterpriseInstall ? 1 : 0,
    botToken: input.botToken,
    botUserId: input.botUserId,
    botId: input.botId,
    data: JSON.stringify(input.data ?? null),
  };
}

const installationRow = z.object({
  enterprise_id: z.string(),
  team_id: z.string(),
  is_enterprise_install: z.coerce.number().int(),
  bot_token: z.string(),
  bot_user_id: z.string().nullable(),
  bot_id: z.string().nullable(),
  installation_json: z.string(),
  installed_at: z.string(),
  updated_at: z.string(),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** A stored row as a SlackInstallation (rows are a boundary: checked with zod). */
export function toInstallation(raw: unknown): SlackInstallation {
  const r = installationRow.parse(raw);
  return {
    enterpriseId: r.enterprise_id === '' ? null : r.enterprise_id,
    teamId: r.team_id === '' ? null : r.team_id,
    isEnterpriseInstall: r.is_enterprise_install === 1,
    botToken: r.bot_token,
    botUserId: r.bot_user_id,
    botId: r.bot_id,
    data: parseJson(r.installation_json),
    installedAt: r.installed_at,
    updatedAt: r.updated_at,
  };
}
