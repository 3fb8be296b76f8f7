/**
 * Checks a rendered Slack message against the limits table, returning every violation found.
 */
import { SLACK_LIMITS } from '../../adapters/slack/limits';
import type { SlackMessage } from '../../adapters/slack/render';

type Obj = Record<string, unknown>;

function textOf(o: unknown): string {
  return typeof o === 'object' && o !== null && typeof (o as Obj).text === 'string' ? ((o as Obj).text as string) : '';
}

export function limitViolations(message: SlackMessage): string[] {
  const out: string[] = [];
  if (message.text.length === 0) out.push('empty fallback text');
  if (message.text.length > SLACK_LIMITS.messageText) out.push('fallback text too long');
  const blocks = message.blocks ?? [];
  if (blocks.length > SLACK_LIMITS.blocks) out.push(`${blocks.length} blocks`);
  blocks.forEach((b, i) => {
    const block = b as unknown as Obj;
    switch (block.type) {
      case 'header':
        if (textOf(block.text).length > SLACK_LIMITS.headerText) out.push(`block ${i}: header too long`);
        if ((block.text as Obj).type !== 'plain_text') out.push(`block ${i}: header not plain_text`);
        break;
      case 'section': {
        const t = textOf(block.text);
        if (block.text !== undefined && (t.length === 0 || t.length > SLACK_LIMITS.sectionText)) out.push(`block ${i}: section text ${t.length}`);
        const fields = (block.fields as unknown[] | undefined) ?? [];
        if (fields.length > SLACK_LIMITS.sectionFields) out.push(`block ${i}: ${fields.length} fields`);
        for (const f of fields) if (textOf(f).length > SLACK_LIMITS.fieldText) out.push(`block ${i}: field too long`);
        if (block.text === undefined && fields.length === 0) out.push(`block ${i}: empty section`);
        break;
      }
      case 'image':
        if (String(block.image_url).length > SLACK_LIMITS.imageUrl) out.push(`block ${i}: image_url too long`);
        if (String(block.alt_text).length > SLACK_LIMITS.altText || String(block.alt_text).length === 0) out.push(`block ${i}: alt_text`);
        if (textOf(block.title).length > SLACK_LIMITS.imageTitle) out.push(`block ${i}: image title`);
        break;
      case 'context': {
        const els = (block.elements as unknown[]) ?? [];
        if (els.length === 0 || els.length > SLACK_LIMITS.contextElements) out.push(`block ${i}: ${els.length} context elements`);
        for (const e of els) if (textOf(e).length > SLACK_LIMITS.contextText) out.push(`block ${i}: context text`);
        break;
      }
      case 'actions': {
        // Slack: at most 25 elements; button text 75 characters, value 2000, action_id 255 and unique.
        const els = (block.elements as Array<{ action_id?: string; value?: string; text?: unknown }>) ?? [];
        if (els.length === 0 || els.length > 25) out.push(`block ${i}: ${els.length} action elements`);
        if (new Set(els.map((e) => e.action_id)).size !== els.length) out.push(`block ${i}: duplicate action_id`);
        for (const e of els) {
          if (textOf(e.text).length > 75 || String(e.value ?? '').length > 2000 || String(e.action_id ?? '').length > 255) out.push(`block ${i}: button too long`);
        }
        break;
      }
      case 'rich_text': {
        // Slack refuses empty sections and empty text elements; we hold each block to our cap.
        const parts = (block.elements as Obj[]) ?? [];
        if (parts.length === 0) out.push(`block ${i}: empty rich_text`);
        let visible = 0;
        const visit = (e: Obj): void => {
          if (e.type === 'rich_text_list') {
            const items = (e.elements as Obj[]) ?? [];
            if (items.length === 0 || items.length > SLACK_LIMITS.richTextListItems) out.push(`block ${i}: ${items.length} list items`);
            items.forEach(visit);
          } else if (e.type === 'rich_text_section') {
            const els = (e.elements as Obj[]) ?? [];
            if (els.length === 0) out.push(`block ${i}: empty rich_text_section`);
            els.forEach(visit);
          } else if (e.type === 'text') {
            if (typeof e.text !== 'string' || e.text.length === 0) out.push(`block ${i}: empty text element`);
            visible += String(e.text).length;
          } else if (e.type === 'link') {
            if (!/^https:\/\//.test(String(e.url))) out.push(`block ${i}: link not https`);
            visible += String(e.text ?? e.url).length;
          } else if (!['user', 'channel', 'emoji', 'date', 'broadcast', 'usergroup'].includes(String(e.type))) out.push(`block ${i}: unexpected rich_text element ${String(e.type)}`);
        };
        parts.forEach(visit);
        if (visible > SLACK_LIMITS.richText) out.push(`block ${i}: rich_text ${visible} characters`);
        break;
      }
      default:
        out.push(`block ${i}: unexpected type ${String(block.type)}`);
    }
  });
  return out;
}

/** The fallback text and every mrkdwn text object: everything Slack parses for mentions and links. */
export function mrkdwnTexts(message: SlackMessage): string[] {
  const out = [message.text];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (typeof v !== 'object' || v === null) return;
    const o = v as Obj;
    if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
    Object.values(o).forEach(visit);
  };
  visit(message.blocks);
  return out;
}
