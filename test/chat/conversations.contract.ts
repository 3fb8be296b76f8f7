/**
 * The conversation contract, part 2 of the surface contract (part 1, surfaces.contract.test.ts,
 * checks every word of every card is drawn): what every surface implementation does with a
 * turn, as one suite that takes a driver. Each driver runs the real adapter against the fakes and
 * reports what people see, so a typed command, a click, a form and a list click on Slack, on
 * Discord and on the command line are held to the same behaviour: acknowledged in time; a public
 * result in the channel with its breakdown threaded under it and nothing said privately; a failure
 * said once, only to the person who asked, with nothing public; a private answer only they see;
 * and, where the turn spends credits, refused once the workspace's budget is spent, before any
 * request upstream.
 */

/** One message as people see it. */
export interface SeenMessage {
  /** The visible text, read the way the platform's client reads it. */
  text: string;
  /** The message's own id (Slack ts, Discord id; the CLI counts its blocks of output). */
  id: string;
  /** The thread it was posted in (Slack thread_ts, a Discord thread's id; on the CLI, the result it sits below), or null. */
  thread: string | null;
}

/** What one turn left behind, beyond what was there before it. */
export interface Seen {
  /** The platform got its acknowledgement (Slack's ack, Discord's interaction callback) for this turn. */
  acknowledged: boolean;
  /** Messages everyone in the channel sees (in order). */
  public: SeenMessage[];
  /** What only the person who acted sees: ephemeral messages, their App Home, the CLI's stderr (not counting a working note). */
  private: string[];
  /** Requests made upstream to TikLiveAPI during the turn. */
  upstream: number;
}

/** A surface implementation under the contract, and which of the cases it offers. */
export interface ConversationDriver {
  /** Runs a turn that answers publicly with the demo creator's report (absent where results are never public: the list). */
  publicResult?(): Promise<Seen>;
  /** Runs a turn that fails (a creator TikTok does not know, a subscription that is not there). */
  failure(): Promise<Seen>;
  /** The sentence the failure says. */
  failureText: RegExp;
  /** Runs a turn whose answer is private (absent on the CLI, which has no one else to hide it from). */
  privateAnswer?(): Promise<Seen>;
  /** What the private answer says. */
  privateText?: RegExp;
  /** Runs the public result's turn once the workspace's monthly budget is spent (absent where nothing is budgeted). */
  overBudget?(): Promise<Seen>;
  close(): Promise<void>;
}

/** The report's title and its per-post breakdown's, as every surface words them. */
const TITLE = /Quadrants for @mossy\.kitchen/;
const BREAKDOWN = /Per-post breakdown/;
const BUDGET = /monthly budget/i;

/** The cases beyond failing that a surface implementation offers. */
export type Offer = 'public' | 'private' | 'budget';

/** Registers the contract's tests in the current describe block: failure always, the rest where `offers` says. */
export function conversationContract(start: () => Promise<ConversationDriver>, offers: readonly Offer[]): void {
  let driver: ConversationDriver;
  beforeEach(async () => {
    driver = await start();
  });
  afterEach(async () => driver.close());

  if (offers.includes('public')) test('a public result is acknowledged, posted for everyone, its breakdown threaded under it, and nothing is said privately', async () => {
    const seen = await (driver.publicResult as () => Promise<Seen>)();
    expect(seen.acknowledged).toBe(true);
    const result = seen.public.find((m) => TITLE.test(m.text));
    expect(result).toBeDefined();
    const root = result?.thread ?? result?.id;
    expect(seen.public.filter((m) => m !== result && m.thread === root).map((m) => m.text).join('\n')).toMatch(BREAKDOWN);
    expect(seen.private).toEqual([]);
  });

  test('a failure is acknowledged and said once, only to the person who asked; nothing is public', async () => {
    const seen = await driver.failure();
    expect(seen.acknowledged).toBe(true);
    expect(seen.public).toEqual([]);
    expect(seen.private.filter((t) => driver.failureText.test(t))).toHaveLength(1);
  });

  if (offers.includes('private')) test('a private answer is acknowledged and seen only by the person who asked', async () => {
    const seen = await (driver.privateAnswer as () => Promise<Seen>)();
    expect(seen.acknowledged).toBe(true);
    expect(seen.public).toEqual([]);
    expect(seen.private.join('\n')).toMatch(driver.privateText ?? /./);
  });

  if (offers.includes('budget')) test('with the budget spent, the turn is refused privately before any request upstream', async () => {
    const seen = await (driver.overBudget as () => Promise<Seen>)();
    expect(seen.acknowledged).toBe(true);
    expect(seen.public).toEqual([]);
    expect(seen.private.filter((t) => BUDGET.test(t))).toHaveLength(1);
    expect(seen.upstream).toBe(0);
  });
}
