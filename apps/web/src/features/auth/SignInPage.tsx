import { useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, Divider, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconBuildingHospital, IconLogout } from '@tabler/icons-react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { SSO_ERRORS, ZEmail, ZSignInInput, type TSsoError } from '@baton/domain';
import { applyServerErrors, errorMessage } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { JUST_SIGNED_IN } from './justSignedIn';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { focusFirstInvalid, safeNextPath, zodValidate } from '../../lib/zodForm';
import { AuthLayout } from './AuthLayout';
import { PROVIDER_SIGN_OUT } from './providerSignOut';

export function SignInPage() {
  usePageTitle('Sign in');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const ssoError = params.get('sso_error') as TSsoError | null;
  const formRef = useRef<HTMLFormElement>(null);
  const [problem, setProblem] = useState<string[]>([]);
  const [challenge, setChallenge] = useState<string | null>(null);
  const [providerSignOut] = useState(() => {
    const raw = sessionStorage.getItem(PROVIDER_SIGN_OUT);
    sessionStorage.removeItem(PROVIDER_SIGN_OUT);
    return raw ? (JSON.parse(raw) as { displayName: string; url: string }) : null;
  });

  const me = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 5 * 60_000 });

  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: zodValidate(ZSignInInput),
  });
  const [email] = useDebouncedValue(form.values.email.trim(), 300);
  const emailOk = ZEmail.safeParse(email).success;
  const sso = useQuery({
    ...trpc.auth.ssoOptions.queryOptions({ email }),
    enabled: emailOk,
    staleTime: 60_000,
  });
  const providers = emailOk ? (sso.data?.providers ?? []) : [];
  const passwordAccepted = !emailOk || (sso.data?.passwordAccepted ?? true);

  const signedIn = (user: unknown) => {
    // Anything cached belonged to whoever was here before: start clean, as this user.
    queryClient.removeQueries();
    queryClient.setQueryData(trpc.auth.me.queryKey(), user as never);
    // The picker sends someone in one programme straight to their role's page, once, after sign-in.
    sessionStorage.setItem(JUST_SIGNED_IN, '1');
    void navigate(next, { replace: true });
  };

  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: (r) => {
        if (r.secondFactorRequired) setChallenge(r.challenge);
        else signedIn(r);
      },
      onError: (error) => {
        setProblem(applyServerErrors(form, error));
        focusFirstInvalid(formRef.current);
      },
    }),
  );

  if (me.data) return <Navigate to={next} replace />;

  if (challenge)
    return (
      <SecondFactorStep
        challenge={challenge}
        onSignedIn={signedIn}
        onExpired={(message) => {
          setChallenge(null);
          setProblem([message]);
        }}
      />
    );

  const startSso = (id: string) => {
    const q = new URLSearchParams({ returnTo: next, loginHint: email });
    window.location.assign(`/auth/sso/${id}?${q}`);
  };

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
          {providerSignOut && (
            <Alert
              color="blue"
              variant="light"
              icon={<IconLogout aria-hidden />}
              title="You have signed out of Baton"
            >
              You may still be signed in to {providerSignOut.displayName}.{' '}
              <Anchor href={providerSignOut.url} underline="always">
                Sign out of {providerSignOut.displayName} too
              </Anchor>
            </Alert>
          )}
          {ssoError && SSO_ERRORS[ssoError] && (
            <Alert
              role="alert"
              color="red"
              variant="light"
              icon={<IconAlertTriangle aria-hidden />}
              title="You are not signed in"
            >
              {SSO_ERRORS[ssoError]}
            </Alert>
          )}
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
          {providers.map((p) => (
            <Button
              key={p.id}
              variant={passwordAccepted ? 'outline' : 'filled'}
              leftSection={<IconBuildingHospital size={18} aria-hidden />}
              onClick={() => startSso(p.id)}
              fullWidth
            >
              Sign in with {p.displayName}
            </Button>
          ))}
          {providers.length > 0 && passwordAccepted && <Divider label="or with your Baton password" />}
          {passwordAccepted ? (
            <>
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
            </>
          ) : (
            <Text size="sm">
              {providers[0]?.displayName} signs you in with your work account; Baton passwords are not used
              for it.
            </Text>
          )}
        </Stack>
      </form>
    </AuthLayout>
  );
}

/** The second step for an account with an authenticator app: a code, or one of the recovery codes. */
function SecondFactorStep({
  challenge,
  onSignedIn,
  onExpired,
}: {
  challenge: string;
  onSignedIn: (user: unknown) => void;
  onExpired: (message: string) => void;
}) {
  const trpc = useTRPC();
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState(false);
  const verify = useMutation(
    trpc.auth.signInSecondFactor.mutationOptions({
      onSuccess: (r) => {
        if (r.usedRecoveryCode)
          notify({
            color: r.recoveryCodesLeft <= 3 ? 'orange' : 'blue',
            title: 'Recovery code used',
            message: `You have ${r.recoveryCodesLeft} left. Make new ones under Your account, Security.`,
          });
        onSignedIn(r);
      },
      onError: (e) => {
        if (/expired/.test(e.message)) onExpired(e.message);
      },
    }),
  );
  return (
    <AuthLayout title="Check it’s you" intro="Your account has a second factor.">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          verify.mutate({ challenge, code });
        }}
      >
        <Stack gap="md">
          {verify.error && !/expired/.test(verify.error.message) && (
            <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden />}>
              {errorMessage(verify.error)}
            </Alert>
          )}
          {recovery ? (
            <TextInput
              key="recovery"
              label="Recovery code"
              description="One of the codes you saved when you set up the app (each works once)."
              autoComplete="off"
              autoFocus
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
          ) : (
            <TextInput
              key="totp"
              label="Code from your authenticator app"
              description="Open the app and enter the 6-digit code it shows for Baton."
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={7}
              autoFocus
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
            />
          )}
          <Button type="submit" loading={verify.isPending} fullWidth disabled={!code.trim()}>
            Continue
          </Button>
          <Anchor
            component="button"
            type="button"
            size="sm"
            underline="always"
            onClick={() => {
              setRecovery(!recovery);
              setCode('');
            }}
          >
            {recovery ? 'Use a code from the app instead' : 'Use a recovery code instead'}
          </Anchor>
        </Stack>
      </form>
    </AuthLayout>
  );
}
