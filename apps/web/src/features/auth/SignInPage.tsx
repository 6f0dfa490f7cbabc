import { useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ZSignInInput } from '@baton/domain';
import { applyServerErrors } from '../../lib/errors';
import { JUST_SIGNED_IN } from './justSignedIn';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { focusFirstInvalid, safeNextPath, zodValidate } from '../../lib/zodForm';
import { AuthLayout } from './AuthLayout';

export function SignInPage() {
  usePageTitle('Sign in');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const formRef = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<string[]>([]);

  const me = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 5 * 60_000 });

  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: zodValidate(ZSignInInput),
  });

  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: (user) => {
        // Anything cached belonged to whoever was here before: start clean, as this user.
        queryClient.removeQueries();
        queryClient.setQueryData(trpc.auth.me.queryKey(), user);
        // The picker sends someone in one programme straight to their role's page, once, after sign-in.
        sessionStorage.setItem(JUST_SIGNED_IN, '1');
        void navigate(next, { replace: true });
      },
      onError: (error) => {
        setProblem(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      },
    }),
  );

  if (me.data) return <Navigate to={next} replace />;

  return (
    <AuthLayout
      title="Sign in to Baton"
      intro="Programme risk and transition tracking for NHS service re-procurements."
    >
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          (values) => {
            setProblem([]);
            signIn.mutate(ZSignInInput.parse(values));
          },
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack gap="md">
          {problem.length > 0 && (
            <Alert
              role="alert"
              color="red"
              variant="light"
              icon={<IconAlertTriangle aria-hidden />}
              title="You are not signed in"
            >
              {problem.join(' ')}
            </Alert>
          )}
          <TextInput
            label="Email address"
            type="email"
            autoComplete="username"
            inputMode="email"
            required
            withAsterisk={false}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            withAsterisk={false}
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={signIn.isPending} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
