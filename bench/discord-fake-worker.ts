/**
 * Runs the fake Discord in a worker thread for the bench, so Discord's side of the work (accepting
 * connections, parsing requests) does not share the bot's event loop, as with the real service.
 * Messages: in `{type:'burst', inputs}` / `{type:'messageOf', token}` / `{type:'close'}`; out `ready`, `dispatched`, `message`, `call`, `closed`.
 * Times are the worker's performance.now(): compare them only with each other.
 */
import { parentPort } from 'node:worker_threads';
import { startFakeDiscord, type InteractionInput, type RecordedCall } from '../test/fakes/discord';

export interface WorkerCall {
  method: string;
  path: string;
  at: number;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const fake = await startFakeDiscord();
  fake.events.on('call', (c: RecordedCall) => port.postMessage({ type: 'call', call: { method: c.method, path: c.path, at: c.at } satisfies WorkerCall }));
  port.on('message', (m: { type: string; inputs?: InteractionInput[] }) => {
    if (m.type === 'burst') {
      const sent = (m.inputs ?? []).map((input) => fake.dispatchInteraction(input));
      port.postMessage({ type: 'dispatched', sent });
    } else if (m.type === 'messageOf') {
      // The message an interaction's reply became (buttons are clicked on it).
      const found = [...fake.messages.values()].find((x) => x.token === (m as { token?: string }).token && !x.deleted);
      port.postMessage({ type: 'message', id: found?.id ?? null });
    } else if (m.type === 'close') {
      void fake.close().then(() => port.postMessage({ type: 'closed' }));
    }
  });
  port.postMessage({ type: 'ready', token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl, guildId: fake.guildId });
}

void main();
