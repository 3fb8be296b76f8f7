/**
 * manifest.yml asks for the scopes the adapter uses and no more, and documents every subcommand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SLASH_COMMAND } from '../../adapters/slack/constants';

const manifest = readFileSync(join(__dirname, '..', '..', 'manifest.yml'), 'utf8');

function botScopes(text: string): string[] {
  const block = text.split(/\n\s*bot:\n/)[1] ?? '';
  return [...block.matchAll(/^\s+- ([a-z:.]+)\s*$/gm)].map((m) => m[1] as string);
}

describe('manifest.yml', () => {
  it('requests exactly commands, chat:write, files:write and the history scopes digests need', () => {
    expect(botScopes(manifest)).toEqual(['commands', 'chat:write', 'files:write', 'channels:history', 'groups:history']);
  });

  it('declares the slash command with a usage hint covering every subcommand', () => {
    expect(manifest).toContain(`- command: ${SLASH_COMMAND}`);
    const hint = /usage_hint: "([^"]+)"/.exec(manifest)?.[1] ?? '';
    expect(hint.length).toBeLessThanOrEqual(1000);
    for (const sub of ['@creator', 'compare', 'post', 'subscribe', 'unsubscribe', 'subscriptions', 'digest', 'trend @creator', 'usage', 'help [command]']) expect(hint).toContain(sub);
  });

  it('enables the Home tab and subscribes to app_home_opened, with no scope added for it', () => {
    expect(manifest).toMatch(/\n {2}app_home:\n {4}home_tab_enabled: true\n/);
    const events = /bot_events:\n((?:\s+(?:#.*|- [a-z_]+)\n)+)/.exec(manifest)?.[1] ?? '';
    expect([...events.matchAll(/- ([a-z_]+)/g)].map((m) => m[1])).toEqual(['app_uninstalled', 'tokens_revoked', 'app_home_opened']);
  });

  it('enables Socket Mode and interactivity (buttons arrive as block_actions)', () => {
    expect(manifest).toMatch(/socket_mode_enabled: true/);
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
    const name = /\n {2}name: (.+)\n/.exec(manifest)?.[1] ?? '';
    expect(name.length).toBeGreaterThan(0);
    expect(name.length).toBeLessThanOrEqual(35);
  });
});
