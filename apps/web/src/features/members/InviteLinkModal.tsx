import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconCheck, IconCopy, IconInfoCircle } from '@tabler/icons-react';

/** The one-time invitation link, shown once after inviting (or re-issuing) so the admin can pass it on. */
export function InviteLinkModal({
  invite,
  onClose,
}: {
  invite: { name: string; email: string; inviteUrl: string } | null;
  onClose: () => void;
}) {
  const url = invite ? new URL(invite.inviteUrl, window.location.origin).toString() : '';
  return (
    <Modal opened={invite !== null} onClose={onClose} title="Send this invitation link" size="lg">
      {invite && (
        <Stack>
          <Text>
            Send this link to <strong>{invite.name}</strong> ({invite.email}). They open it to set a password
            and join the programme.
          </Text>
          <Group align="flex-end" wrap="nowrap" gap="xs">
            <TextInput
              label="Invitation link"
              value={url}
              readOnly
              style={{ flex: 1 }}
              onFocus={(e) => e.currentTarget.select()}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button
                  onClick={copy}
                  color={copied ? 'teal.9' : undefined}
                  leftSection={
                    copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                  }
                  aria-live="polite"
                >
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Alert variant="light" icon={<IconInfoCircle aria-hidden />}>
            This is the only time the link is shown. Anyone with it can join as {invite.name}, so send it
            directly to them. If it is lost, re-issue the invitation from the members list to get a new link.
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              Done
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
