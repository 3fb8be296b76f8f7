/**
 * The template alert a watch posts between digests: one short card saying which new post other
 * creators are downloading to reuse, by how much, against what, and what to expect. The same
 * words on every surface; the post's link is built from a whitelisted handle and a numeric id.
 */
import type { Card } from '../card';
import { formatCount, formatRate } from '../format';
import { link, say, words, type Inline } from '../inline';
import { postUrl } from '../../render/post-url';
import type { Creator, RatedPost } from '../../quadrants/types';

/** What the alert says the post means: other creators reuse a template within days. */
export const ALERT_MEANING = 'other creators are likely reusing it; expect derivative content within the week.';

export interface TemplateAlert {
  creator: Creator;
  /** The post as rated in the watch's window (`index`: 1 = newest). */
  post: RatedPost;
  /** The creator's median download rate over the window the post is compared with. */
  medianDownloadRate: number | null;
  /** Posts in that window. */
  window: number;
}

/** "@handle", or the numeric id when only that is known (both untrusted spans). */
function who(creator: Creator): Inline {
  return creator.username ? say`@${creator.username}` : say`creator ${creator.userid}`;
}

/** How many times the median the post's download rate is, to one decimal ("4.2×"); null without a median. */
export function timesMedian(rate: number | null, median: number | null): string | null {
  if (rate === null || median === null || median <= 0) return null;
  return `${(Math.floor((rate / median) * 10) / 10).toFixed(1)}×`;
}

export function alertCard(alert: TemplateAlert): Card {
  const { post, creator } = alert;
  const number = `#${post.index}`;
  const url = postUrl(creator.username, post.id);
  const times = timesMedian(post.downloadRate, alert.medianDownloadRate);
  const how = times ? words(`${times} the creator's median download rate`) : words('far above the creator\'s usual download rate');
  return {
    title: say`Template alert: ${who(creator)}`,
    summary: say`Post ${number} of ${who(creator)} is downloaded at ${how}: ${words(ALERT_MEANING)}`,
    blocks: [
      { kind: 'text', text: say`${url ? [link(`Post ${number}`, url)] : words(`Post ${number}`)} ${post.title ? say`“${post.title}”` : words('(no title)')}` },
      {
        kind: 'fields',
        fields: [
          { label: words('Views'), value: words(formatCount(post.views)) },
          { label: words('Download rate'), value: words(`${formatRate(post.downloadRate)} (${formatCount(post.downloads)} downloads)`) },
          { label: words('Creator\'s median'), value: words(`${formatRate(alert.medianDownloadRate)} over the last ${alert.window} posts`) },
        ],
      },
      { kind: 'text', text: say`What it means: ${words(ALERT_MEANING)}` },
    ],
    footer: [say`A daily watch on ${who(creator)} found this post; each post is alerted once in this channel.`],
    tone: 'normal',
  };
}
