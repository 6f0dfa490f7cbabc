import type { ReactNode } from 'react';
import { Box } from '@mantine/core';
import { Section } from '../../components/Section';
import './steering.css';

/**
 * A titled card of the pack that the tiles can link to (`#id`), landing below the fixed header rather than
 * under it.
 */
export function PackSection({
  id,
  title,
  actions,
  children,
}: {
  id: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Box id={id} h="100%" className="pack-section">
      <Section id={id} title={title} actions={actions}>
        {children}
      </Section>
    </Box>
  );
}
