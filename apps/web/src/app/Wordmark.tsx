import { Group, Text } from '@mantine/core';
import { Link } from 'react-router';

/** "Baton", linking home. */
export function Wordmark({ inverted = false, compact = false }: { inverted?: boolean; compact?: boolean }) {
  return (
    <Link
      to="/"
      aria-label="Baton, all programmes"
      style={{
        textDecoration: 'none',
        color: inverted ? 'white' : 'var(--mantine-color-nhsBlue-9)',
        borderRadius: 4,
      }}
    >
      <Group gap={8} wrap="nowrap">
        <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <rect width="32" height="32" rx="6" fill={inverted ? '#ffffff' : '#005EB8'} />
          <path
            d="M8 24 24 8"
            stroke={inverted ? '#005EB8' : '#ffffff'}
            strokeWidth="5"
            strokeLinecap="round"
          />
        </svg>
        <Text
          component="span"
          c="inherit"
          fw={800}
          fz={22}
          lh={1}
          style={{ letterSpacing: '-0.02em' }}
          {...(compact ? { visibleFrom: 'xs' } : {})}
        >
          Baton
        </Text>
      </Group>
    </Link>
  );
}
