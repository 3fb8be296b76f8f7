/**
 * The manifest and the Slack guide (docs/slack.md) document distribution as the code runs it: the redirect URL path,
 * the events that remove a workspace, and the same bot scopes the installer asks for.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOT_SCOPES, INSTALL_PATH, REDIRECT_PATH } from '../../adapters/slack/constants';

const root = join(__dirname, '..', '..');
const manifest = readFileSync(join(root, 'manifest.yml'), 'utf8');
const guide = readFileSync(join(root, 'docs', 'slack.md'), 'utf8');

describe('distribution documents', () => {
  it('manifest.yml lists the redirect URL and the leaving events', () => {
    const redirects = /redirect_urls:\n((?:\s+- .+\n)+)/.exec(manifest)?.[1] ?? '';
    expect(redirects.trim()).toMatch(new RegExp(`^- https://\\S+${REDIRECT_PATH}$`));
    expect(manifest).toMatch(/bot_events:\n\s+- app_uninstalled\n\s+- tokens_revoked\n/);
    expect(manifest).toMatch(/\n\s+- app_home_opened\n/);
  });

  it('the installer asks for exactly the scopes manifest.yml declares', () => {
    const block = manifest.split(/\n\s*bot:\n/)[1] ?? '';
    const scopes = [...block.matchAll(/^\s+- ([a-z:.]+)\s*$/gm)].map((m) => m[1]);
    expect([...BOT_SCOPES]).toEqual(scopes);
  });

  it('the Slack guide has a "Distribute to many workspaces" section naming both paths', () => {
    const section = guide.split('\n## Distribute to many workspaces\n')[1]?.split('\n## ')[0] ?? '';
    expect(section).toContain(INSTALL_PATH);
    expect(section).toContain(REDIRECT_PATH);
    for (const name of ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_SIGNING_SECRET']) expect(section).toContain(name);
  });
});
