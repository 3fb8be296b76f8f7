/**
 * The list of a workspace's digests: Slack's App Home tab and `/quadrants subscriptions`. One page
 * at a time, each subscription with its state, its next run in its own zone, how its last digest
 * went and whether its channel watches the creator for template alerts, and (on surfaces with
 * buttons) Pause/Resume, Edit, Watch for templates/Stop template alerts and Unsubscribe under it.
 * Watches without a digest follow the subscriptions, each with Stop template alerts.
 */
import { creatorLabel, formatLocal } from '../../digest/format';
import { PAUSED_PREFIX } from '../../digest/retry';
import type { SubscriptionListing } from '../../digest/subscriptions';
import type { DigestRun, Watch } from '../../store/types';
import { encodeTarget, readsBack, type CardAction } from '../buttons';
import type { Card, ListItem } from '../card';
import { channel, say, user, words, type Inline } from '../inline';

export interface ListPage {
  /** 0 is the first page; a page past the end shows the last one. */
  page: number;
  /** Subscriptions per page (the surface's limit on buttons). */
  size: number;
  workspaceId: string;
  place: 'workspace' | 'server';
  /** Offer "New subscription" (surfaces whose forms can pick a channel). */
  offerNew: boolean;
}

/** A channel watching a creator, as the list needs it. */
export type ListedWatch = Pick<Watch, 'channelId' | 'creatorUserid' | 'creatorUsername'>;

/** One line of the list: a subscription (and whether its channel watches its creator), or a watch without a digest. */
type Entry = { listing: SubscriptionListing; watched: boolean } | { watch: ListedWatch };

/**
 * The subscriptions, then the watches no subscription covers. `watches` null: this bot keeps no
 * watches, so the list says nothing about template alerts.
 */
function entriesOf(listings: readonly SubscriptionListing[], watches: readonly ListedWatch[] | null): Entry[] {
  const key = (w: { channelId: string; creatorUserid: string }) => `${w.channelId}|${w.creatorUserid}`;
  const all = watches ?? [];
  const watched = new Set(all.map(key));
  const covered = new Set(listings.map((l) => key(l.subscription)));
  const digests: Entry[] = listings.map((listing) => ({ listing, watched: watched.has(key(listing.subscription)) }));
  return [...digests, ...all.filter((w) => !covered.has(key(w))).map((watch) => ({ watch }))];
}

/** How the latest digest went, in words. */
function lastResult(run: DigestRun | undefined, timezone: string): Inline {
  if (!run) return words('no digest yet');
  const when = (iso: string | null) => (iso ? formatLocal(new Date(iso), timezone) : 'at an unknown time');
  const why = (run.lastError ?? 'no reason recorded').replace(PAUSED_PREFIX, '').trim();
  switch (run.state) {
    case 'posted':
      return words(`last digest posted ${when(run.postedAt)}`);
    case 'failed':
      return say`last digest failed (${why}); it will be tried again`;
    case 'abandoned':
      return say`last digest (${run.period}) was given up: ${why}`;
    case 'pending':
      return say`last digest is waiting: ${why}`;
    default:
      return words('a digest is being posted now');
  }
}

function itemText(l: SubscriptionListing): Inline {
  const s = l.subscription;
  const head = say`${channel(s.channelId)}: ${creatorLabel(s)}, last ${s.posts} posts, ${l.schedule}`;
  const latest = l.lastRuns[0];
  const last = lastResult(latest, s.timezone);
  if (l.state === 'disabled') return say`${head}. ${words('Disabled')}: ${s.disabledReason ?? 'no reason recorded'}; ${last}.`;
  if (l.state === 'paused') {
    const since = s.pausedAt ? formatLocal(new Date(s.pausedAt), s.timezone) : 'a while ago';
    return s.pausedBy
      ? say`${head}. ${words(`Paused since ${since}`)} by ${user(s.pausedBy)}; ${last}.`
      : say`${head}. ${words(`Paused since ${since}`)}; ${last}.`;
  }
  if (latest?.state === 'failed' && (latest.lastError ?? '').startsWith(PAUSED_PREFIX)) {
    const why = (latest.lastError ?? '').slice(PAUSED_PREFIX.length).trim();
    return say`${head}. ${words('Held back')}: ${why}; ${words('deliveries resume by themselves once the bot’s token works again.')}`;
  }
  const next = l.nextRunAt ? `Next ${formatLocal(new Date(l.nextRunAt), s.timezone)}` : 'No next run could be worked out';
  return say`${head}. ${words(next)}; ${last}.`;
}

/** The value the buttons of a channel's line carry, or null when it would not read back. */
function lineValue(w: { channelId: string; creatorUserid: string }, page: ListPage): string | null {
  const value = encodeTarget(page.workspaceId, { command: 'subscription', channel: w.channelId, creator: w.creatorUserid, page: page.page });
  // A stored id that is not a plain TikTok id would make buttons that never read back: none then.
  return readsBack(value) ? value : null;
}

