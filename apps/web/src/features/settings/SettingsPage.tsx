import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { PageSkeleton } from '../../components/QueryStates';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import { GovernanceSettings } from './GovernanceSettings';
import { RiskMatrixSettings } from './RiskMatrixSettings';
import { SecuritySettings } from './SecuritySettings';

/** The programme's settings: the risk matrix and appetite, and where its papers go and how they are marked. */
export function SettingsPage() {
  const { programmeId = '' } = useParams();
  const { overview, programme, can } = useProgramme(programmeId);
  usePageTitle('Settings', programme?.name);
  if (overview.isPending) return <PageSkeleton />;
  if (!programme || !can('programme.update')) return <NotFoundPage />;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Text size="sm" c="dimmed" fw={600}>
          {programme.name}
        </Text>
        <Title order={1}>Settings</Title>
        <Text c="dimmed">
          Changes are saved as a new version and recorded in the{' '}
          <Anchor component={Link} to={`/p/${programmeId}/audit`} underline="always">
            history
          </Anchor>
          .
        </Text>
      </Stack>
      <GovernanceSettings
        key={programme.version}
        programmeId={programmeId}
        programme={programme}
        canEdit={programme.status === 'open'}
      />
      <RiskMatrixSettings programmeId={programmeId} canEdit={programme.status === 'open'} />
      <SecuritySettings
        key={`security-${programme.version}`}
        programmeId={programmeId}
        programme={programme}
        canEdit={programme.status === 'open'}
      />
    </Stack>
  );
}
