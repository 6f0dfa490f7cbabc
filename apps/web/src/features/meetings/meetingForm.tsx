import { ActionIcon, Button, Group, Stack, Text, Textarea, TagsInput, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { ZMeetingFields, type TMeetingFields } from '@baton/domain';
import { DateField } from '../../components/DateField';
import type { Member } from '../../lib/trpc';
import { zodValidate } from '../../lib/zodForm';
import type { Meeting } from './types';

export interface MeetingFormValues {
  title: string;
  heldOn: string | null;
  location: string;
  attendees: string[];
  apologies: string[];
  decisions: string[];
  notes: string;
}

export const emptyMeeting = (heldOn: string | null): MeetingFormValues => ({
  title: '',
  heldOn,
  location: '',
  attendees: [],
  apologies: [],
  decisions: [],
  notes: '',
});

export const valuesFromMeeting = (m: Meeting): MeetingFormValues => ({
  title: m.title,
  heldOn: m.heldOn,
  location: m.location,
  attendees: [...m.attendees],
  apologies: [...m.apologies],
  decisions: [...m.decisions],
  notes: m.notes,
});

export const toMeetingFields = (v: MeetingFormValues) => ({
  title: v.title,
  heldOn: v.heldOn ?? '',
  location: v.location,
  attendees: v.attendees,
  apologies: v.apologies,
  decisions: v.decisions,
  notes: v.notes,
});

const schemaErrors = zodValidate(ZMeetingFields, toMeetingFields);

/** The same zod schema the API uses, with plainer words for a missing date. */
export function validateMeeting(v: MeetingFormValues): Record<string, string> {
  const errors = schemaErrors(v);
  if (!v.heldOn) errors.heldOn = 'Choose the date of the meeting';
  return errors;
}

/** Only the fields that changed, so the meeting's history says what an edit was about. */
export function changedMeetingFields(
  before: MeetingFormValues,
  after: MeetingFormValues,
): Partial<TMeetingFields> {
  const a = toMeetingFields(before);
  const b = toMeetingFields(after);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(b) as Array<keyof typeof b>) {
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) out[key] = b[key];
  }
  return out as Partial<TMeetingFields>;
}

/** "Priya Raman (SV Council)": how the minutes name a member, offered as attendees and apologies. */
export function memberSuggestions(members: readonly Member[] | undefined): string[] {
  return [...new Set((members ?? []).map((m) => `${m.name} (${m.organisation.shortName})`))].sort();
}

/** Title, date, location, who came and who sent apologies; with `withMinutes`, decisions and notes too. */
export function MeetingFormFields({
  form,
  suggestions,
  withMinutes = false,
  dateLocked = false,
}: {
  form: UseFormReturnType<MeetingFormValues>;
  suggestions: string[];
  withMinutes?: boolean;
  dateLocked?: boolean;
}) {
  const taken = new Set([...form.values.attendees, ...form.values.apologies]);
  const open = suggestions.filter((s) => !taken.has(s));
  return (
    <Stack>
      <TextInput
        label="Title"
        placeholder="e.g. Transition steering group, December"
        required
        {...form.getInputProps('title')}
      />
      <Group grow align="flex-start" gap="md">
        <DateField
          label="Date"
          required
          disabled={dateLocked}
          description={dateLocked ? 'Fixed: the pack for this meeting is frozen' : undefined}
          clearable={false}
          {...form.getInputProps('heldOn')}
        />
        <TextInput
          label="Location"
          placeholder="e.g. Council Chamber, or Teams"
          {...form.getInputProps('location')}
        />
      </Group>
      <TagsInput
        label="Attendees"
        description="Choose members or type a name, then press Enter"
        data={open}
        clearable
        acceptValueOnBlur
        splitChars={[',', ';']}
        maxDropdownHeight={220}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps('attendees')}
      />
      <TagsInput
        label="Apologies"
        description="Members who sent apologies"
        data={open}
        clearable
        acceptValueOnBlur
        splitChars={[',', ';']}
        maxDropdownHeight={220}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps('apologies')}
      />
      {withMinutes && <DecisionsField form={form} />}
      {withMinutes && (
        <Textarea
          label="Notes"
          description="The minutes: discussion, actions agreed, anything to carry to the next meeting"
          autosize
          minRows={5}
          maxRows={16}
          {...form.getInputProps('notes')}
        />
      )}
    </Stack>
  );
}

/** Decisions as a list the secretariat can add to, edit and remove from. */
function DecisionsField({ form }: { form: UseFormReturnType<MeetingFormValues> }) {
  const decisions = form.values.decisions;
  return (
    <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
      <Text component="legend" size="sm" fw={500} p={0}>
        Decisions
      </Text>
      {decisions.length === 0 && (
        <Text size="sm" c="dimmed">
          No decisions recorded yet.
        </Text>
      )}
      {decisions.map((_, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
          <Textarea
            aria-label={`Decision ${i + 1}`}
            autosize
            minRows={1}
            maxRows={6}
            style={{ flex: 1 }}
            {...form.getInputProps(`decisions.${i}`)}
          />
          <ActionIcon
            variant="subtle"
            color="red.9"
            size="lg"
            aria-label={`Remove decision ${i + 1}`}
            onClick={() => form.removeListItem('decisions', i)}
          >
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => {
            form.insertListItem('decisions', '');
            // Straight into the new decision, for keyboard users too.
            const label = `Decision ${decisions.length + 1}`;
            requestAnimationFrame(() =>
              document.querySelector<HTMLTextAreaElement>(`textarea[aria-label="${label}"]`)?.focus(),
            );
          }}
        >
          Add a decision
        </Button>
      </Group>
    </Stack>
  );
}
