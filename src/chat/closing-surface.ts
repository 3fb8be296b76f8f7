/**
 * A surface whose first word closes something the platform holds open until then (Slack keeps a
 * submitted modal open until the submission is acknowledged): whatever is said first closes it,
 * except a refused answer, which keeps it open with the sentence under its field.
 */
import type { Card } from './card';
import type { ChatSurface } from './turn';

export function closingFirst(surface: ChatSurface, close: () => Promise<void>, refuse: (field: string, card: Card) => Promise<void>): ChatSurface {
  let closed: Promise<void> | null = null;
  const after =
    <A extends unknown[], R>(f: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      await (closed ??= close());
      return f(...args);
    };
  return {
    ...surface,
    answer: after(surface.answer),
    acknowledge: after(surface.acknowledge),
    deliver: after(surface.deliver),
    fail: after(surface.fail),
    showList: after(surface.showList),
    async refuseField(field, card) {
      await (closed ??= refuse(field, card));
    },
  };
}
