/**
 * Matching what a user typed (@name, name, profile URL, numeric id) against stored subscriptions,
 * without calling upstream: unsubscribing or updating must not spend credits.
 */
import type { Subscription } from '../store/types';

export type CreatorRef = { kind: 'id'; userid: string } | { kind: 'name'; username: string };

/** A normalised reference, or null when the input cannot name a creator. */
export function creatorRef(input: string): CreatorRef | null {
  let s = input.trim().replace(/^<|>$/g, '');
  const fromUrl = /tiktok\.com\/@([A-Za-z0-9_.]+)/i.exec(s);
  if (fromUrl?.[1]) s = fromUrl[1];
  s = s.replace(/^@+/, '');
  if (/^\d{1,25}$/.test(s)) return { kind: 'id', userid: s };
  if (/^[A-Za-z0-9_.]{1,40}$/.test(s)) return { kind: 'name', username: s.toLowerCase() };
  return null;
}

/** True when `sub` is for the creator `ref` names. */
export function matchesCreator(sub: Pick<Subscription, 'creatorUserid' | 'creatorUsername'>, ref: CreatorRef): boolean {
  return ref.kind === 'id' ? sub.creatorUserid === ref.userid : sub.creatorUsername.toLowerCase() === ref.username;
}
