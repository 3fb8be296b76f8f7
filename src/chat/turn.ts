/**
 * The turn engine: one function for every event a surface delivers, a typed command, a click on
 * a button, or a submitted form. It reads the event, decides whether it opens a form or runs,
 * runs the command through the pipeline (./pipeline.ts: permission, rate limit, budget, exactly
 * as for typed commands), and for buttons on the list of subscriptions draws the list again with
 * the answer on top. Surfaces only turn their platform's event into a TurnEvent and implement a
 * ChatSurface; every decision and every sentence is here. One catch, one log line per turn.
 */
import { asQuadrantsError, type QuadrantsError } from '../errors';
import type { Logger } from '../log';
import { BUTTONS, clickReply, decodeClick, kindOf, misplaced, pageOf, readClick, type ButtonKind } from './buttons';
import { privateReply, type Card, type CsvFile, type Reply } from './card';
import { COMMANDS, type CommandName, type RawInput } from './commands';
import { FORM_KINDS, FORMS, FormFieldError, formInput, openForm, staleForm, type Form, type FormField, type FormKind } from './forms';
import { runListTurn, type ListTurn } from './list-turn';
import { InvalidInput, validate } from './parse';
import { errorCard, runCommand, type Outcome, type PipelineDeps } from './pipeline';
import { SURFACES } from './surfaces';
import type { Conversation } from './types';

/** Where the message a button sits on lives: under a result, on the list in a channel, or in Slack's App Home. */
export type Origin = 'result' | 'list' | 'home';

export type CommandEvent = { type: 'command'; parse: () => RawInput };
export type ClickEvent = { type: 'click'; actionId: string; value: string; origin: Origin };
/** `kind` as the platform named the form (`compare`, `edit`…); `fields` the answers as submitted. */
export type FormEvent = { type: 'form'; kind: string; value: string; fields: Record<string, unknown>; origin: Origin };
export type TurnEvent = CommandEvent | ClickEvent | FormEvent;

/** A surface where typed commands arrive: a conversation that may refresh its other views of the list. */
export interface TypedSurface extends Conversation {
  /** After a turn changed a subscription: redraw the other places the list shows (Slack's App Home). Never throws. */
  listChanged?(): Promise<void>;
}

/**
 * A surface where clicks and forms arrive. What it can do besides (threads, a channel picker,
 * errors under a form's field) is its entry in the surfaces table (./surfaces.ts).
 */
export interface ChatSurface extends TypedSurface {
  /** Opens the form for the click being answered; `value` is the button's value, for the submission to carry back. */
  openForm(form: Form, value: string): Promise<void>;
  /** Draws the list where it lives (the turn's answer first, then the list); `list` is the list card, null when unreadable. Throws when the platform refused. */
  showList(cards: Card[], list: Card | null): Promise<void>;
  /** Keeps the form open with `card`'s sentence under `field` (surfaces with `formFieldErrors`). */
  refuseField(field: FormField['id'], card: Card): Promise<void>;
  /** Puts a file where the click's result goes (the CSV button). Throws a QuadrantsError when the platform refused. */
  attach(file: CsvFile): Promise<void>;
}

/** Runs one turn from any surface. Never throws. */
export function runTurn(event: CommandEvent, surface: TypedSurface, deps: PipelineDeps): Promise<Outcome>;
export function runTurn(event: TurnEvent, surface: ChatSurface, deps: PipelineDeps): Promise<Outcome>;
export async function runTurn(event: TurnEvent, surface: ChatSurface | TypedSurface, deps: PipelineDeps): Promise<Outcome> {
  const { actor } = surface;
  const origin = event.type === 'command' ? null : event.origin;
  const log = deps.logger.child({ surface: actor.surface, workspace: actor.workspaceId, channel: actor.channelId, user: actor.userId, turn: event.type, ...(origin ? { origin } : {}) });
  const turn: Turn = { surface: surface as ChatSurface, deps, log, command: null, refusal: null };
  let outcome: Outcome;
  try {
    if (event.type === 'command') {
      outcome = await runCommand(
        () => {
          const raw = event.parse();
          turn.command = raw.command;
          return raw;
        },
        surface,
        deps,
      );
    } else outcome = event.type === 'click' ? await click(turn, event) : await form(turn, event);
  } catch (err) {
    log.error('turn.crashed', { error: err });
    outcome = 'failed';
  }
  log.info('turn.ended', { outcome, ...(turn.command ? { command: turn.command } : {}), ...(turn.refusal ? { refusal: turn.refusal } : {}) });
  // A change made anywhere but the App Home shows there too; the home redrew itself.
  const changed = turn.command !== null && COMMANDS[turn.command].changesSubscriptions === true && outcome === 'delivered';
  if (changed && origin !== 'home' && surface.listChanged) await surface.listChanged();
  return outcome;
}

interface Turn {
  surface: ChatSurface;
  deps: PipelineDeps;
  log: Logger;
  command: CommandName | null;
  /** Why the turn was refused before anything ran (for the log line). */
  refusal: string | null;
}

