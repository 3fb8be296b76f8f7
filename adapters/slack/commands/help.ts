/**
 * `/quadrants help`, and the reply to an empty or malformed command.
 */
import { helpText, usageReply } from '../../../src/commands/parse';
import type { QuadrantsError } from '../../../src/errors';
import { escapeMrkdwn } from '../escape';

/** The usage, escaped: it shows `<video link>`, which Slack would otherwise read as markup. */
export function helpMessage(): string {
  return escapeMrkdwn(helpText('slack'));
}

/** The parser's sentence followed by the usage. */
export function usageMessage(err: QuadrantsError): string {
  return escapeMrkdwn(usageReply(err, 'slack'));
}
