/**
 * Acknowledgements while charts are drawn locally: the Slack and Discord ack bursts (./slack.ts,
 * ./discord.ts) with CHART_RENDERER=local, so every report also draws and uploads its chart in
 * this process. Its own group, so it runs in a fresh process like every other.
 */
import { rows as discordRows } from './discord';
import { rows as slackRows } from './slack';
import type { BenchRow } from './table';

export async function rows(): Promise<BenchRow[]> {
  const slack = await slackRows({ chartRenderer: 'local' });
  const discord = await discordRows({ chartRenderer: 'local' });
  return [...slack, ...discord];
}
