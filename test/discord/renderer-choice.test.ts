/**
 * Discord with a QuickChart the bot takes to lack the chart plugins (a loopback server, no
 * QUICKCHART_PLUGINS): the chart is drawn in process and attached to the embed as before; that
 * QuickChart is never asked.
 */
import { startWorld, type DiscordWorld } from './world';

let world: DiscordWorld;
beforeAll(async () => {
  world = await startWorld({ quickchartPlugins: null });
});
afterAll(async () => {
  await world.close();
});

it('a report shows the locally drawn PNG in its embed, and QuickChart gets no request', async () => {
  const { outcome, calls } = await world.harness.run({ subcommand: 'report', options: { creator: '@mossy.kitchen', posts: 30 } });
  expect(outcome).toBe('delivered');
  const edit = calls.find((c) => c.method === 'PATCH' && c.path.endsWith('/messages/@original'));
  expect(edit?.body.embeds[0].image).toEqual({ url: 'attachment://quadrants.png' });
  expect(edit?.files).toEqual([expect.objectContaining({ filename: 'quadrants.png', contentType: 'image/png' })]);
  expect(edit?.files[0]?.size).toBeGreaterThan(1000);
  expect(world.quickchart.requests).toEqual([]);
});