async function click(turn: Turn, event: ClickEvent): Promise<Outcome> {
  const { surface, deps } = turn;
  const onList = event.origin !== 'result';
  const kind = kindOf(event.actionId);
  const page = pageFrom(event.actionId, event.value);
  // A click may only act on its own kind of message: list buttons on the list, result buttons under a result.
  if (kind !== null && (BUTTONS[kind].sits === 'list') !== onList) return refuse(turn, misplaced(kind), event.origin === 'home' ? page : null);
  let read: ReturnType<typeof readClick>;
  try {
    read = readClick(event.actionId, event.value, surface.actor);
    if (BUTTONS[read.click.kind].form) {
      const opened = await openForm(read.click as typeof read.click & { kind: FormKind }, surface.actor, deps);
      if ('refusal' in opened) {
        turn.refusal = 'permission';
        return onList ? list(turn, { note: opened.refusal, page }, 'refused') : answer(turn, opened.refusal, 'refused');
      }
      await surface.openForm(opened.form, event.value);
      return 'answered';
    }
  } catch (err) {
    return refuse(turn, asQuadrantsError(err), onList ? page : null);
  }
  turn.command = read.raw.command;
  if (onList) return list(turn, { raw: read.raw, page });
  return runCommand(() => read.raw, inResultThread(surface, read.click.kind), deps);
}

async function form(turn: Turn, event: FormEvent): Promise<Outcome> {
  const { surface, deps } = turn;
  const onList = event.origin !== 'result';
  const known = (FORM_KINDS as readonly string[]).includes(event.kind) ? FORMS[event.kind as FormKind] : null;
  const page = pageFrom(`quadrants:${event.kind}`, event.value);
  // Like a click, a form acts only on its own kind of message.
  if (known && (BUTTONS[known.kind].sits === 'list') !== onList) return refuseForm(turn, misplaced(known.kind), known, null, 'refused');
  let raw: RawInput;
  try {
    if (!known) throw staleForm();
    raw = formInput(known.kind, event.value, event.fields, surface.actor);
    // Checked before anything runs, so a bad zone, day, time or creator is fixed in the form.
    validate(raw);
  } catch (err) {
    return refuseForm(turn, asQuadrantsError(err), known ?? FORMS.compare, onList ? page : null, 'invalid');
  }
  turn.command = raw.command;
  if (onList) return list(turn, { raw, page });
  return runCommand(() => raw, surface, deps);
}

/** Refuses a form: under the field it is about where the form can stay open, else like a click. */
async function refuseForm(turn: Turn, e: QuadrantsError, shown: Form, page: number | null, outcome: Outcome): Promise<Outcome> {
  if (!SURFACES[turn.surface.actor.surface].formFieldErrors) return (await refuse(turn, e, page)) === 'failed' ? 'failed' : outcome;
  turn.refusal = e.message;
  await turn.surface.refuseField(fieldOf(e, shown), errorCard(e));
  return outcome;
}

/** The form field a refusal is about: the one it names, else the form's first. */
function fieldOf(err: QuadrantsError, shown: Form): FormField['id'] {
  const named = err instanceof FormFieldError || err instanceof InvalidInput ? err.field : null;
  const field = shown.fields.find((f) => f.id === named) ?? shown.fields[0];
  return field?.id ?? 'creators';
}

/** The list page a button's value names; the first page when it cannot be read. */
function pageFrom(actionId: string, value: string): number {
  try {
    return pageOf(decodeClick(actionId, value));
  } catch {
    return 0;
  }
}

/** Refuses a click with its one sentence: on the list (at `page`) when it came from one, else privately. */
function refuse(turn: Turn, e: QuadrantsError, page: number | null): Promise<Outcome> {
  turn.refusal = e.message;
  return page === null ? answer(turn, errorCard(e), 'refused') : list(turn, { note: errorCard(e), page }, 'refused');
}

async function answer(turn: Turn, card: Card, outcome: Outcome): Promise<Outcome> {
  try {
    await turn.surface.answer(privateReply(card));
    return outcome;
  } catch (err) {
    turn.log.warn('turn.answer_failed', { error: err });
    return 'failed';
  }
}

/** Acknowledges, runs the list turn (./list-turn.ts) and draws the list with its answer on top. */
async function list(turn: Turn, listTurn: ListTurn, outcome?: Outcome): Promise<Outcome> {
  try {
    await turn.surface.acknowledge('private', null);
  } catch (err) {
    turn.log.error('turn.ack_failed', { error: err });
    return 'failed';
  }
  const result = await runListTurn(turn.surface, listTurn, turn.deps);
  try {
    await turn.surface.showList(result.cards, result.list);
  } catch (err) {
    // What the command did stands; only the redraw is lost.
    turn.log.warn('turn.list_redraw_failed', { error: err });
  }
  return outcome ?? result.outcome;
}

/** The surface as a click's result conversation: CSV attaches its file, Refresh says what it cost. */
function inResultThread(surface: ChatSurface, kind: ButtonKind): Conversation {
  return {
    ...surface,
    async deliver(reply: Reply) {
      if (reply.visibility === 'private') return surface.deliver(reply);
      const shaped = clickReply(kind, reply);
      return 'card' in shaped ? surface.deliver(shaped) : surface.attach(shaped);
    },
  };
}
