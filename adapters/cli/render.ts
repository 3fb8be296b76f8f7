/**
 * Cards → plain text for a terminal. The same words as in Slack and Discord, without markup;
 * text from outside is already flattened and stripped of control characters by the core.
 */
import type { Block, Card, Icon } from '../../src/chat/card';
import { footerOf, isSentence } from '../../src/chat/card';
import { plain } from '../../src/chat/inline';

const ICONS: Record<Icon, string> = { warning: '!', info: 'i', template: 'T', waiting: '…', missing: '?', ok: '✓' };

function block(b: Block): string[] {
  switch (b.kind) {
    case 'text':
      return [plain(b.text)];
    case 'fields': {
      const width = Math.max(...b.fields.map((f) => plain(f.label).length));
      return b.fields.map((f) => `  ${plain(f.label).padEnd(width)}  ${plain(f.value).replace(/\n/g, `\n  ${' '.repeat(width)}  `)}`);
    }
    case 'list':
      return [...(b.title ? [plain(b.title)] : []), ...b.items.map((i) => `  ${i.icon ? ICONS[i.icon] : '-'} ${plain(i.text)}`)];
  }
}

/** One card as lines of text, blocks separated by blank lines. */
export function renderText(card: Card): string {
  if (isSentence(card)) return `${plain(card.summary)}\n`;
  const lines: string[] = [];
  if (card.title.length > 0) {
    const title = plain(card.title);
    lines.push(title, '='.repeat(Math.min(title.length, 78)));
  }
  for (const b of card.blocks) lines.push('', ...block(b));
  for (const chart of card.charts ?? []) if (chart.url) lines.push('', `Chart: ${chart.url}`);
  const footer = footerOf(card);
  if (footer.length > 0) lines.push('', ...footer.map(plain));
  return `${lines.join('\n')}\n`;
}
