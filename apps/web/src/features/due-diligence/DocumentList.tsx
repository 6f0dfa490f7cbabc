import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, FileInput, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import {
  DOCUMENT_ACCEPT,
  DOCUMENT_TYPES_SENTENCE,
  formatBytes,
  MAX_DOCUMENT_BYTES,
  SCAN_STATUS_LABELS,
  type TDocumentParent,
} from '@baton/domain';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { toBase64 } from '../../lib/files';
import { formatTimestamp } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import type { DdDocument } from './types';

/**
 * The documents attached to something (a due diligence request, a gateway's evidence entry), each with its
 * versions and downloads; whoever may attach adds files and new versions.
 */
export function DocumentList({
  programmeId,
  parentType = 'dd_request',
  requestId,
  documents,
  canAttach,
}: {
  programmeId: string;
  parentType?: TDocumentParent;
  /** The id of what the files are attached to. */
  requestId: string;
  documents: DdDocument[];
  canAttach: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [replacing, setReplacing] = useState<DdDocument | null>(null);
  const upload = useMutation(
    trpc.document.upload.mutationOptions({
      onSuccess: async (d) => {
        notify({
          color: 'green',
          title: 'File kept',
          message: `${d.versions[0]?.fileName} (version ${d.latestVersion})`,
        });
        setFile(null);
        setNote('');
        setReplacing(null);
        await Promise.all([
          queryClient.invalidateQueries(trpc.dueDiligence.pathFilter()),
          queryClient.invalidateQueries(trpc.document.pathFilter()),
        ]);
      },
    }),
  );
  const tooLarge = file !== null && file.size > MAX_DOCUMENT_BYTES;
  const send = async () => {
    if (!file || tooLarge) return;
    upload.mutate({
      programmeId,
      parentType,
      parentId: requestId,
      fileName: file.name,
      contentBase64: await toBase64(file),
      note,
      ...(replacing ? { replaces: { documentId: replacing.id, version: replacing.version } } : {}),
    });
  };

  return (
    <Stack gap="sm">
      {documents.length === 0 ? (
        <Text size="sm" c="dimmed">
          No files yet.
        </Text>
      ) : (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Files">
          {documents.map((d) => {
            const latest = d.versions[0]!;
            return (
              <li key={d.id}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={0}>
                    <Anchor
                      href={`/export/programmes/${programmeId}/documents/${d.id}`}
                      download
                      size="sm"
                      fw={600}
                      underline="always"
                    >
                      {latest.fileName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      Version {latest.versionNumber} · {formatBytes(latest.sizeBytes)} ·{' '}
                      {SCAN_STATUS_LABELS[latest.scanStatus]} · {d.organisation.name}
                      {latest.uploadedBy ? `, ${latest.uploadedBy.name}` : ''},{' '}
                      {formatTimestamp(latest.uploadedAt)}
                    </Text>
                    {latest.note && <Text size="xs">{latest.note}</Text>}
                    {d.versions.length > 1 && (
                      <Text size="xs" c="dimmed">
                        Earlier:{' '}
                        {d.versions.slice(1).map((v, i) => (
                          <span key={v.versionNumber}>
                            {i > 0 && ', '}
                            <Anchor
                              href={`/export/programmes/${programmeId}/documents/${d.id}?version=${v.versionNumber}`}
                              download
                              size="xs"
                              underline="always"
                            >
                              version {v.versionNumber}
                            </Anchor>
                          </span>
                        ))}
                      </Text>
                    )}
                  </Stack>
                  {canAttach && (
                    <Button
                      size="compact-xs"
                      variant="default"
                      style={{ flexShrink: 0 }}
                      onClick={() => setReplacing(d)}
                    >
                      New version
                    </Button>
                  )}
                </Group>
              </li>
            );
          })}
        </Stack>
      )}
      {canAttach && (
        <Stack gap="xs">
          {upload.error && (
            <Alert color="red" role="alert" title="The file was not kept">
              {fieldErrorsOf(upload.error).file ?? errorMessage(upload.error)}
            </Alert>
          )}
          <FileInput
            label={replacing ? `New version of ${replacing.title}` : 'Add a file'}
            description={`${DOCUMENT_TYPES_SENTENCE}; up to ${formatBytes(MAX_DOCUMENT_BYTES)}. Each file is checked and scanned before it is kept.`}
            placeholder="Choose a file"
            accept={DOCUMENT_ACCEPT}
            value={file}
            onChange={setFile}
            clearable
            error={
              tooLarge
                ? `The file is ${formatBytes(file.size)}; the limit is ${formatBytes(MAX_DOCUMENT_BYTES)}`
                : undefined
            }
          />
          <TextInput label="Note (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Group gap="xs">
            <Button
              size="sm"
              leftSection={<IconFileUpload size={16} aria-hidden />}
              disabled={!file || tooLarge}
              loading={upload.isPending}
              onClick={() => void send()}
            >
              {replacing ? 'Upload new version' : 'Upload'}
            </Button>
            {replacing && (
              <Button size="sm" variant="default" onClick={() => setReplacing(null)}>
                Cancel new version
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
