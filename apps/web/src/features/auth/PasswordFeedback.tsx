import { useEffect, useState } from 'react';
import { List, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { loadPasswordProblems, PASSWORD_MIN_LENGTH, type TPasswordProblems } from '@baton/domain';

/**
 * The server's password rule, loaded in the background: the strength estimator and its dictionaries (about
 * a megabyte) come as separate chunks, fetched only on the pages that set a password. Null until loaded, or
 * if loading fails (the server still checks).
 */
export function usePasswordRule(): TPasswordProblems | null {
  const [rule, setRule] = useState<TPasswordProblems | null>(null);
  useEffect(() => {
    let live = true;
    loadPasswordProblems().then(
      (check) => live && setRule(() => check),
      () => {},
    );
    return () => {
      live = false;
    };
  }, []);
  return rule;
}

/** What is wrong with the password as typed, or that it will do: announced politely as it changes. */
export function PasswordFeedback({
  id,
  password,
  problems,
}: {
  id: string;
  password: string;
  problems: string[] | null;
}) {
  const show = password.length >= PASSWORD_MIN_LENGTH && problems !== null;
  return (
    <div id={id} aria-live="polite" data-testid="password-feedback">
      {show &&
        (problems.length === 0 ? (
          <Text size="sm" c="teal.9">
            <IconCircleCheck size={16} aria-hidden style={{ verticalAlign: 'text-bottom' }} /> Hard to guess:
            this password will do.
          </Text>
        ) : (
          <>
            <Text size="sm" fw={600} c="red.8">
              Too easy to guess
            </Text>
            <List size="sm" c="red.8" spacing={2}>
              {problems.map((p) => (
                <List.Item key={p}>{p}</List.Item>
              ))}
            </List>
          </>
        ))}
    </div>
  );
}
