import {
  ZAnswerClarificationInput,
  ZAnswerDdRequestInput,
  ZAskClarificationInput,
  ZClarificationActionInput,
  ZCreateDdRequestInput,
  ZDdListInput,
  ZDdRequestActionInput,
  ZReviewDdRequestInput,
  ZUpdateDdRequestInput,
  ZVersion,
} from '@baton/domain';
import { z } from 'zod';
import { programmeProcedure, router } from '../../trpc';
import {
  answerClarification,
  answerRequest,
  askClarification,
  chaseRequest,
  createRequest,
  getRequest,
  listClarificationQuestions,
  listRequests,
  publishClarification,
  raiseRiskFromRequest,
  releaseRequest,
  reviewRequest,
  updateRequest,
  withdrawClarification,
  withdrawRequest,
} from './due-diligence.service';

export const dueDiligenceRouter = router({
  /** The requests the caller may see (a bidder only released ones), with counts from the same rows. */
  list: programmeProcedure('programme.read')
    .input(ZDdListInput)
    .query(({ ctx, input }) => listRequests(ctx, input)),

  get: programmeProcedure('programme.read')
    .input(z.object({ programmeId: z.uuid(), requestId: z.uuid() }))
    .query(({ ctx, input }) => getRequest(ctx, input.requestId)),

  /** Ask an organisation for information (commissioners, incoming providers, leads and admins). */
  create: programmeProcedure('items.editOwn')
    .input(ZCreateDdRequestInput)
    .mutation(({ ctx, input }) => createRequest(ctx, input)),

  update: programmeProcedure('items.editOwn')
    .input(ZUpdateDdRequestInput)
    .mutation(({ ctx, input }) => updateRequest(ctx, input)),

  /** The organisation asked answers (again, after a return). */
  answer: programmeProcedure('items.editOwn')
    .input(ZAnswerDdRequestInput)
    .mutation(({ ctx, input }) => answerRequest(ctx, input)),

  /** The requester accepts the answer, or returns it saying what more is needed. */
  review: programmeProcedure('items.editOwn')
    .input(ZReviewDdRequestInput)
    .mutation(({ ctx, input }) => reviewRequest(ctx, input)),

  chase: programmeProcedure('items.editOwn')
    .input(ZDdRequestActionInput)
    .mutation(({ ctx, input }) => chaseRequest(ctx, input)),

  withdraw: programmeProcedure('items.editOwn')
    .input(ZDdRequestActionInput)
    .mutation(({ ctx, input }) => withdrawRequest(ctx, input)),

  /** An accepted answer to every bidder at one moment (commissioners and programme admins). */
  release: programmeProcedure('items.editOwn')
    .input(z.object({ programmeId: z.uuid(), requestId: z.uuid(), version: ZVersion }))
    .mutation(({ ctx, input }) => releaseRequest(ctx, input)),

  /** An overdue request raises a risk on the register, linked to it (the asker's side, once). */
  raiseRisk: programmeProcedure('items.editOwn')
    .input(z.object({ programmeId: z.uuid(), requestId: z.uuid(), version: ZVersion }))
    .mutation(({ ctx, input }) => raiseRiskFromRequest(ctx, input)),

  clarifications: programmeProcedure('programme.read')
    .input(z.object({ programmeId: z.uuid() }))
    .query(({ ctx }) => listClarificationQuestions(ctx)),

  /** A bidder's question to the commissioners. */
  askClarification: programmeProcedure('items.editOwn')
    .input(ZAskClarificationInput)
    .mutation(({ ctx, input }) => askClarification(ctx, input)),

  answerClarification: programmeProcedure('items.editOwn')
    .input(ZAnswerClarificationInput)
    .mutation(({ ctx, input }) => answerClarification(ctx, input)),

  /** Publish an answered question to every bidder at once, without saying who asked. */
  publishClarification: programmeProcedure('items.editOwn')
    .input(ZClarificationActionInput)
    .mutation(({ ctx, input }) => publishClarification(ctx, input)),

  withdrawClarification: programmeProcedure('items.editOwn')
    .input(ZClarificationActionInput)
    .mutation(({ ctx, input }) => withdrawClarification(ctx, input)),
});
