/** A Slack conversation that hears nothing and says nothing: for tests that read only the pipeline's outcome and the store. */
import type { Conversation } from '../../src/chat/types';

export function silentConversation(workspaceId: string, userId = 'U1'): Conversation {
  return {
    actor: { surface: 'slack', workspaceId, channelId: 'C1', userId, canManage: false },
    answer: async () => undefined,
    acknowledge: async () => undefined,
    deliver: async () => undefined,
    fail: async () => undefined,
    resolve: async () => 'C1',
    post: async () => ({ posted: true as const }),
  };
}
