/**
 * Forms as Discord modals. The modal's custom id carries the button's value, so its submission
 * needs nothing stored.
 */
import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import { BUTTON_PREFIX } from '../../src/chat/buttons';
import type { Form } from '../../src/chat/forms';

/**
 * A form as a Discord modal: custom id `quadrants:<kind>|<value>`, one text input per field,
 * prefilled with the field's initial value (Edit shows the stored schedule).
 */
export function renderModal(form: Form, value: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: `${BUTTON_PREFIX}${form.kind}|${value}`.slice(0, 100),
    title: form.title.slice(0, 45),
    components: form.fields.map((f) => ({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.TextInput,
          custom_id: f.id,
          label: f.label.slice(0, 45),
          style: TextInputStyle.Short,
          required: !f.optional,
          max_length: f.max,
          placeholder: f.placeholder.slice(0, 100),
          ...(f.initial ? { value: f.initial.slice(0, f.max) } : {}),
        },
      ],
    })),
  };
}

