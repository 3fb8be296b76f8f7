/**
 * The command line as a surface: results on stdout (text, or one JSON object with --json),
 * errors as one line on stderr. Nothing to acknowledge and nobody else to post to.
 */
import { userInfo } from 'node:os';
import type { Reply } from '../../src/chat/card';
import { plain } from '../../src/chat/inline';
import type { Conversation } from '../../src/chat/types';
import { QuadrantsError } from '../../src/errors';
import type { CliIo } from '../../src/ops/cli';
import { renderText } from './render';
import { CLI } from '../../src/platforms';

export type { CliIo } from '../../src/ops/cli';

function who(): string {
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}

export function cliConversation(io: CliIo, options: { json: boolean; csv?: boolean }): Conversation {
  const print = (reply: Reply): void => {
    if (options.csv && reply.csv) {
      io.stdout(reply.csv().text);
      return;
    }
    if (options.json && reply.json) {
      io.stdout(`${JSON.stringify(reply.json(), null, 2)}\n`);
      return;
    }
    io.stdout([reply.card, ...reply.thread].map(renderText).join('\n'));
  };
  return {
    actor: { surface: CLI, workspaceId: CLI, channelId: 'stdout', userId: who(), canManage: true },
    async answer(reply) {
      // Refusals are one line on stderr; help and other answers go to stdout.
      if (reply.card.tone === 'warning') io.stderr(`${plain(reply.card.summary)}\n`);
      else print(reply);
    },
    async acknowledge() {},
    async deliver(reply) {
      print(reply);
    },
    async fail(card) {
      io.stderr(`${plain(card.summary).replace(/\s*\n\s*/g, ' ')}\n`);
    },
    async resolve() {
      throw new QuadrantsError('BAD_INPUT', 'no channels on the CLI', { userMessage: 'Digests belong to a chat channel; run this command in Slack or Discord.' });
    },
    async post() {
      return { posted: false, noAccess: null };
    },
  };
}
