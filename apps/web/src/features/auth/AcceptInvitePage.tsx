import { useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, List, PasswordInput, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { ZPassword } from '@baton/domain';
import { QueryError } from '../../components/QueryStates';
import { applyServerErrors, errorCode } from '../../lib/errors';
import { membershipRoleDescription, membershipRoleLabel } from '../../lib/labels';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { focusFirstInvalid, zodValidate } from '../../lib/zodForm';
import { AuthLayout } from './AuthLayout';
import { PasswordFeedback, usePasswordRule } from './PasswordFeedback';

const ZSetPassword = z
  .object({ password: ZPassword, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, {
    path: ['confirmPassword'],
    message: 'The two passwords do not match',
  });
const checkShape = zodValidate(ZSetPassword);

export function AcceptInvitePage() {
  usePageTitle('Accept your invitation');
  const { token = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<string[]>([]);

  const details = useQuery(trpc.auth.inviteDetails.queryOptions({ token }, { staleTime: Infinity }));
  // The same rule the server applies, against the same personal details.
  const rule = usePasswordRule();
  const personal = details.data
    ? [details.data.email, details.data.name, details.data.organisationName, details.data.programmeName]
    : [];
  const problemsOf = (password: string) => (rule ? rule(password, personal) : null);

  const form = useForm({
    initialValues: { password: '', confirmPassword: '' },
    validate: (values) => {
      const errors = checkShape(values);
      const problems = errors.password ? null : problemsOf(values.password);
      // The reasons are listed under the field (PasswordFeedback); the error says what to do.
      return problems?.length
        ? { ...errors, password: 'Choose a password that is harder to guess: see the advice below.' }
        : errors;
    },
  });

  const accept = useMutation(
    trpc.auth.acceptInvite.mutationOptions({
      onSuccess: (user) => {
        // Whatever was cached belonged to whoever used this browser before (keep the invitation still on screen).
        const invitePath = JSON.stringify(trpc.auth.inviteDetails.pathKey()[0]);
        queryClient.removeQueries({ predicate: (q) => JSON.stringify(q.queryKey[0]) !== invitePath });
        queryClient.setQueryData(trpc.auth.me.queryKey(), user);
        // The invitation was to one programme: take them straight there.
        const programmeId = details.data?.programmeId;
        void navigate(programmeId ? `/p/${programmeId}` : '/', { replace: true });
      },
      onError: (error) => {
        setProblem(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      },
    }),
  );

  if (details.isPending) {
    return (
      <AuthLayout title="Accept your invitation">
        <Stack aria-busy="true" aria-label="Loading your invitation">
          <Skeleton height={20} />
          <Skeleton height={20} width="70%" />
          <Skeleton height={40} />
        </Stack>
      </AuthLayout>
    );
  }

  if (details.isError) {
    const gone = errorCode(details.error) === 'NOT_FOUND';
    return (
      <AuthLayout title={gone ? 'This invitation cannot be used' : 'Accept your invitation'}>
        {gone ? (
          <Stack>
            <Text>
              The link has expired or has already been used. Ask the programme admin who invited you to send a
              new invitation.
            </Text>
            <Text>
              Already set your password?{' '}
              <Anchor component={Link} to="/signin">
                Sign in
              </Anchor>
            </Text>
          </Stack>
        ) : (
          <QueryError error={details.error} onRetry={() => void details.refetch()} />
        )}
      </AuthLayout>
    );
  }

  const invite = details.data;
  return (
    <AuthLayout
      title={`Join ${invite.programmeName}`}
      intro={
        <>
          {invite.name}, you have been invited to the programme <strong>{invite.programmeName}</strong> for{' '}
          <strong>{invite.organisationName}</strong>.
        </>
      }
    >
      <List spacing={4} size="sm">
        {invite.role && (
          <List.Item>
            Your role: <strong>{membershipRoleLabel(invite.role)}</strong>.{' '}
            {membershipRoleDescription(invite.role)}
          </List.Item>
        )}
        <List.Item>You will sign in with {invite.email}.</List.Item>
      </List>
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          (values) => {
            setProblem([]);
            accept.mutate({ token, password: values.password });
          },
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack gap="md">
          {problem.length > 0 && (
            <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden />}>
              {problem.join(' ')}
            </Alert>
          )}
          <TextInput label="Email address" value={invite.email} autoComplete="username" readOnly />
          <PasswordInput
            label="New password"
            description="At least 12 characters, hard to guess. A few unrelated words make a strong one."
            autoComplete="new-password"
            required
            withAsterisk={false}
            {...form.getInputProps('password')}
          />
          <PasswordFeedback
            id="password-feedback"
            password={form.getValues().password}
            problems={problemsOf(form.getValues().password)}
          />
          <PasswordInput
            label="Confirm password"
            autoComplete="new-password"
            required
            withAsterisk={false}
            {...form.getInputProps('confirmPassword')}
          />
          <Button type="submit" loading={accept.isPending} fullWidth>
            Set password and join
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
