/**
 * The link to a post on TikTok. Built only from a handle that passes the TikTok handle whitelist
 * and a video id of digits, never from raw upstream text: the URL is ours, so no title or handle
 * from outside can choose where a click goes.
 */
import { isTikTokHandle } from '../chart/handles';

/** TikTok video ids are decimal numbers (19 digits today); anything else is not linked. */
const VIDEO_ID = /^\d{1,25}$/;

/** `https://www.tiktok.com/@<handle>/video/<id>`, or null when the handle or id is not valid. */
export function postUrl(handle: string, videoId: string): string | null {
  return isTikTokHandle(handle) && VIDEO_ID.test(videoId) ? `https://www.tiktok.com/@${handle}/video/${videoId}` : null;
}
