import { MAX_DOCUMENT_BYTES, ZDocumentFileName, ZDocumentParent, ZVersion, zLines } from '@baton/domain';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import { zBase64File } from '../../validation';
import { listDocumentsOf, uploadDocument } from './document.service';

export const documentRouter = router({
  /** The documents attached to a request the caller may see, each with its versions. */
  list: programmeProcedure('programme.read')
    .input(z.object({ programmeId: z.uuid(), parentType: ZDocumentParent, parentId: z.uuid() }))
    .query(({ ctx, input }) => listDocumentsOf(ctx, input)),

  /** A new document, or a new version of one (`replaces`): type, content, size and virus scan checked first. */
  upload: programmeProcedure('items.editOwn')
    .input(
      z.object({
        programmeId: z.uuid(),
        parentType: ZDocumentParent,
        parentId: z.uuid(),
        fileName: ZDocumentFileName,
        contentBase64: zBase64File(MAX_DOCUMENT_BYTES, 'The file is larger than 10 MB'),
        note: zLines({ max: 1_000, tooLong: 'Keep the note under 1,000 characters' }).default(''),
        replaces: z.object({ documentId: z.uuid(), version: ZVersion }).optional(),
      }),
    )
    .mutation(({ ctx, input }) => uploadDocument(ctx, input)),
});
