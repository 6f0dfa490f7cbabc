import { AppShell as MantineAppShell, Burger, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet, useMatch } from 'react-router';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { Navigation } from './Navigation';
import { ProgrammeSwitcher } from './ProgrammeSwitcher';
import { UserMenu } from './UserMenu';
import { Wordmark } from './Wordmark';

/** The frame of every signed-in page: header (wordmark, programme switcher, user), side navigation, main. */
export function AppShell() {
  const [navOpened, nav] = useDisclosure(false);
  const programmeMatch = useMatch('/p/:programmeId/*');
  const programmeId = programmeMatch?.params.programmeId;

  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <MantineAppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: 'md', collapsed: { mobile: !navOpened } }}
        padding="lg"
      >
        <MantineAppShell.Header bg="nhsBlue.6" withBorder={false}>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="md" wrap="nowrap" style={{ flex: '1 1 auto', minWidth: 0, overflow: 'hidden' }}>
              <Burger
                opened={navOpened}
                onClick={nav.toggle}
                hiddenFrom="md"
                size="sm"
                color="white"
                aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
                aria-expanded={navOpened}
                aria-controls="main-navigation"
              />
              {/* On a phone the mark alone, so the programme switcher keeps its room. */}
              <Wordmark inverted compact />
              <ProgrammeSwitcher currentProgrammeId={programmeId} />
            </Group>
            <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
              <NotificationBell />
              <UserMenu />
            </Group>
          </Group>
        </MantineAppShell.Header>
        <MantineAppShell.Navbar p="sm" id="main-navigation" aria-label="Main">
          <Navigation programmeId={programmeId} onNavigate={nav.close} />
        </MantineAppShell.Navbar>
        <MantineAppShell.Main id="main-content" tabIndex={-1} bg="gray.0">
          <Outlet />
        </MantineAppShell.Main>
      </MantineAppShell>
    </>
  );
}
