/**
 * The conversation contract (./conversations.contract.ts) on every surface implementation: each
 * way a turn arrives on Slack and Discord, and the command line. Lists have no public results
 * and spend no credits; the command line has no one to hide an answer from and no budget.
 */
import { conversationContract, type Offer } from './conversations.contract';
import { cliDriver, discordDriver, type DiscordWay } from './discord-drivers';
import { slackDriver, type SlackWay } from './slack-drivers';

const ALL: Offer[] = ['public', 'private', 'budget'];
const SLACK: Array<[SlackWay, Offer[]]> = [
  ['typed', ALL],
  ['click/form', ALL],
  ['list', ['private']],
  ['home', ['private']],
];
const DISCORD: Array<[DiscordWay, Offer[]]> = [
  ['typed', ALL],
  ['click/form', ALL],
  ['list', ['private']],
];

describe.each(SLACK)('Slack, %s', (way, offers) => {
  conversationContract(() => slackDriver(way), offers);
});

describe.each(DISCORD)('Discord, %s', (way, offers) => {
  conversationContract(() => discordDriver(way), offers);
});

describe('the command line', () => {
  conversationContract(cliDriver, ['public']);
});
