import { z } from 'zod';
import type { TDownload } from '../../downloads';
import { parseQuery, single } from '../../downloads';
import { NotFoundError } from '@baton/domain';
import { DOCUMENT_NOT_FOUND } from './document.access';
import { documentFile } from './document.service';

const ZDocumentQuery = z.object({
  version: z.coerce
    .number({ error: 'The version must be a whole number' })
    .int('The version must be a whole number')
    .min(1, 'The version must be a whole number from 1')
    .max(100_000, 'The version must be a whole number up to 100,000')
    .optional(),
});

export const documentFiles: TDownload[] = [
  {
    path: '/export/programmes/:programmeId/documents/:documentId',
    capability: 'programme.read',
    description:
      'A document attached to a due diligence request, latest version or `?version=n` (audited; a bidder only once the request is released)',
    make: (ctx, request) => {
      const id = z.uuid().safeParse(request.params.documentId);
      if (!id.success) throw new NotFoundError(DOCUMENT_NOT_FOUND);
      const q = parseQuery(ZDocumentQuery, { version: single(request.query.version) }, 'Check the version.');
      return documentFile(ctx, id.data, q.version);
    },
  },
];
