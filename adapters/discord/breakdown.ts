/**
 * The per-post breakdown that goes into the report's thread (or a second message): every post
 * with its number (the chart label), title, rates and quadrant, grouped by quadrant, split into
 * messages of at most 2000 characters at line boundaries.
 */
import { QUADRANT_IDS, type QuadrantReport, type RatedPost } from '../../src/quadrants/types';
import { neutraliseMentions, safeInline, safePlain, truncate } from './escape';
import { QUADRANT_HINT, QUADRANT_NAME, pct } from './format';
import { DISCORD_LIMITS } from './limits';

/** Post titles are cut to this many characters before escaping, so 35 posts fit in a few messages. */
const TITLE_MAX = 80;

function postLine(p: RatedPost): string {
  const title = p.title.trim() ? safeInline(p.title, TITLE_MAX) : '(untitled)';
  const extras = [p.template ? '📥 template' : '', p.pinned ? 'pinned' : '', p.isPhoto ? 'photo' : ''].filter(Boolean);
  const rates = `share ${pct(p.shareRate)} · save ${pct(p.saveRate)}`;
  return `\`#${p.index}\` ${title} — ${rates}${extras.length > 0 ? ` · ${extras.join(' · ')}` : ''}`;
}

function excludedLine(p: RatedPost, minViews: number): string {
  const why = p.excluded === 'low-views' ? `fewer than ${minViews} views yet` : 'missing share or save counter';
  const title = p.title.trim() ? safeInline(p.title, TITLE_MAX) : '(untitled)';
  return `\`#${p.index}\` ${title} — ${why}`;
}

/** All breakdown lines in reading order (headers are bold lines). */
export function breakdownLines(report: QuadrantReport): string[] {
  const lines: string[] = [];
  for (const q of QUADRANT_IDS) {
    const posts = report.posts.filter((p) => p.quadrant === q);
    if (posts.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(`**${QUADRANT_NAME[q]}** (${QUADRANT_HINT[q]}): ${posts.length}`);
    lines.push(...posts.map(postLine));
  }
  const left = report.posts.filter((p) => p.quadrant === null);
  if (left.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(`**Not placed**: ${left.length}`);
    lines.push(...left.map((p) => excludedLine(p, report.flags.minViews)));
  }
  if (lines.length === 0) lines.push('No posts to break down.');
  return lines;
}

/** Breakdown messages, each within Discord's 2000-character message limit. */
export function renderBreakdown(report: QuadrantReport): string[] {
  const max = DISCORD_LIMITS.messageContent;
  const messages: string[] = [];
  let current = 'Per-post breakdown (post 1 is the newest; numbers match the chart labels).';
  for (const line of breakdownLines(report)) {
    const next = `${current}\n${line}`;
    if (next.length <= max) {
      current = next;
      continue;
    }
    messages.push(current);
    current = line.length <= max ? line : line.slice(0, max);
  }
  messages.push(current);
  return messages;
}

/** A thread name (plain text, up to 100 characters) for the report's discussion. */
export function threadName(report: QuadrantReport): string {
  // Only the handle is untrusted; our own "@" prefix stays as it is.
  const who = report.creator.username ? neutraliseMentions(`@${safePlain(report.creator.username, 60)}`) : safePlain(report.creator.userid, 30);
  return truncate(`Quadrants: ${who}, last ${report.window.posts} posts`, DISCORD_LIMITS.threadName);
}
