/**
 * What is said about a workspace's monthly credit budget: the refusal when it is spent, and the
 * answer to `usage`. Numbers and dates are our own words; nothing here comes from users.
 */
import type { BudgetStatus } from '../../budget/budget';
import { sentenceCard, type Card } from '../card';
import { say, words } from '../inline';
import { creatorName } from '../format';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '2026-12' → 'December 2026'. */
function monthName(month: string): string {
  const [year, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? month} ${year ?? ''}`.trim();
}

/** '1 January 2027' (UTC). */
function day(at: Date): string {
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()] ?? ''} ${at.getUTCFullYear()}`;
}

function credits(n: number): string {
  return `${n.toLocaleString('en-US')} API credit${n === 1 ? '' : 's'}`;
}

/** The refusal of a command that spends credits once the workspace's budget is used up. */
export function budgetSpentCard(status: BudgetStatus, place: string): Card {
  const limit = status.limit ?? status.spent;
  return sentenceCard(
    words(
      `This ${place} has used its monthly budget of ${credits(limit)} for ${monthName(status.month)} ` +
        `(${status.remaining ?? 0} remaining), so reports are paused until the budget resets on ${day(status.resetsAt)} (UTC).`,
    ),
    'warning',
  );
}

/** The one line a channel gets when its digest is held back because the workspace's budget is spent. */
export function heldBackCard(sub: { creatorUsername: string; creatorUserid: string }, status: BudgetStatus, place: string): Card {
  const limit = status.limit ?? 0;
  return sentenceCard(
    say`The digest for ${creatorName({ username: sub.creatorUsername, userid: sub.creatorUserid })} is held back: this ${words(place)} has used its monthly budget of ${words(credits(limit))} for ${words(monthName(status.month))}. It goes out when the budget resets on ${words(day(status.resetsAt))} (UTC), if it is still due then.`,
    'warning',
  );
}

/** The answer to `usage`: spent and remaining credits this month. */
export function usageCard(status: BudgetStatus, place: string): Card {
  const spent = `This ${place} has spent ${credits(status.spent)} in ${monthName(status.month)}`;
  if (status.limit === null) return sentenceCard(words(`${spent}; there is no monthly credit budget.`));
  return sentenceCard(
    words(`${spent}; ${status.remaining ?? 0} of its ${credits(status.limit)} remain until the budget resets on ${day(status.resetsAt)} (UTC).`),
    status.remaining === 0 ? 'warning' : 'normal',
  );
}

/** `usage` on a bot without a store: nothing is counted. */
export function usageUntrackedCard(place: string): Card {
  return sentenceCard(words(`Credits are not counted per ${place} on this bot, because it has no database to keep them in.`));
}
