/**
 * The install-flow state store on its own, on a real SQLite store and a test clock: a state is
 * refused once used, once older than its lifetime, and when any byte of it was changed.
 */
import { singleUseStateStore, STATE_LIFETIME_SECONDS } from '../../src/store/slack-oauth-states';
import type { Store } from '../../src/store/types';
import { removeDir, storeIn, tempDir } from '../digest/helpers';

const SECRET = 'state-secret-for-the-unit-test-0001';
const START = Date.parse('2026-12-07T10:00:00Z');
let t = START;
let dir: string;
let store: Store;

beforeEach(() => {
  t = START;
  dir = tempDir('quadrants-oauth-state-');
  store = storeIn(dir);
});

afterEach(async () => {
  await store.close();
  removeDir(dir);
});

const states = () => singleUseStateStore(SECRET, store, () => new Date(t));
const options = { scopes: ['commands', 'chat:write'], metadata: 'from-test' };

test('a state gives its install options back once, then is refused', async () => {
  const state = await states().generateStateParam(options, new Date(t));
  expect(await states().verifyStateParam(new Date(t), state)).toEqual(options);
  await expect(states().verifyStateParam(new Date(t), state)).rejects.toMatchObject({ code: 'slack_oauth_invalid_state' });
});

test('a state older than its lifetime is refused', async () => {
  const state = await states().generateStateParam(options, new Date(t));
  t += STATE_LIFETIME_SECONDS * 1000 + 1000;
  await expect(states().verifyStateParam(new Date(t), state)).rejects.toThrow(/expired/);
});

test('a state signed with another secret, or changed in any part, is refused', async () => {
  const state = await states().generateStateParam(options, new Date(t));
  const other = await singleUseStateStore('another-secret-entirely-0002', store, () => new Date(t)).generateStateParam(options, new Date(t));
  await expect(states().verifyStateParam(new Date(t), other)).rejects.toThrow(/signature/);
  const [body, mac] = state.split('.') as [string, string];
  const flipped = `${body.slice(0, -2)}${body.endsWith('A') ? 'B' : 'A'}${body.slice(-1)}.${mac}`;
  await expect(states().verifyStateParam(new Date(t), flipped)).rejects.toMatchObject({ code: 'slack_oauth_invalid_state' });
  await expect(states().verifyStateParam(new Date(t), 'no-dot-at-all')).rejects.toThrow(/malformed/);
  // None of these used the real state up.
  expect(await states().verifyStateParam(new Date(t), state)).toEqual(options);
});