/** Template alerts on or off, in the list's words. */
function alertsLine(on: boolean): Inline {
  return words(`Template alerts: ${on ? 'on' : 'off'}.`);
}

function alertsAction(on: boolean, value: string): CardAction {
  return on ? { kind: 'unwatch', label: 'Stop template alerts', value } : { kind: 'watch', label: 'Watch for templates', value };
}

/** Pause or Resume, Edit, Watch for templates or Stop template alerts, Unsubscribe: the buttons under one subscription. */
function itemActions(l: SubscriptionListing, watched: boolean | null, page: ListPage): CardAction[] {
  const s = l.subscription;
  const value = lineValue(s, page);
  if (value === null) return [];
  const out: CardAction[] = [];
  if (l.state === 'paused') out.push({ kind: 'resume', label: 'Resume', value });
  else if (l.state === 'active') out.push({ kind: 'pause', label: 'Pause', value });
  out.push({ kind: 'edit', label: 'Edit', value });
  if (watched !== null) out.push(alertsAction(watched, value));
  out.push({
    kind: 'unsubscribe',
    label: 'Unsubscribe',
    value,
    danger: true,
    confirm: { title: 'Stop this digest?', text: `${creatorLabel(s)} will no longer be sent to that channel. Its history is deleted too.`, yes: 'Unsubscribe', no: 'Keep it' },
  });
  return out;
}

/** A watch without a digest: its line and its one button. */
function watchItem(w: ListedWatch, page: ListPage): ListItem {
  const value = lineValue(w, page);
  return { text: say`${channel(w.channelId)}: ${creatorLabel(w)}, no digest. ${alertsLine(true)}`, actions: value === null ? [] : [alertsAction(true, value)] };
}

function entryItem(e: Entry, alerts: boolean, page: ListPage): ListItem {
  if ('watch' in e) return watchItem(e.watch, page);
  if (!alerts) return { text: itemText(e.listing), actions: itemActions(e.listing, null, page) };
  return { text: say`${itemText(e.listing)} ${alertsLine(e.watched)}`, actions: itemActions(e.listing, e.watched, page) };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The page of the workspace's digests the list shows, with its buttons; `watches` the workspace's
 * watches, or null where this bot keeps none.
 */
export function subscriptionListCard(listings: readonly SubscriptionListing[], page: ListPage, watches: readonly ListedWatch[] | null): Card {
  const { place } = page;
  const newButton: CardAction[] = page.offerNew
    ? [{ kind: 'new', label: 'New subscription', value: encodeTarget(page.workspaceId, { command: 'subscriptions', page: 0 }) }]
    : [];
  const title = words(`Digests in this ${place}`);
  const entries = entriesOf(listings, watches);
  if (entries.length === 0) {
    const how = page.offerNew ? 'click New subscription, or run /quadrants subscribe @creator in a channel' : 'run /quadrants subscribe @creator in a channel';
    return { title, summary: words(`No channel in this ${place} gets digests yet; ${how} to start one.`), blocks: [], footer: [], tone: 'normal', actions: newButton };
  }
  const pages = Math.ceil(entries.length / page.size);
  const at = Math.min(Math.max(page.page, 0), pages - 1);
  const here = { ...page, page: at };
  const items: ListItem[] = entries.slice(at * page.size, (at + 1) * page.size).map((e) => entryItem(e, watches !== null, here));
  const nav: CardAction[] = [];
  if (at > 0) nav.push({ kind: 'page', label: 'Previous page', value: encodeTarget(page.workspaceId, { command: 'subscriptions', page: at - 1 }) });
  if (at < pages - 1) nav.push({ kind: 'page', label: 'Next page', value: encodeTarget(page.workspaceId, { command: 'subscriptions', page: at + 1 }) });
  const count = listings.length > 0 ? `${plural(listings.length, 'digest subscription', 'digest subscriptions')} in this ${place}` : `No digest subscriptions in this ${place}`;
  const paused = listings.filter((l) => l.state === 'paused').length;
  const disabled = listings.filter((l) => l.state === 'disabled').length;
  const states = [paused ? `${paused} paused` : '', disabled ? `${disabled} disabled` : ''].filter(Boolean).join(', ');
  const lone = entries.length - listings.length;
  const alone = lone > 0 ? `, and ${plural(lone, 'template-alert watch', 'template-alert watches')} without a digest` : '';
  const footer = [words('Times are in each digest’s own time zone. Pausing keeps a digest’s schedule; resuming starts again at its next run.')];
  if (watches !== null) footer.push(words('Template alerts check a creator’s newest posts once a day and post once in the channel when one becomes a template.'));
  return {
    title,
    summary: words(`${count}${states ? ` (${states})` : ''}${alone}${pages > 1 ? `; page ${at + 1} of ${pages}` : ''}.`),
    blocks: [{ kind: 'list', title: null, items }],
    footer,
    tone: 'normal',
    actions: [...nav, ...newButton],
  };
}
