/**
 * The Slack install flow's `state`: signed, short-lived and single-use.
 *
 * Bolt's default state store is a signed token checked only for its age, so a state and its cookie
 * from a finished install could complete a second install for ten minutes. Here the state is an
 * HMAC-signed (SLACK_STATE_SECRET) creation time plus 128 random bits, and verifying it also marks
 * it used in our Store: the same store every replica shares, so it is refused the second time on
 * any replica. The cookie check (the state must come back in the browser that started) is Bolt's
 * and happens before this one, so a link alone cannot burn someone else's state.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Store } from './types';

/** How long an install may take from our redirect to Slack's redirect back (Bolt's default too). */
export const STATE_LIFETIME_SECONDS = 600;

/** Bolt's error code for a state it must refuse: its installer answers 400, our page says why. */
export const INVALID_STATE_CODE = 'slack_oauth_invalid_state';

const scopes = z.union([z.string(), z.array(z.string())]);
/** The install options Bolt hands back to the redirect handler (signed by us, checked anyway). */
const installOptions = z.object({
  scopes,
  teamId: z.string().optional(),
  redirectUri: z.string().optional(),
  userScopes: scopes.optional(),
  metadata: z.string().optional(),
});
/** The install options a state carries (the shape of Bolt's InstallURLOptions). */
export type InstallOptions = z.infer<typeof installOptions>;
const payload = z.object({ at: z.number().int().nonnegative(), nonce: z.string().regex(/^[0-9a-f]{32}$/), options: installOptions });

function invalidState(detail: string): Error & { code: string } {
  return Object.assign(new Error(`invalid install state: ${detail}`), { code: INVALID_STATE_CODE });
}

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

/** A Bolt StateStore whose states each complete one install at most, across every replica of `store`. */
export function singleUseStateStore(secret: string, store: Store, now: () => Date = () => new Date()) {
  return {
    async generateStateParam(installOptions: InstallOptions, at: Date): Promise<string> {
      const body = Buffer.from(JSON.stringify({ at: at.getTime(), nonce: randomBytes(16).toString('hex'), options: installOptions })).toString('base64url');
      return `${body}.${sign(secret, body)}`;
    },

    async verifyStateParam(_at: Date, state: string): Promise<InstallOptions> {
      const [body, mac, extra] = state.split('.');
      if (!body || !mac || extra !== undefined) throw invalidState('malformed');
      const expected = Buffer.from(sign(secret, body));
      const given = Buffer.from(mac);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidState('bad signature');
      let parsed: z.infer<typeof payload>;
      try {
        parsed = payload.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
      } catch {
        throw invalidState('unreadable');
      }
      const at = now();
      const expiresAt = new Date(parsed.at + STATE_LIFETIME_SECONDS * 1000);
      if (at.getTime() > expiresAt.getTime()) throw invalidState('expired');
      const hash = createHash('sha256').update(state).digest('hex');
      if (!(await store.useSlackOAuthState(hash, at, expiresAt))) throw invalidState('already used');
      return parsed.options;
    },
  };
}
