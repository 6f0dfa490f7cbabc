import {
  ZAddEvidenceInput,
  ZAdvanceGatewayInput,
  ZCreateGatewayInput,
  ZGatewayGetInput,
  ZGatewayListInput,
  ZModerateInput,
  ZRateCriterionInput,
  ZRecordRecommendationInput,
  ZRemoveEvidenceInput,
  ZSetCriteriaInput,
  ZUpdateGatewayInput,
} from '@baton/domain';
import { programmeProcedure, router } from '../../trpc';
import {
  addEvidence,
  advanceGateway,
  createGateway,
  getGateway,
  listGatewaysFor,
  moderate,
  rateCriterion,
  recordRecommendation,
  removeEvidence,
  setCriteria,
  updateGateway,
} from './gateway.service';

/* Assurance gateways; who may do what beyond the capability is in gateway.access.ts. */
export const gatewayRouter = router({
  list: programmeProcedure('programme.read')
    .input(ZGatewayListInput)
    .query(({ ctx }) => listGatewaysFor(ctx)),
  get: programmeProcedure('programme.read')
    .input(ZGatewayGetInput)
    .query(({ ctx, input }) => getGateway(ctx, input.gatewayId)),
  create: programmeProcedure('meetings.manage')
    .input(ZCreateGatewayInput)
    .mutation(({ ctx, input }) => createGateway(ctx, input)),
  update: programmeProcedure('meetings.manage')
    .input(ZUpdateGatewayInput)
    .mutation(({ ctx, input }) => updateGateway(ctx, input)),
  setCriteria: programmeProcedure('meetings.manage')
    .input(ZSetCriteriaInput)
    .mutation(({ ctx, input }) => setCriteria(ctx, input)),
  advance: programmeProcedure('meetings.manage')
    .input(ZAdvanceGatewayInput)
    .mutation(({ ctx, input }) => advanceGateway(ctx, input)),
  rate: programmeProcedure('items.editOwn')
    .input(ZRateCriterionInput)
    .mutation(({ ctx, input }) => rateCriterion(ctx, input)),
  moderate: programmeProcedure('meetings.manage')
    .input(ZModerateInput)
    .mutation(({ ctx, input }) => moderate(ctx, input)),
  addEvidence: programmeProcedure('meetings.manage')
    .input(ZAddEvidenceInput)
    .mutation(({ ctx, input }) => addEvidence(ctx, input)),
  removeEvidence: programmeProcedure('meetings.manage')
    .input(ZRemoveEvidenceInput)
    .mutation(({ ctx, input }) => removeEvidence(ctx, input)),
  recordRecommendation: programmeProcedure('meetings.manage')
    .input(ZRecordRecommendationInput)
    .mutation(({ ctx, input }) => recordRecommendation(ctx, input)),
});
