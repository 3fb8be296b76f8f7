/**
 * The surface contract, part 1: for the same reply, Slack, Discord and the CLI show the same facts
 * in the same words. Each renderer's output is read the way the platform's client reads it (the
 * fakes' views) and must contain every piece of text the card holds, verbatim: a title's `_`, `*`,
 * `~` or backtick shows as itself. Any future surface adds one renderer to RENDERERS.
 */
import type { Card, Reply } from '../../src/chat/card';
import { plain, type Inline } from '../../src/chat/inline';
import type { Surface } from '../../src/chat/surfaces';
import { renderText } from '../../adapters/cli/render';
import { renderActions } from '../../adapters/discord/components';
import { renderContent, renderEmbed } from '../../adapters/discord/render';
import { reportActions, withActions } from '../../src/chat/buttons';
import { renderCard as renderSlack } from '../../adapters/slack/render';
import { sampleReplies } from './fixtures';
import { discordView } from '../fakes/discord-view';
import { slackView } from '../fakes/slack-view';

/** Everything a reader sees of a reply on one surface, read as the platform's client draws it. */
const RENDERERS: Record<Surface, (reply: Reply) => string> = {
  slack: (reply) => [reply.card, ...reply.thread].map((c) => slackView(renderSlack(c)).text).join('\n'),
  discord: (reply) =>
    [renderEmbed(reply.card), ...reply.thread.flatMap((c) => renderContent(c))]
      .map((x) =>
        typeof x === 'string'
          ? discordView(x).text
          : // Footers take no markdown; titles, descriptions, field names and values do.
            [...[x.title ?? '', x.description ?? '', ...(x.fields ?? []).flatMap((f) => [f.name, f.value])].map((t) => discordView(t).text), x.footer?.text].join('\n'),
      )
      .join('\n'),
  cli: (reply) => [reply.card, ...reply.thread].map(renderText).join('\n'),
};

/** Line breaks as spaces, zero-width breaks gone (they only defuse mentions): what a reader reads. */
function normalise(s: string): string {
  return s.replace(/[\u200b\u2060]/g, '').replace(/\s+/g, ' ');
}

function inlines(card: Card): Inline[] {
  const out: Inline[] = [card.title, ...card.footer, ...(card.threadNote ? [card.threadNote] : [])];
  for (const b of card.blocks) {
    if (b.kind === 'text') out.push(b.text);
    if (b.kind === 'fields') for (const f of b.fields) out.push(f.label, f.value);
    if (b.kind === 'list') out.push(...(b.title ? [b.title] : []), ...b.items.map((i) => i.text));
  }
  return out;
}

/** Every line of every inline a card holds, in plain words. */
function pieces(reply: Reply): string[] {
  return [reply.card, ...reply.thread]
    .flatMap(inlines)
    .flatMap((i) => plain(i).split('\n'))
    .map((p) => normalise(p).trim())
    .filter((p) => p.length > 0);
}

describe.each(['slack', 'discord'] as const)('surface contract: %s shows every word of every card', (surface) => {
  for (const hostile of [false, true]) {
    const replies = sampleReplies(surface, { hostile });
    it.each(Object.keys(replies))(`%s${hostile ? ' (hostile titles)' : ''}`, (kind) => {
      const reply = replies[kind] as Reply;
      const shown = normalise(RENDERERS[surface](reply));
      const cli = normalise(RENDERERS.cli(reply));
      for (const piece of pieces(reply)) {
        expect(shown).toContain(piece);
        expect(cli).toContain(piece);
      }
    });
  }
});

describe('surface contract: the same card words on every surface', () => {
  it('builds the same cards for Slack and Discord, apart from the surface-specific hints', () => {
    const slack = sampleReplies('slack');
    const discord = sampleReplies('discord');
    for (const kind of ['report', 'compare', 'placement', 'digest', 'quiet']) {
      expect(pieces(discord[kind] as Reply)).toEqual(pieces(slack[kind] as Reply));
    }
  });
});

describe('surface contract: buttons', () => {
  it('Slack and Discord draw every button of a card, carrying its kind and value back', () => {
    for (const surface of ['slack', 'discord'] as const) {
      const reply = sampleReplies(surface).report as Reply;
      const json = reply.json?.() as { creator: { username: string; userid: string }; window: { posts: number } };
      const actions = reportActions('W1', { creator: json.creator, window: json.window } as never);
      const card = withActions(reply, actions).card;
      const slack = JSON.stringify(renderSlack(card).blocks);
      const discord = JSON.stringify(renderActions(card));
      for (const a of actions) {
        expect(slack).toContain(JSON.stringify(a.label));
        expect(slack).toContain(`"action_id":"quadrants:${a.kind}"`);
        expect(slack).toContain(JSON.stringify(a.value));
        expect(discord).toContain(JSON.stringify(a.label));
        expect(discord).toContain(JSON.stringify(`quadrants:${a.kind}|${a.value}`));
      }
      // The command line has no buttons and shows no trace of them.
      expect(renderText(card)).not.toContain('quadrants:');
    }
  });

  it('Slack and Discord draw every button of the list of subscriptions (Pause, Edit, template alerts, Unsubscribe), carrying its kind and value back', () => {
    for (const surface of ['slack', 'discord'] as const) {
      const card = (sampleReplies(surface).subscriptions as Reply).card;
      const actions = [...card.blocks.flatMap((b) => (b.kind === 'list' ? b.items.flatMap((i) => i.actions ?? []) : [])), ...(card.actions ?? [])];
      expect(new Set(actions.map((a) => a.kind))).toEqual(new Set(['pause', 'resume', 'edit', 'watch', 'unwatch', 'unsubscribe', ...(surface === 'slack' ? ['new'] : [])]));
      const slack = JSON.stringify(renderSlack(card).blocks);
      const discord = JSON.stringify(renderActions(card));
      for (const a of actions) {
        expect(slack).toContain(`"action_id":"quadrants:${a.kind}"`);
        expect(slack).toContain(JSON.stringify(a.value));
        expect(discord).toContain(JSON.stringify(`quadrants:${a.kind}|${a.value}`));
      }
    }
  });
});
